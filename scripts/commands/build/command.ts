import type { CommandSpec } from '../command';
import { NO_CACHE, ROOT, STRICT, stringValue } from '../sharedOptions';

/** `reflib build`. */
export const buildCommand: CommandSpec = {
  name: 'build',
  summary: 'Validate, then compile a versioned release into dist/',
  options: [ROOT, STRICT, NO_CACHE],
  async run({ values }, io) {
    const { build } = await import('.');
    const result = await build({ cwd: io.cwd, root: stringValue(values, 'root'), strict: values.strict === true, color: io.color, cache: values['no-cache'] !== true });
    io.out(result.output);
    return result.exitCode;
  },
};
