/** Options several commands take, declared once so they read the same everywhere. */
import type { OptionSpec } from './command';

export const ROOT: OptionSpec = { name: 'root', type: 'string', value: 'DIR', description: 'The library root, holding entries/ (default: the current folder)' };
export const STRICT: OptionSpec = { name: 'strict', type: 'boolean', description: 'Unverified PMIDs are errors, not warnings, and PMIDs missing from the lock stay errors whatever the config says' };
export const NO_CACHE: OptionSpec = { name: 'no-cache', type: 'boolean', description: 'Neither read nor write the content cache (.reflib-cache/ under the root)' };
export const MAX_AGE: OptionSpec = { name: 'max-age', type: 'string', value: 'DAYS', description: 'Records fetched longer ago than this are stale (default 180)' };

/** A `--format` option listing the formats the command prints, the default first. */
export function formatOption(formats: readonly string[]): OptionSpec {
  const [first, ...rest] = formats;
  const others = rest.length === 0 ? '' : rest.length === 1 ? ` or ${rest[0]}` : `, ${rest.slice(0, -1).join(', ')} or ${rest[rest.length - 1]}`;
  return { name: 'format', type: 'string', value: formats.join('|'), description: `${first} (default)${others}` };
}

/** A string option's value, or undefined when it was not given. */
export function stringValue(values: Readonly<Record<string, string | boolean | undefined>>, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
