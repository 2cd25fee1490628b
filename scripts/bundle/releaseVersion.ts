/**
 * A release's version: MAJOR.MINOR.PATCH, digits without leading zeros, as
 * `reflib build` makes them. The one definition used by the bundle schema,
 * the build, `serve`, and the client.
 */

/** The pattern as JSON Schema writes it (in schemas/bundle.schema.json). */
export const RELEASE_VERSION_PATTERN = '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$';

/** Matches a release version, e.g. `1.2.0`. */
export const RELEASE_VERSION = new RegExp(RELEASE_VERSION_PATTERN);

/** Compares release versions numerically (1.10.0 after 1.9.9), for sorting. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
