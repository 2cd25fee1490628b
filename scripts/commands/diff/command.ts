import type { CommandSpec } from '../command';
import { formatOption, ROOT, stringValue } from '../sharedOptions';

/** `reflib diff`. */
export const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Show what changed between two releases',
  options: [
    ROOT,
    { name: 'from', type: 'string', value: 'VERSION', description: 'The older release (default: the one before --to)' },
    { name: 'to', type: 'string', value: 'VERSION', description: 'The newer release (default: the newest)' },
    formatOption(['text', 'json']),
  ],
  async run({ values }, io) {
    const { diff } = await import('.');
    const result = await diff({ cwd: io.cwd, root: stringValue(values, 'root'), from: stringValue(values, 'from'), to: stringValue(values, 'to'), format: stringValue(values, 'format') });
    io.out(result.output);
    return 0;
  },
};
