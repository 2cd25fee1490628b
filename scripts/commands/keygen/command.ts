import type { CommandSpec } from '../command';
import { ROOT, stringValue } from '../sharedOptions';

/** `reflib keygen`. */
export const keygenCommand: CommandSpec = {
  name: 'keygen',
  summary: 'Write a new Ed25519 key pair for signing releases (docs/trust.md)',
  options: [
    { name: 'out', type: 'string', value: 'DIR', description: 'The folder for the key pair, outside any repository (default: ~/.config/reflib/keys)' },
    { name: 'name', type: 'string', value: 'NAME', description: 'The files are NAME.key and NAME.pub (default: reflib-signing)' },
    ROOT,
  ],
  async run({ values }, io) {
    const { keygen } = await import('.');
    io.out((await keygen({ cwd: io.cwd, root: stringValue(values, 'root'), out: stringValue(values, 'out'), name: stringValue(values, 'name') })).output);
    return 0;
  },
};
