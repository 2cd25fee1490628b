import type { CommandSpec } from '../command';
import { NO_CACHE, ROOT, STRICT, stringValue } from '../sharedOptions';

/** `reflib build`. */
export const buildCommand: CommandSpec = {
  name: 'build',
  summary: 'Validate, then compile a versioned release into dist/',
  options: [
    ROOT,
    STRICT,
    NO_CACHE,
    { name: 'sign', type: 'boolean', description: 'Also write dist/latest.signed.json, signed with Ed25519 (docs/trust.md)' },
    { name: 'key', type: 'string', value: 'FILE', description: 'With --sign: PEM private key(s), outside the repository (default: REFLIB_SIGNING_KEY)' },
    { name: 'expires-in', type: 'string', value: 'DAYS', description: 'With --sign: days until the signature expires, 1 to 366 (default 30)' },
  ],
  async run({ values }, io) {
    const { build } = await import('.');
    const { parseExpiresIn } = await import('./signBuild');
    const result = await build({
      cwd: io.cwd,
      root: stringValue(values, 'root'),
      strict: values.strict === true,
      color: io.color,
      cache: values['no-cache'] !== true,
      sign: values.sign === true,
      keyFile: stringValue(values, 'key'),
      expiresInDays: parseExpiresIn(stringValue(values, 'expires-in')),
    });
    io.out(result.output);
    return result.exitCode;
  },
};
