/**
 * The fast parser must never disagree with the full one: whenever
 * readPlainData returns data, `yaml` must read the same file with no error,
 * no warning, nothing outside the profile, and exactly the same data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { readPlainData } from '../../scripts/load/readPlainData';
import { checkProfile } from '../../scripts/load/checkProfile';
import { stripBom } from '../../scripts/load/parseEntry';
import { SourceFile, YAML_OPTIONS } from '../../scripts/core/sourceFile';
import { MAX_DEPTH, MAX_SCALAR_CHARS } from '../../scripts/core/limits';
import { hostileCases } from '../hostile/hostileInputs';
import { REPO } from '../support/fixtures';

/** What the full parser says: the data, or why the file is not plain data. */
function fullParse(text: string): { data: unknown } | { problem: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) return { problem: problems[0].code };
  const outside = checkProfile(new SourceFile('x.yaml', text, { doc, lineCounter }));
  if (outside.length > 0) return { problem: outside[0].rule };
  return { data: doc.toJS({ maxAliasCount: 0 }) };
}

/** Deep equality that tells -0 from 0 and NaN from everything but NaN. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Asserts agreement for one text; returns whether the fast path took it. */
function agree(name: string, text: string): boolean {
  const fast = readPlainData(text);
  if (!fast) return false;
  const full = fullParse(text);
  expect('data' in full ? '' : `${name}: the full parser found ${(full as { problem: string }).problem}`).toBe('');
  expect(same(fast.data, (full as { data: unknown }).data), `${name}: data differs`).toBe(true);
  return true;
}

function realEntries(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (d.name.endsWith('.yaml')) out.push({ name: path.relative(REPO, full), text: stripBom(readFileSync(full, 'utf8')) });
    }
  };
  walk(path.join(REPO, 'entries'));
  return out;
}

/** Variants of a real entry that exercise what the fast path must get right: styles, numbers, folding, comments. */
function variants(text: string): string[] {
  const lines = text.split('\n');
  return [
    text.replace(/\n/g, '\r\n'),
    text.replace(/^summary: (.*)$/m, 'summary: "$1"'),
    text.replace(/^summary: (.*)$/m, "summary: '$1'"),
    text.replace(/^summary: (.*)$/m, 'summary: >-\n  $1\n  continued on a second line'),
    text.replace(/^summary: (.*)$/m, 'summary: |\n  $1\n\n  kept\n'),
    text.replace(/^title: (.*)$/m, 'title: $1 # a comment'),
    `---\n${text}`,
    `# yaml-language-server: $schema=x\n${text}`,
    lines.map((l) => l.replace(/^(\s*)- /, '$1-   ')).join('\n'),
  ];
}

describe('readPlainData agrees with the full parser', () => {
  it('on every real entry, and takes the fast path for each', () => {
    const entries = realEntries();
    expect(entries.length).toBeGreaterThanOrEqual(20);
    for (const { name, text } of entries) expect(agree(name, text), `${name} should be plain data`).toBe(true);
  });

  it('on variants of every real entry (quoting, folding, comments, CRLF, document start)', () => {
    let fast = 0;
    let plain = 0;
    for (const { name, text } of realEntries()) {
      for (const [i, v] of variants(text).entries()) {
        if (agree(`${name} variant ${i}`, v)) fast++;
        if ('data' in fullParse(v)) plain++;
      }
    }
    // Some variants break the YAML (quoting a block scalar's indicator); every one that is plain data takes the fast path.
    expect(plain).toBeGreaterThan(100);
    expect(fast).toBe(plain);
  });

  it('on every hostile input, taking none that the full parser would flag', () => {
    let checked = 0;
    for (const c of hostileCases()) {
      for (const [file, content] of Object.entries(c.files)) {
        if (typeof content !== 'string') continue;
        agree(`${c.name} (${file})`, stripBom(content));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('on 3,000 seeded random edits of real entries (YAML punctuation, tabs and carriage returns inserted, deleted, replaced)', () => {
    const entries = realEntries();
    let seed = 20261206;
    const random = () => {
      // mulberry32: a small seeded generator, so a failure can be replayed.
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = ':-[]{},#&*!|>\'"\n \t?%@`0x.~<\r';
    let fast = 0;
    for (let n = 0; n < 3000; n++) {
      const { name, text } = entries[Math.floor(random() * entries.length)];
      let edited = text;
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * edited.length);
        const ch = alphabet[Math.floor(random() * alphabet.length)];
        const op = random();
        edited = op < 0.4 ? edited.slice(0, at) + ch + edited.slice(at) : op < 0.7 ? edited.slice(0, at) + edited.slice(at + 1) : edited.slice(0, at) + ch + edited.slice(at + 1);
      }
      if (agree(`${name} edit ${n}`, edited)) fast++;
    }
    // Most single edits land in prose and leave plain data; the rest must have been checked above.
    expect(fast).toBeGreaterThan(1000);
  });

  const scalars = ['12345678901234567890', '1'.repeat(400), `0x${'F'.repeat(300)}`, '1e309', '-1e309', '.1e-400', '0.0', '-0.0', '-0', '+0', '00', '007', '+12', '.Inf', '-.INF', '.NaN', '1.5e+3', '5.', '-.5', '0x', '0o17', '0b101', '1_000', 'True', 'FALSE', 'yes', 'no', '~', 'Null', 'null', '2026-11-23', '12:30', '1:20:30', '0.5', '', '"quoted"', "'single'"];
  it.each(scalars)('on the scalar %s as a value and as a key', (s) => {
    agree(`value ${s}`, `a: ${s}\nb: [${s || '""'}, x]\n`);
    if (s !== '') agree(`key ${s}`, `${s}: value\n`);
  });
});

describe('readPlainData leaves to the full parser', () => {
  const cases: [string, string][] = [
    ['an anchor', 'a: &x 1\nb: 2\n'],
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a local tag', 'a: !thing x\n'],
    ['a %YAML directive', '%YAML 1.1\n---\na: 1\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a complex key', '? [a, b]\n: c\n'],
    ['a flow mapping key', '{a: 1}: c\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['an escape', 'a: "x\\0y"\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a tab as indentation', 'a:\n\tb: 1\n'],
    ['deep nesting', `a: ${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}\n`],
    ['a long text', `a: ${'x'.repeat(MAX_SCALAR_CHARS + 1)}\n`],
    ['a number too large for a double', `a: ${'9'.repeat(400)}\n`],
    ['an empty file', ''],
    ['old Mac line endings (lone CR)', 'a: x\rb: y\r'],
    ['a lone CR inside CRLF text', 'a: x\r\n\rb: y\n'],
    ['a lone CR inside a plain scalar', 'a: x\r  y\n'],
    ['a tab-only line after a block scalar', 'a: |\n  x\n\t\n'],
    ['a tab in indentation', 'a:\n  b: 1\n \tc: 2\n'],
    ['an implicit key over 1,024 characters', `${'k'.repeat(1025)}: 1\n`],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(readPlainData(text)).toBeUndefined();
  });

  it('but keeps a quoted "<<" key, which is plain text', () => {
    expect(readPlainData('"<<": 1\n')).toEqual({ data: { '<<': 1 }, plainNumbers: true });
  });

  it('says whether every number is written as plain digits', () => {
    expect(readPlainData('pmid: 33260549\n')?.plainNumbers).toBe(true);
    expect(readPlainData('pmid: 033260549\n')?.plainNumbers).toBe(false);
    expect(readPlainData('pmid: 0x1FAB\n')?.plainNumbers).toBe(false);
    expect(readPlainData('pmid: "033260549"\n')?.plainNumbers).toBe(true);
    expect(readPlainData('pmid: 2.0152124e7\n')?.plainNumbers).toBe(false);
    expect(readPlainData('ratio: 1.5\npmid: 33260549\n')?.plainNumbers).toBe(true);
  });
});
