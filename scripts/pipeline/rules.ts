/**
 * Every rule reflib can report, core stages and checks alike, with its
 * default severity. Each has a page at docs/rules/<id>.md.
 */
import type { RuleMeta } from '../checks/check';
import { CHECKS } from '../checks/index';
import type { Diagnostic, Finding, Severity } from '../core/diagnostic';

/** Rules reported by the load and validate stages rather than by checks. */
export const CORE_RULES: readonly RuleMeta[] = [
  { id: 'encoding', description: 'An entry file is not valid UTF-8.', defaultSeverity: 'error' },
  { id: 'yaml-syntax', description: 'An entry file is not valid YAML (including duplicate keys and tab indentation).', defaultSeverity: 'error' },
  { id: 'yaml-profile', description: 'YAML features entries do not use: tags, anchors, aliases, merge keys, keys that are not plain names.', defaultSeverity: 'error' },
  { id: 'limit', description: 'An entry beyond a limit reflib sets: file size, nesting depth, text length.', defaultSeverity: 'error' },
  { id: 'not-a-file', description: 'A symbolic link or other non-regular file under entries/, which reflib does not follow or read.', defaultSeverity: 'error' },
  { id: 'schema', description: "An entry does not match its kind's JSON Schema.", defaultSeverity: 'error' },
  { id: 'pubmed-lock', description: 'pubmed-lock.json is not valid JSON or does not match its schema.', defaultSeverity: 'error' },
  { id: 'config', description: 'reflib.config.yaml has an unknown setting, rule or level.', defaultSeverity: 'error' },
  { id: 'suppression', description: 'A reflib-disable-next-line comment without a reason, or naming an unknown rule.', defaultSeverity: 'error' },
  { id: 'unused-suppression', description: 'A reflib-disable-next-line comment that silences nothing.', defaultSeverity: 'warning' },
];

/**
 * Rules that can be neither turned down in reflib.config.yaml nor
 * suppressed. Those whose finding means a file could not be read as an
 * entry: a file that is not read drops out of every later stage, and out of
 * the release, so one comment could otherwise silently unpublish an entry.
 * And pmid-unchecked: a citation nobody has checked must never reach
 * readers, so the only ways past it are checking the record or taking the
 * entry back to draft.
 */
export const LOCKED_RULES: ReadonlySet<string> = new Set(['encoding', 'yaml-syntax', 'yaml-profile', 'limit', 'not-a-file', 'pmid-unchecked']);

/** All rules, core first, then checks in registry order. */
export const RULES: readonly RuleMeta[] = [...CORE_RULES, ...CHECKS.map((c) => c.meta)];

const byId = new Map(RULES.map((r) => [r.id, r]));

import type { SeverityConfig } from './severitiesFor';

export { severitiesFor, STRICT_SEVERITIES, type SeverityConfig } from './severitiesFor';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info'];

function levelOf(config: SeverityConfig, rule: string): Severity | undefined {
  const level = Object.hasOwn(config, rule) ? config[rule] : undefined;
  if (level === undefined || level === 'off') return undefined;
  if (!SEVERITIES.includes(level)) throw new Error(`invalid severity ${String(level)} for ${rule}`);
  return level;
}

/** Applies each rule's severity to its findings. The only place severities are chosen. */
export function applySeverity(findings: readonly Finding[], config: SeverityConfig = {}): Diagnostic[] {
  return findings.filter((f) => LOCKED_RULES.has(f.rule) || !(Object.hasOwn(config, f.rule) && config[f.rule] === 'off')).map((f) => {
    const meta = byId.get(f.rule);
    if (!meta) throw new Error(`finding for unregistered rule ${f.rule}`);
    // Fixed key order, and no `undefined` keys, so JSON output is stable and clean.
    const d: Diagnostic = {
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      severity: (LOCKED_RULES.has(f.rule) ? undefined : levelOf(config, f.rule)) ?? meta.defaultSeverity,
      rule: f.rule,
      message: f.message,
    };
    if (f.hint !== undefined) d.hint = f.hint;
    if (f.entry !== undefined) d.entry = f.entry;
    if (f.related?.length) d.related = f.related;
    if (f.data !== undefined) d.data = f.data;
    return d;
  });
}
