/** The strict YAML profile and the limits, through parseEntry: located findings, never a crash, no entry for later stages. */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_SCALAR_CHARS } from '../../scripts/core/limits';
import { parseEntry } from '../../scripts/load/parseEntry';

const where = (text: string) => {
  const r = parseEntry('x.yaml', text);
  return { entry: r.entry !== undefined, findings: r.findings.map((f) => [f.rule, f.line, f.column, f.message]) };
};

/** A 1 KB "billion laughs": nine levels, each alias repeated nine times. */
function aliasBomb(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 9; i++) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
  }
  return text;
}

describe('the YAML profile for entries', () => {
  it.each([
    ['a tag that turns a list into an empty object', 'tags: !!omap [{a: 1}]\n', [['yaml-profile', 1, 7, 'a YAML tag (!!omap): entries do not use tags']]],
    ['a !!str tag', 'id: !!str 12345678\n', [['yaml-profile', 1, 5, 'a YAML tag (!!str): entries do not use tags']]],
    ['a local tag', 'title: !shout Hello\n', [['yaml-syntax', 1, 8, expect.stringContaining('TAG_RESOLVE_FAILED')]]],
    ['a self-referencing alias', 'a: &c [a, *c]\n', [['yaml-profile', 1, 4, 'an anchor (&c): entries do not use anchors and aliases'], ['yaml-profile', 1, 11, 'an alias (*c): entries do not use anchors and aliases']]],
    ['a merge key', 'base: {a: 1}\n<<: {b: 2}\n', [['yaml-profile', 2, 1, 'a merge key (<<): entries do not merge mappings']]],
    ['a key that is a list', '? [a, b]\n: c\n', [['yaml-profile', 1, 3, 'a key that is a list or mapping: keys are plain names']]],
    ['a text with a NUL written as an escape', 'summary: "a\\0b"\n', [['encoding', 1, 10, 'a text holds a control character (U+0000)']]],
    ['a lone surrogate written as an escape', 'summary: "a\\uD800b"\n', [['encoding', 1, 10, 'a text holds half of a UTF-16 surrogate pair (U+D800)']]],
    ['a bidirectional override written as an escape', 'summary: "a\\u202Eb"\n', [['encoding', 1, 10, 'a text holds a bidirectional override character (U+202E)']]],
  ])('refuses %s, at the place', (_name, text, expected) => {
    expect(where(text)).toEqual({ entry: false, findings: expected });
  });

  it.each([
    ['a quoted "<<" key', '"<<": 1\n'],
    ['emoji, accents and right-to-left text', 'a: "Magnesium 💊 für Ärzte, מגנזיום"\nb: "\\U0001F48A"\n'],
    ['number-, date- and boolean-like values', 'a: 01234567\nb: 1e5\nc: 2026-11-23\nd: yes\ne: ~\n'],
    ['nesting up to the limit', `a: ${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}\n`],
    ['a text at the length limit', `a: ${'x'.repeat(MAX_SCALAR_CHARS)}\n`],
  ])('accepts %s', (_name, text) => {
    expect(where(text)).toEqual({ entry: true, findings: [] });
  });

  it('reports an alias bomb without expanding it', () => {
    const r = parseEntry('x.yaml', aliasBomb());
    expect(r.entry).toBeUndefined();
    // 9 anchors and 72 aliases: none expanded; the first 20 reported, then a count of the other 61.
    expect(r.findings).toHaveLength(21);
    expect(r.findings[20].message).toBe('and 61 more like these in this file');
    expect(new Set(r.findings.map((f) => f.rule))).toEqual(new Set(['yaml-profile']));
  });
});

describe('the limits', () => {
  it('reports nesting over the limit once, at the first node beyond it', () => {
    const r = where(`a: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}\n`);
    expect(r).toEqual({ entry: false, findings: [['limit', 1, 4 + MAX_DEPTH, `nested ${MAX_DEPTH + 1} levels deep, over the limit of ${MAX_DEPTH}`]] });
  });

  it.each([
    ['a block sequence', (n: number) => `a:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n')}\n`],
    ['a flow sequence', (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['a block mapping', (n: number) => `a:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n`],
  ])('reads %s nested 3,000 deep as a limit finding, without a crash', (_name, make) => {
    const r = parseEntry('x.yaml', make(3000));
    expect(r.entry).toBeUndefined();
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.rule === 'limit' || f.rule === 'yaml-syntax')).toBe(true);
    expect(r.findings.some((f) => f.rule === 'limit')).toBe(true);
    expect(r.findings.map((f) => f.message).join('\n')).not.toMatch(/call stack/);
  });

  it('reports a text over the length limit', () => {
    const r = where(`a: ok\nb: ${'x'.repeat(MAX_SCALAR_CHARS + 1)}\n`);
    expect(r).toEqual({ entry: false, findings: [['limit', 2, 4, 'a text of 32,769 characters, over the limit of 32,768']] });
  });
});
