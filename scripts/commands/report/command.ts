import type { CommandSpec } from '../command';
import { NO_CACHE, ROOT, stringValue } from '../sharedOptions';

/** `reflib report`. */
export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'Write a static HTML QA report for reviewers (default: dist/report/)',
  options: [ROOT, { name: 'out', type: 'string', value: 'DIR', description: 'The folder to write, replaced as a whole (default: <root>/dist/report)' }, NO_CACHE],
  async run({ values }, io) {
    const { report } = await import('.');
    io.out((await report({ cwd: io.cwd, root: stringValue(values, 'root'), out: stringValue(values, 'out'), cache: values['no-cache'] !== true })).output);
    return 0;
  },
};
