import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../scripts/load/parseEntry';
import { locateContainer, locateInString, locatePointer, parsePointer, toPointer } from '../../scripts/core/locatePointer';

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
