import { UsageError } from '../../core/usageError';
import type { CommandSpec } from '../command';
import { formatOption, NO_CACHE, ROOT, STRICT, stringValue } from '../sharedOptions';

/** `reflib validate`, and `validate --watch`. */
export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check every entry under entries/ and report problems',
  options: [
    ROOT,
    formatOption(['text', 'json', 'github', 'sarif', 'junit']),
    STRICT,
    NO_CACHE,
    { name: 'watch', type: 'boolean', description: 'Re-check on every change, until Ctrl-C (text output only)' },
    { name: 'changed-since', type: 'string', value: 'REF', description: 'With --format github: annotate files changed since the git REF first (e.g. origin/main)' },
  ],
  async run({ values }, io) {
    const common = { cwd: io.cwd, root: stringValue(values, 'root'), strict: values.strict === true, color: io.color, cache: values['no-cache'] !== true };
    const changedSince = stringValue(values, 'changed-since');
    if (values.watch) {
      if (changedSince !== undefined) throw new UsageError('--watch prints text; it does not take --changed-since', 'Drop --changed-since, or drop --watch.');
      const { watchValidate } = await import('./watchValidate');
      const format = stringValue(values, 'format');
      if (format !== undefined && format !== 'text') throw new UsageError(`--watch prints text; it does not take --format ${format}`, 'Drop --format, or drop --watch.');
      const session = watchValidate({ ...common, onOutput: io.out });
      await session.ready;
      await io.untilStopped();
      session.close();
      return 0;
    }
    const { validate } = await import('.');
    const result = await validate({ ...common, format: stringValue(values, 'format'), changedSince });
    for (const note of result.notes) io.err(`${note}\n`);
    io.out(result.output);
    return result.exitCode;
  },
};
