import type { CommandSpec } from '../command';
import { ROOT, stringValue } from '../sharedOptions';

/** `reflib fmt [paths…]`. */
export const fmtCommand: CommandSpec = {
  name: 'fmt',
  summary: 'Rewrite entries in the canonical layout',
  operands: '[paths…]',
  maxOperands: Infinity,
  options: [ROOT, { name: 'check', type: 'boolean', description: 'Change nothing; list the files that would change and exit 1 if any would' }],
  async run({ values, positionals }, io) {
    const { fmt } = await import('.');
    const result = await fmt({ cwd: io.cwd, root: stringValue(values, 'root'), paths: [...positionals], check: values.check === true });
    io.out(result.output);
    return result.exitCode;
  },
};
