import { UsageError } from '../../core/usageError';
import type { CommandSpec } from '../command';
import { formatOption, NO_CACHE, ROOT, STRICT, stringValue } from '../sharedOptions';

/** `--max-warnings N`'s value: a whole number, 0 or more (ESLint's option). */
export function parseMaxWarnings(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`--max-warnings takes a whole number, 0 or more, not "${text}"`, 'e.g. --max-warnings 0 fails the run on any warning.');
  return n;
}

/** `reflib validate [paths…]`, and `validate --watch`. */
export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check every entry under entries/ and report problems',
  operands: '[paths…]',
  maxOperands: Infinity,
  options: [
    ROOT,
    formatOption(['text', 'json', 'github', 'sarif', 'junit']),
    STRICT,
    { name: 'quiet', type: 'boolean', description: 'Report errors only: warnings are neither shown nor counted' },
    { name: 'max-warnings', type: 'string', value: 'N', description: 'Exit 1 when more than N warnings are reported' },
    NO_CACHE,
    { name: 'watch', type: 'boolean', description: 'Re-check on every change, until Ctrl-C (text output only)' },
    { name: 'changed-since', type: 'string', value: 'REF', description: 'With --format github: annotate files changed since the git REF first (e.g. origin/main)' },
  ],
  async run({ values, positionals }, io) {
    const common = {
      cwd: io.cwd,
      root: stringValue(values, 'root'),
      strict: values.strict === true,
      color: io.color,
      cache: values['no-cache'] !== true,
      paths: [...positionals],
      quiet: values.quiet === true,
    };
    const changedSince = stringValue(values, 'changed-since');
    const maxWarningsText = stringValue(values, 'max-warnings');
    const maxWarnings = maxWarningsText === undefined ? undefined : parseMaxWarnings(maxWarningsText);
    if (values.watch) {
      if (changedSince !== undefined) throw new UsageError('--watch prints text; it does not take --changed-since', 'Drop --changed-since, or drop --watch.');
      if (maxWarnings !== undefined) throw new UsageError('--watch has no exit code for --max-warnings to set', 'Drop --max-warnings, or drop --watch.');
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
    const result = await validate({ ...common, format: stringValue(values, 'format'), changedSince, maxWarnings });
    for (const note of result.notes) io.err(`${note}\n`);
    io.out(result.output);
    return result.exitCode;
  },
};
