import { describe, expect, it, vi } from 'vitest';
import { parseEntry } from '../../scripts/load/parseEntry';
import { locateContainer, locateInString, locatePointer, parsePointer, startOf, toPointer } from '../../scripts/core/locatePointer';

function file(text: string) {
  const r = parseEntry('x.yaml', text);
  if (!r.entry) throw new Error(`fixture does not parse: ${JSON.stringify(r.findings)}`);
  return r.entry.file;
}

const at = (s: { line: number; column: number; endLine: number; endColumn: number }) => [s.line, s.column, s.endLine, s.endColumn];

describe('parsePointer / toPointer', () => {
  it.each([
    ['', []],
    ['/a', ['a']],
    ['/a~1b/c~0d/0', ['a/b', 'c~d', '0']],
  ])('%s', (pointer, segments) => {
    expect(parsePointer(pointer)).toEqual(segments);
    expect(toPointer(segments)).toBe(pointer);
  });
});

describe('locatePointer', () => {
  const text = [
    'id: 3ca17b72', // 1
    'tags:', // 2
    '  populations: [athletes, older-adults]', // 3
    'mechanisms:', // 4
    '  - from: stress', // 5
    '    to: loss', // 6
    '    description: |', // 7
    '      Line one.', // 8
    '      Line two.', // 9
    '  - {from: a, to: b}', // 10
    'empty:', // 11
    '',
  ].join('\n');
  const f = file(text);

  it.each([
    ['a scalar value', '/id', 'value', [1, 5, 1, 13]],
    ['a key', '/id', 'key', [1, 1, 1, 3]],
    ['an item of a flow sequence', '/tags/populations/1', 'value', [3, 27, 3, 39]],
    ['a key inside a sequence item', '/mechanisms/0/to', 'key', [6, 5, 6, 7]],
    ['a block scalar (from its indicator)', '/mechanisms/0/description', 'value', [7, 18, 10, 1]],
    ['a key in a flow mapping', '/mechanisms/1/to', 'key', [10, 15, 10, 17]],
    ['a flow mapping as a whole (its first line)', '/mechanisms/1', 'value', [10, 5, 10, 21]],
    ['a block mapping (its first key)', '/tags', 'value', [3, 3, 3, 14]],
    ['an empty value (its key)', '/empty', 'value', [11, 1, 11, 6]],
    ['a missing path (deepest ancestor)', '/mechanisms/0/nope', 'value', [5, 5, 5, 9]],
    ['an index past the end (the sequence)', '/mechanisms/9', 'value', [5, 5, 5, 9]],
    ['the document', '', 'value', [1, 1, 1, 3]],
  ] as const)('%s', (_, pointer, target, expected) => {
    expect(at(locatePointer(f, pointer, target))).toEqual(expected);
  });

  it('maps an ajv additionalProperties error (instancePath + property) to the key', () => {
    // ajv reports {instancePath: "/mechanisms/0", params: {additionalProperty: "to"}}
    expect(at(locatePointer(f, '/mechanisms/0' + toPointer(['to']), 'key'))).toEqual([6, 5, 6, 7]);
  });

  it('points a missing field at the key that holds the mapping', () => {
    expect(at(locateContainer(f, '/tags'))).toEqual([2, 1, 2, 5]);
    expect(at(locateContainer(f, '/mechanisms/0'))).toEqual([5, 5, 5, 9]);
  });
});

describe('line endings and byte-order marks', () => {
  it('counts columns after a BOM as editors do', () => {
    const f = file('\uFEFFid: 3ca17b72\ntitle: x\n');
    expect(at(locatePointer(f, '/id'))).toEqual([1, 5, 1, 13]);
    expect(at(locatePointer(f, '/title', 'key'))).toEqual([2, 1, 2, 6]);
  });

  it('handles CRLF line endings', () => {
    const f = file('id: 3ca17b72\r\nlist:\r\n  - a\r\n  - bee\r\n');
    expect(at(locatePointer(f, '/list/1'))).toEqual([4, 5, 4, 8]);
    expect(at(locatePointer(f, '/list', 'key'))).toEqual([2, 1, 2, 5]);
  });
});

describe('locateInString', () => {
  it('finds text inside a plain scalar', () => {
    const f = file('text: see [[3ca17b72]] here\n');
    const value = 'see [[3ca17b72]] here';
    const from = value.indexOf('[[');
    expect(at(locateInString(f, '/text', from, from + 12))).toEqual([1, 11, 1, 23]);
  });

  it('finds text inside a folded block scalar on a later line', () => {
    const f = file('text: >-\n  first line\n  and then [[3ca17b72]] here\n');
    const value = 'first line and then [[3ca17b72]] here';
    const from = value.indexOf('[[');
    expect(at(locateInString(f, '/text', from, from + 12))).toEqual([3, 12, 3, 24]);
  });

  it('finds the second occurrence when the text repeats', () => {
    const f = file('text: |\n  [[aaaaaaaa]]\n  [[aaaaaaaa]]\n');
    const value = '[[aaaaaaaa]]\n[[aaaaaaaa]]\n';
    expect(at(locateInString(f, '/text', value.lastIndexOf('[['), value.lastIndexOf('[[') + 12))).toEqual([3, 3, 3, 15]);
  });
});

describe('locateInString in every scalar style', () => {
  /** The span of the `nth` occurrence (from 0) of `needle` in the string at `/text`. */
  function spanOf(text: string, needle: string, nth = 0) {
    const f = file(text);
    const value = (parseEntry('x.yaml', text).entry!.data as { text: string }).text;
    let from = value.indexOf(needle);
    for (let k = 0; k < nth; k++) from = value.indexOf(needle, from + 1);
    if (from === -1) throw new Error(`no ${needle} in ${JSON.stringify(value)}`);
    return at(locateInString(f, '/text', from, from + needle.length));
  }

  it.each([
    ['plain, one line', 'text: take 30 mg now\n', '30 mg', 0, [1, 12, 1, 17]],
    ['plain, across a fold', 'text: take it\n  with 30\n  mg now\n', '30 mg', 0, [2, 8, 3, 5]],
    ['plain, after a blank line', 'text: first\n\n  then 30 mg\n', '30 mg', 0, [3, 8, 3, 13]],
    ['single-quoted, after a doubled quote', "text: 'it''s 30 mg'\n", '30 mg', 0, [1, 14, 1, 19]],
    ['single-quoted, the doubled quote itself', "text: 'it''s'\n", "'", 0, [1, 10, 1, 12]],
    ['double-quoted, after escapes', 'text: "a \\"b\\" \\u00e9\\t30 mg"\n', '30 mg', 0, [1, 24, 1, 29]],
    ['double-quoted, an escape inside the range', 'text: "30\\u00a0mg"\n', '30\u00a0mg', 0, [1, 8, 1, 18]],
    ['double-quoted, a character beyond the BMP', 'text: "\\U0001F48A 30 mg"\n', '30 mg', 0, [1, 19, 1, 24]],
    ['double-quoted, after an escaped line break', 'text: "take \\\n  30 mg"\n', '30 mg', 0, [2, 3, 2, 8]],
    ['literal, the second of two equal lines', 'text: |\n  30 mg\n  30 mg\n', '30 mg', 1, [3, 3, 3, 8]],
    ['literal with an indentation indicator and a comment', 'text: |2 # note\n    30 mg\n', '30 mg', 0, [2, 5, 2, 10]],
    ['folded, on a later line', 'text: >-\n  first line\n  then 30 mg\n', '30 mg', 0, [3, 8, 3, 13]],
    ['folded, across the fold', 'text: >-\n  at least\n  4 weeks\n', 'at least 4 weeks', 0, [2, 3, 3, 10]],
    ['CRLF line endings', 'text: >-\r\n  first\r\n  30 mg\r\n', '30 mg', 0, [3, 3, 3, 8]],
    ['in a flow mapping', 'text: {a: 1}\nother: x\n', '', 0, [1, 7, 1, 13]],
  ] as const)('%s', (_name, text, needle, nth, expected) => {
    if (needle === '') {
      // Not a string: the value's span.
      expect(at(locateInString(file(text), '/text', 0, 1))).toEqual(expected);
      return;
    }
    expect(spanOf(text, needle, nth)).toEqual(expected);
  });

  it('places the 6,400th of 6,400 equal figures as cheaply as the first: no search of the text', () => {
    const text = `text: ${'1 mg '.repeat(6_400).trim()}\n`;
    const f = file(text);
    void f.doc;
    const indexOf = vi.spyOn(String.prototype, 'indexOf');
    const lastIndexOf = vi.spyOn(String.prototype, 'lastIndexOf');
    const spans: number[][] = [];
    try {
      for (let k = 0; k < 6_400; k++) spans.push(at(locateInString(f, '/text', 5 * k, 5 * k + 4)));
    } finally {
      expect(indexOf.mock.calls.length + lastIndexOf.mock.calls.length).toBeLessThanOrEqual(1);
      indexOf.mockRestore();
      lastIndexOf.mockRestore();
    }
    expect(spans[0]).toEqual([1, 7, 1, 11]);
    expect(spans[6_399]).toEqual([1, 7 + 5 * 6_399, 1, 11 + 5 * 6_399]);
  });

  it('falls back to the value when the range is past its end, or the pointer names no string', () => {
    const f = file('text: 30 mg\nn: 5\n');
    expect(at(locateInString(f, '/text', 50, 60))).toEqual([1, 12, 1, 12]);
    expect(at(locateInString(f, '/n', 0, 1))).toEqual([2, 4, 2, 5]);
    expect(at(locateInString(f, '/missing', 0, 1))).toEqual([1, 1, 1, 5]);
  });
});

describe('startOf', () => {
  it('starts where locatePointer and locateInString start, without remembering', () => {
    const text = 'id: 3ca17b72\ntext: >-\n  first\n  then 30 mg\nlist:\n  - a\n';
    const f = file(text);
    const value = 'first then 30 mg';
    const from = value.indexOf('30');
    const before = Object.keys(f.memo().facts).length;
    const starts = [startOf(f, '/text', 'value', [from, from + 5]), startOf(f, '/id', 'key'), startOf(f, '/list'), startOf(f, '/list/0')];
    expect(Object.keys(f.memo().facts).length).toBe(before);
    const spans = [locateInString(f, '/text', from, from + 5), locatePointer(f, '/id', 'key'), locatePointer(f, '/list'), locatePointer(f, '/list/0')];
    expect(starts).toEqual(spans.map((s) => ({ line: s.line, column: s.column })));
  });
});
