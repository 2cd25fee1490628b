import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatEntryText } from '../../scripts/layout/layoutEntryText';

const fmt = (text: string) => {
  const r = formatEntryText(text);
  if (!r.ok) throw new Error(r.error);
  return r.text;
};

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

  it.each([
    ['a file that does not parse', 'id: a\nid: b\n', 'Map keys must be unique'],
    ['a tag the loader warns about', 'id: a\ntitle: !foo x\n', 'Unresolved tag: !foo'],
  ])('refuses %s', (_, input, error) => {
    expect(formatEntryText(input)).toEqual({ ok: false, reason: 'yaml', error });
  });

  it('refuses, without a stack overflow, nesting too deep to lay out', () => {
    const deep = `kind: topic\nd: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(formatEntryText(deep)).toEqual({ ok: false, reason: 'yaml', error: 'nested too deeply to read' });
  });

  it.each([
    ['nothing', '', 'empty'],
    ['blank lines', '\n\n', 'empty'],
    ['spaces, a tab and CRLF', ' \t\r\n', 'empty'],
    ['a BOM alone', '\ufeff', 'empty'],
    ['a comment', '# just a note\n', 'comment-only'],
    ['a comment without a newline', '#c', 'comment-only'],
    ['a modeline alone', '# yaml-language-server: $schema=../../schemas/topic.schema.json\n', 'comment-only'],
    ['a BOM, a comment and CRLF', '\ufeff# c\r\n', 'comment-only'],
    ['comments and blank lines', '# a\n\n# b\n', 'comment-only'],
    ['a document marker', '---\n', 'comment-only'],
    ['a directive and a marker', '%YAML 1.2\n---\n', 'comment-only'],
    ['a marker and a comment', '--- # c\n', 'comment-only'],
  ])('leaves alone a text holding %s', (_, input, reason) => {
    expect(formatEntryText(input)).toMatchObject({ ok: false, reason });
  });

  it('formats a document whose data is null', () => {
    expect(fmt('~\n')).toBe('~\n');
  });
});

describe('formatEntryText keeps every scalar as written', () => {
  // Plain scalars YAML reads as numbers, booleans or null, and strings that look like them.
  const SCALARS = ['01234567', '1e5', '1000e123', '0x1F', '0o17', '+12', '-0', '.5', '3.', '1.10', '1_000', '12345678901234567890', 'yes', 'No', 'TRUE', '~', 'null', '.NaN', '-.Inf', '2026-11-23'];

  it.each(SCALARS)('%s as a value, in a flow list, in a block list and as a key', (s) => {
    const key = s === '~' || s === 'null' ? 'k' : s;
    const input = `title: T\nid: ${s}\nkind: topic\nrelated: [${s}, ${s}]\nitems:\n  - ${s}\n  - ${'x'.repeat(70)}\n${key}: v\n`;
    const out = fmt(input);
    for (const line of [`id: ${s}`, `related: [${s}, ${s}]`, `  - ${s}`, `${key}: v`]) expect(out.split('\n')).toContain(line);
    expect(parse(out)).toStrictEqual(parse(input));
  });

  it('keeps the issue’s example as it is', () => {
    const input = 'id: 01234567\nkind: topic\nrelated: [01234567, 1000e123]\n';
    expect(fmt(input)).toBe(input);
  });

  it.each([
    ['YAML 1.1 dates, booleans and sexagesimals', '%YAML 1.1\n---\nb: 2026-11-23\nc: yes\nd: 12:30\ne: 1_000\n', '%YAML 1.1\n---\nb: 2026-11-23\nc: yes\nd: 12:30\ne: 1_000\n'],
    ['quoted number-like strings quoted', 'a: "01234567"\nb: \'1e5\'\nc: "yes"\nd: "~"\ne: \'0x1F\'\n', 'a: "01234567"\nb: "1e5"\nc: yes\nd: "~"\ne: "0x1F"\n'],
  ])('keeps %s', (_, input, expected) => {
    expect(fmt(input)).toBe(expected);
    expect(parse(expected)).toStrictEqual(parse(input));
  });
});

describe('formatEntryText keeps the modeline on line 1', () => {
  const MODELINE = '# yaml-language-server: $schema=../../schemas/topic.schema.json';
  it.each([
    ['when the keys are reordered', `${MODELINE}\nkind: topic\nid: aaaaaaaa\n`, `${MODELINE}\nid: aaaaaaaa\nkind: topic\n`],
    ['and leaves a comment under it with its key', `${MODELINE}\n# the kind\nkind: topic\nid: aaaaaaaa\n`, `${MODELINE}\nid: aaaaaaaa\n# the kind\nkind: topic\n`],
    ['when a blank line follows it', `${MODELINE}\n\nkind: topic\nid: aaaaaaaa\n`, `${MODELINE}\n\nid: aaaaaaaa\nkind: topic\n`],
    ['after a BOM and with CRLF', `\ufeff${MODELINE}\r\ntitle: T\r\nkind: topic\r\n`, `${MODELINE}\nkind: topic\ntitle: T\n`],
  ])('%s', (_, input, expected) => {
    expect(fmt(input)).toBe(expected);
    expect(fmt(expected)).toBe(expected);
  });
});

describe('formatEntryText layout of lists and empty values', () => {
  it.each([
    ['keeps empty collections on their key’s line', 'kind: topic\nx: {}\ny: []\n', 'kind: topic\nx: {}\ny: []\n'],
    ['keeps a list with empty items in block form (no `[, ]`)', 'kind: topic\nz:\n  -\n  - a\n', 'kind: topic\nz:\n  - \n  - a\n'],
  ])('%s', (_, input, expected) => {
    expect(fmt(input)).toBe(expected);
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
