import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalJson } from '../../scripts/bundle/canonicalJson';
import { formatEntryText } from '../../scripts/layout/layoutEntryText';
import { REPO } from '../support/fixtures';

const fmt = (text: string) => {
  const r = formatEntryText(text);
  if (!r.ok) throw new Error(r.error);
  return r.text;
};

const realEntries = readdirSync(path.join(REPO, 'entries'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));

describe('formatEntryText', () => {
  it.each([
    ['orders keys as the schema does', 'kind: topic\nid: aaaaaaaa\ntitle: T\n', 'id: aaaaaaaa\nkind: topic\ntitle: T\n'],
    ['keeps unknown keys, in their order, at the end', 'zeta: 1\nid: aaaaaaaa\nalpha: 2\nkind: topic\n', 'id: aaaaaaaa\nkind: topic\nzeta: 1\nalpha: 2\n'],
    ['drops quotes YAML does not need', 'kind: topic\nupdated: "2026-11-23"\ntitle: \'Sleep\'\n', 'kind: topic\ntitle: Sleep\nupdated: 2026-11-23\n'],
    ['keeps quotes YAML needs', 'kind: topic\nid: "12345678"\ntitle: "Stress: a circle"\n', 'id: "12345678"\nkind: topic\ntitle: "Stress: a circle"\n'],
    ['puts short lists of plain values on one line', 'kind: topic\nrelated:\n  - aaaaaaaa\n  - bbbbbbbb\n', 'kind: topic\nrelated: [aaaaaaaa, bbbbbbbb]\n'],
    ['indents block lists under their key', 'kind: topic\nguidance:\n- text: x\n', 'kind: topic\nguidance:\n  - text: x\n'],
    ['keeps comments', '# yaml-language-server: $schema=../../schemas/topic.schema.json\nkind: topic\n# about the title\ntitle: T # inline\n', '# yaml-language-server: $schema=../../schemas/topic.schema.json\nkind: topic\n# about the title\ntitle: T # inline\n'],
    ['keeps literal blocks, whose line breaks mean something', 'kind: topic\noverview: |\n  Line one.\n  Line two.\n', 'kind: topic\noverview: |\n  Line one.\n  Line two.\n'],
  ])('%s', (_, input, expected) => {
    expect(fmt(input)).toBe(expected);
  });

  it('folds long prose at 80 columns, and joins short folded text onto one line', () => {
    const long = 'word '.repeat(30).trim();
    const out = fmt(`kind: topic\noverview: ${long}\nsummary: >-\n  short\n  text\n`);
    expect(out).toBe(`kind: topic\nsummary: short text\noverview: >-\n  ${'word '.repeat(15).trim()}\n  ${'word '.repeat(15).trim()}\n`);
  });

  it('refuses a file that does not parse', () => {
    expect(formatEntryText('id: a\nid: b\n')).toEqual({ ok: false, error: 'Map keys must be unique' });
  });

  it.each(realEntries)('keeps the content of %s, and is idempotent', (rel) => {
    const text = readFileSync(path.join(REPO, 'entries', rel), 'utf8');
    const once = fmt(text);
    expect(canonicalJson(parse(once))).toBe(canonicalJson(parse(text)));
    expect(fmt(once)).toBe(once);
  });
});

describe('formatEntryText never changes content', () => {
  it.each([
    ['leading spaces', `  leading spaces ${'word '.repeat(20)}`],
    ['trailing spaces', `${'word '.repeat(20)}  `],
    ['a tab', `${'word '.repeat(20)}\tand more`],
    ['double spaces', `${'word '.repeat(10)} two  spaces ${'word '.repeat(10)}`],
    ['a hash after a space', `${'word '.repeat(20)} # not a comment`],
    ['a colon and space', `${'word '.repeat(20)}: like a key`],
    ['a line break', 'line one\nline two'],
    ['an empty string', ''],
    ['a number-like string', '1e3'],
    ['true', 'true'],
  ])('with %s', (_, value) => {
    const text = `kind: topic\noverview: ${JSON.stringify(value)}\n`;
    const once = fmt(text);
    expect(parse(once).overview).toBe(value);
    expect(fmt(once)).toBe(once);
  });
});
