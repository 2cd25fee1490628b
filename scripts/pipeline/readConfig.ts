/**
 * Reads `reflib.config.yaml` from the library root: per-rule severities.
 *
 *   rules:
 *     orphan: off
 *     retired-link: error
 *
 * Problems with the file are `config` findings, located like any other.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar } from 'yaml';
import type { Finding, Severity } from '../core/diagnostic';
import { locatePointer, toPointer } from '../core/locatePointer';
import { parseEntry } from '../load/parseEntry';
import { closest } from '../core/suggest';
import { LOCKED_RULES } from './rules';

import { CONFIG_FILE } from '../core/fileNames';

export { CONFIG_FILE };

/** A configured level: a severity, or off. */
export type RuleLevel = Severity | 'off';

export interface Config {
  rules: Record<string, RuleLevel>;
}

const LEVELS: Record<string, RuleLevel> = { error: 'error', warn: 'warning', warning: 'warning', info: 'info', off: 'off' };

/** Parses config text; `ruleIds` are the rules that exist. */
export function parseConfig(text: string, ruleIds: readonly string[]): { config: Config; findings: Finding[]; text: string } {
  const parsed = parseEntry(CONFIG_FILE, text);
  const config: Config = { rules: {} };
  if (!parsed.entry) return { config, findings: parsed.findings.map((f) => ({ ...f, rule: 'config' })), text };
  const file = parsed.entry.file;
  const findings: Finding[] = [];
  const at = (pointer: string, target: 'key' | 'value', message: string, hint: string) =>
    findings.push({ file: CONFIG_FILE, ...locatePointer(file, pointer, target), rule: 'config', message, hint });
  const root = file.doc.contents;
  if (root === null || root === undefined) return { config, findings, text };
  if (!isMap(root)) {
    at('', 'value', `${CONFIG_FILE} must be a mapping`, 'Write rules: followed by one rule: level per line.');
    return { config, findings, text };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key !== 'rules') at(toPointer([key]), 'key', `unknown setting "${key}"`, 'The only setting is rules:.');
  }
  const rules = (parsed.entry.data as { rules?: unknown }).rules;
  if (rules === undefined || rules === null) return { config, findings, text };
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    at('/rules', 'value', 'rules must be a mapping of rule ids to levels', 'e.g. rules: {orphan: off}');
    return { config, findings, text };
  }
  for (const [rule, value] of Object.entries(rules)) {
    const pointer = toPointer(['rules', rule]);
    if (!ruleIds.includes(rule)) {
      const guess = closest(rule, ruleIds);
      at(pointer, 'key', `unknown rule "${rule}"`, guess ? `Did you mean "${guess}"?` : 'The rules are listed in the README.');
      continue;
    }
    if (LOCKED_RULES.has(rule)) {
      const why =
        rule === 'pmid-unchecked'
          ? 'A published entry must not cite a PMID nobody has checked: check the record (pubmed sync, pubmed import, or a transcribed record) or set the entry to draft.'
          : 'Its findings mean a file could not be read as an entry, so it would silently drop out of the release: fix the file instead.';
      at(pointer, 'key', `${rule} cannot be changed`, why);
      continue;
    }
    // Own keys only: `constructor` or `toString` must not pass for a level.
    const level = typeof value === 'string' && Object.hasOwn(LEVELS, value) ? LEVELS[value] : undefined;
    if (!level) {
      at(pointer, 'value', `"${String(value)}" is not a level for ${rule}`, 'Use error, warn or off.');
      continue;
    }
    config.rules[rule] = level;
  }
  return { config, findings, text };
}

/** Reads the config under `root`; no file means defaults. */
export async function readConfig(root: string, ruleIds: readonly string[]): Promise<{ config: Config; findings: Finding[]; text?: string }> {
  const text = await fs.readFile(path.join(root, CONFIG_FILE), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (text === undefined) return { config: { rules: {} }, findings: [] };
  return parseConfig(text, ruleIds);
}
