/**
 * Every kind of defect the foundation names, planted in a copy of a real
 * entry, is reported at the right line with the right rule and exit code.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../scripts/commands/validate';
import { REPO, tempDir } from '../support/fixtures';

const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';
const FORMS = 'entries/forms/magnesium-forms.yaml';

/** Copies the real library and applies `edit` to one file; returns the root. */
function plantIn(file: string, edit: (text: string) => string | Buffer): string {
  const root = tempDir('reflib-plant-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
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
    expect(r.result.summary.errors).toBe(0);
  });

  it.each([
    ['a misspelt key', STRESS, /^summary:/, (l: string) => l.replace('summary', 'sumary'), 'schema', 1],
    ['a duplicate key', STRESS, /^title:/, (l: string) => `${l}\ntitle: Again`, 'yaml-syntax', 1],
    ['a tab in the indentation', STRESS, /^  populations:/, (l: string) => `\t${l.trim()}`, 'yaml-syntax', 0],
    ['a wrong enum value', STRESS, /^status:/, () => 'status: live', 'schema', 9],
    ['a wrong type', FORMS, /^nutrient:/, () => 'nutrient: [magnesium]', 'schema', 11],
    ['a bad date', STRESS, /^updated:/, () => 'updated: 23/11/2026', 'schema', 10],
    ['an unknown cite key', STRESS, /^    cite: \[pickering2020\]$/, () => '    cite: [pickering2021]', 'cite-key', 12],
  ])('reports %s at its line', async (_, file, pattern, replacement, rule, column) => {
    const root = plantIn(file, replaceLine(pattern, replacement));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    // A duplicate key is reported on the repeated (inserted) line.
    const line = lineOf(file, pattern) + (_ === 'a duplicate key' ? 1 : 0);
    const found = r.result.diagnostics.filter((d) => d.file === file && d.rule === rule && d.line === line);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe('error');
    if (column) expect(found[0].column).toBe(column);
  });

  it('reports a missing required field at the mapping that lacks it', async () => {
    const root = plantIn(STRESS, (t) => t.replace(/^overview: >-\n(  .*\n)+/m, ''));
    const r = await validate({ cwd: root });
    const errors = r.result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([['schema', lineOf(STRESS, /^id:/), 1, 'missing required field "overview"']]);
  });

  it('reports a duplicate ID in both files', async () => {
    const root = plantIn(FORMS, (t) => t.replace(/^id: 3ca17b72$/m, 'id: 033c7bbb'));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    // Links to 3ca17b72 now break too; this test is about the clash.
    expect(r.result.diagnostics.filter((d) => d.rule === 'duplicate-id').map((d) => [d.file, d.rule, d.line])).toEqual([
      [FORMS, 'duplicate-id', lineOf(FORMS, /^id:/)],
      [STRESS, 'duplicate-id', lineOf(STRESS, /^id:/)],
    ]);
  });

  it('reports a real entry saved as Latin-1', async () => {
    const root = plantIn(STRESS, (t) => Buffer.from(t.replace('Stress and magnesium', 'Stress und Magnesium: Gr\u00f6ber'), 'latin1'));
    const r = await validate({ cwd: root });
    expect(r.exitCode).toBe(1);
    const errors = r.result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.rule, d.line])).toEqual([[STRESS, 'encoding', lineOf(STRESS, /^title:/)]]);
  });

  it('accepts a real entry with a BOM and CRLF line endings, and keeps positions', async () => {
    const root = plantIn(STRESS, (t) => '\uFEFF' + t.replace('summary:', 'sumary:').replace(/\n/g, '\r\n'));
    const r = await validate({ cwd: root });
    const d = r.result.diagnostics.find((x) => x.message === 'unknown field "sumary"')!;
    expect([d.line, d.column, d.endColumn]).toEqual([lineOf(STRESS, /^summary:/), 1, 7]);
  });
});

const ATHLETES = 'entries/cautions/athletes.yaml';
const OLDER = 'entries/cautions/older-adults.yaml';
const MYTH = 'entries/misconceptions/more-magnesium-always-better.yaml';

/** Copies the real library, applies edits per file and adds new files; returns the root. */
function plantMany(edits: Record<string, (text: string) => string>, added: Record<string, string> = {}): string {
  const root = tempDir('reflib-plant-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  for (const [file, edit] of Object.entries(edits)) writeFileSync(path.join(root, file), edit(readFileSync(path.join(root, file), 'utf8')));
  for (const [file, text] of Object.entries(added)) writeFileSync(path.join(root, file), text);
  return root;
}

/** Line and column of the first match of `pattern` in a planted file. */
function positionIn(root: string, file: string, pattern: RegExp, last = false): [number, number] {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const i = last ? lines.findLastIndex((l) => pattern.test(l)) : lines.findIndex((l) => pattern.test(l));
  if (i < 0) throw new Error(`${file} has no line matching ${pattern}`);
  return [i + 1, lines[i].search(pattern) + 1];
}

const retire = (replacement?: string) => (t: string) =>
  t.replace('status: published', replacement ? `status: retired\nreplaced_by: ${replacement}` : 'status: retired');

describe('every link and citation rule fires on a planted defect in a copy of the real library', () => {
  it.each([
    ['broken-link', { [STRESS]: (t: string) => t.replace('forms: [3ca17b72]', 'forms: [3ca17b73]') }, {}, STRESS, /3ca17b73/],
    ['broken-link', { [STRESS]: (t: string) => t.replace('[[3ca17b72|', '[[3ca17b27|') }, {}, STRESS, /\[\[3ca17b27/],
    ['link-kind', { [STRESS]: (t: string) => t.replace('cautions: [7e7eb745', 'cautions: [c3a72c9c') }, {}, STRESS, /(?<=^cautions: \[)c3a72c9c/],
    ['unpublished-link', { [ATHLETES]: (t: string) => t.replace('status: published', 'status: review') }, {}, STRESS, /\[\[b55fb877/],
    ['retired-link', { [ATHLETES]: retire('88c62921') }, {}, STRESS, /\[\[b55fb877/],
    ['retired-replacement', { [ATHLETES]: retire() }, {}, ATHLETES, /(?<=^status: )retired/],
    ['replacement-cycle', { [ATHLETES]: retire('88c62921'), [OLDER]: retire('b55fb877') }, {}, ATHLETES, /(?<=^replaced_by: )88c62921/],
    ['self-link', { [STRESS]: (t: string) => t.replace('related: [03c978d6', 'related: [033c7bbb, 03c978d6') }, {}, STRESS, /(?<=^related: \[)033c7bbb/],
    ['duplicate-link', { [STRESS]: (t: string) => t.replace('cautions: [7e7eb745', 'cautions: [7e7eb745, 7e7eb745') }, {}, STRESS, /(?<=7e7eb745, )7e7eb745/],
    ['orphan', {}, { 'entries/misconceptions/copy.yaml': readFileSync(path.join(REPO, MYTH), 'utf8').replace('id: db38cbbf', 'id: 5ee0c0de') }, 'entries/misconceptions/copy.yaml', /(?<=^id: )5ee0c0de/],
    ['pmid-not-in-lock', { [STRESS]: (t: string) => t.replace('pmid: 33260549', 'pmid: 33260548') }, {}, STRESS, /(?<=pmid: )33260548/],
    ['pmid-format', { [STRESS]: (t: string) => t.replace('pmid: 33260549', 'pmid: PMC7761127') }, {}, STRESS, /(?<=pmid: )PMC7761127/],
    ['coi-missing', { [STRESS]: (t: string) => t.replace(/    coi:\n      status: declared\n      sponsors: \[Sanofi\]\n(      .*\n)*/, '') }, {}, STRESS, /(?<=- key: )pickering2020/],
    ['coi-unsurfaced', { [STRESS]: (t: string) => t.replace('  - type: funding\n', '  - type: evidence\n') }, {}, STRESS, /(?<=^      status: )declared/],
    ['pmid-mismatch', { [STRESS]: (t: string) => t.replace('first_author: Pickering G', 'first_author: Pickard G') }, {}, STRESS, /(?<=first_author: )Pickard G/],
    ['id-reuse', { [ATHLETES]: retire('88c62921') }, { 'entries/cautions/new.yaml': readFileSync(path.join(REPO, ATHLETES), 'utf8') }, 'entries/cautions/new.yaml', /(?<=^id: )b55fb877/],
  ] as [string, Record<string, (t: string) => string>, Record<string, string>, string, RegExp, boolean?][])('%s', async (rule, edits, added, file, at, last) => {
    const root = plantMany(edits, added);
    const r = await validate({ cwd: root });
    const [line, column] = positionIn(root, file, at, last);
    expect(r.result.diagnostics.filter((d) => d.rule === rule).map((d) => [d.file, d.line, d.column])).toContainEqual([file, line, column]);
    expect(r.exitCode).toBe(r.result.summary.errors > 0 ? 1 : 0);
  });
});
