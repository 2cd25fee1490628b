/** Severity overrides for a run: `--strict` and the config. Apart from rules.ts, which loads every check, so a cached run need not. */
import type { Severity } from '../core/diagnostic';

/** Severity overrides by rule id, from reflib.config.yaml and --strict; `off` drops the rule's findings. */
export type SeverityConfig = Readonly<Record<string, Severity | 'off'>>;

/**
 * What `--strict` changes: unverified PMIDs become errors (for release builds
 * and CI on main), and PMIDs missing from the lock stay errors whatever
 * reflib.config.yaml says (explicit severities win over the config file).
 * pmid-unchecked needs no entry here: it is locked (rules.ts).
 */
export const STRICT_SEVERITIES: SeverityConfig = { 'pmid-not-in-lock': 'error', 'pmid-unverified': 'error' };

/** The severity overrides for a run with or without `--strict`. */
export function severitiesFor(strict: boolean | undefined): SeverityConfig {
  return strict ? STRICT_SEVERITIES : {};
}
