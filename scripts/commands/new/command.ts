import { UsageError } from '../../core/usageError';
import type { CommandSpec } from '../command';
import { ROOT, stringValue } from '../sharedOptions';

/** `reflib new <kind> --title "…"`. */
export const newCommand: CommandSpec = {
  name: 'new',
  summary: 'Create an entry with a fresh ID',
  operands: '<kind>',
  maxOperands: 1,
  options: [ROOT, { name: 'title', type: 'string', value: 'TEXT', description: "The new entry's title", required: true }],
  async run({ values, positionals }, io) {
    const [kind] = positionals;
    if (!kind) throw new UsageError('new needs a kind', 'Example: reflib new misconception --title "…"');
    const { newEntry } = await import('.');
    io.out((await newEntry({ cwd: io.cwd, root: stringValue(values, 'root'), kind, title: stringValue(values, 'title') })).output);
    return 0;
  },
};
