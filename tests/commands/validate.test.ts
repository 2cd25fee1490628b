/**
 * Every kind of defect the foundation names, planted in a copy of a real
 * entry, is reported at the right line with the right rule and exit code.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import { REPO } from '../support/fixtures';

const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';
const FORMS = 'entries/forms/magnesium-forms.yaml';

/** Copies the real library and applies `edit` to one file; returns the root. */
function plantIn(file: string, edit: (text: string) => string | Buffer): string {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-plant-'));
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  writeFileSync(path.join(root, file), edit(readFileSync(path.join(root, file), 'utf8')));
  return root;
}

/** The 1-based line of the first line of `text` that matches `pattern`. */
function lineOf(file: string, pattern: RegExp): number {
  const lines = readFileSync(path.join(REPO, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => pattern.test(l));
  if (i < 0) throw new Error(`${file} has no line matching ${pattern}`);
  return i + 1;
}

const replaceLine = (pattern: RegExp, replacement: (line: string) => string) => (text: string) =>
  text
    .split('\n')
    .map((l) => (pattern.test(l) ? replacement(l) : l))
    .join('\n');

describe('validate on the real library', () => {
  it('is clean, exit 0', async () => {
    const r = await validate({ cwd: REPO });
    expect(r.exitCode).toBe(0);
    expect(r.report.summary.errors).toBe(0);
  });

  it.each([
    ['a misspelt key', STRESS, /^summary:/, (l: string) => l.replace('summary', 'sumary'), 'schema', 1],
    ['a duplicate key', STRESS, /^title:/, (l: string) => `${l}\ntitle: Again`, 'yaml-syntax', 1],
    ['a tab in the indentation', STRESS, /^  populations:/, (l: string) => `\t${l.trim()}`, 'yaml-syntax', 0],
    ['a wrong enum value', STRESS, /^status:/, () => 'status: live', 'schema', 9],
    ['a wrong type', FORMS, /^nutrient:/, () => 'nutrient: [magnesium]', 'schema', 11],
    ['a bad date', STRESS, /^updated:/, () => 'updated: 23/11/2026', 'schema', 10],
    ['an unknown cite key', STRESS, /^      - pickering2020$/, () => '      - pickering2021', 'cite-key', 9],
  ])('reports %s at its line', async (_, file, pattern, replacement, rule, column) => {
    const root = plantIn(file, replaceLine(pattern, replacement));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    // A duplicate key is reported on the repeated (inserted) line.
    const line = lineOf(file, pattern) + (_ === 'a duplicate key' ? 1 : 0);
    const found = r.report.diagnostics.filter((d) => d.file === file && d.rule === rule && d.line === line);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    if (column) expect(found[0].column).toBe(column);
  });

  it('reports a missing required field at the mapping that lacks it', async () => {
    const root = plantIn(STRESS, (t) => t.replace(/^overview: >-\n(  .*\n)+/m, ''));
    const r = await validate({ cwd: root });
    expect(r.report.diagnostics.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([['schema', lineOf(STRESS, /^id:/), 1, 'missing required field "overview"']]);
  });

  it('reports a duplicate ID in both files', async () => {
    const root = plantIn(FORMS, (t) => t.replace(/^id: 3ca17b72$/m, 'id: 033c7bbb'));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.report.diagnostics.map((d) => [d.file, d.rule, d.line])).toEqual([
      [FORMS, 'duplicate-id', lineOf(FORMS, /^id:/)],
      [STRESS, 'duplicate-id', lineOf(STRESS, /^id:/)],
    ]);
  });

  it('reports a real entry saved as Latin-1', async () => {
    const root = plantIn(STRESS, (t) => Buffer.from(t.replace('Stress and magnesium', 'Stress und Magnesium: Gr\u00f6ber'), 'latin1'));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.report.diagnostics.map((d) => [d.file, d.rule, d.line])).toEqual([[STRESS, 'encoding', lineOf(STRESS, /^title:/)]]);
  });

  it('accepts a real entry with a BOM and CRLF line endings, and keeps positions', async () => {
    const root = plantIn(STRESS, (t) => '\uFEFF' + t.replace('summary:', 'sumary:').replace(/\n/g, '\r\n'));
    const r = await validate({ cwd: root });
    const d = r.report.diagnostics.find((x) => x.message === 'unknown field "sumary"')!;
    expect([d.line, d.column, d.endColumn]).toEqual([lineOf(STRESS, /^summary:/), 1, 7]);
  });
});
