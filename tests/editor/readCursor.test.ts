/**
 * readCursor reads what a cursor stands in from the text alone, since the
 * YAML being typed rarely parses. Cases mark the cursor with ‸ and the range
 * a completion replaces with ⟦ ⟧, so offsets are exact without counting by hand.
 */
import { describe, expect, it } from 'vitest';
import { idAt, idInText, kindInText, pmidAt, readCursor, wordAt, type CursorContext } from '../../scripts/editor/readCursor';
import { linkFields } from '../../scripts/graph/linkFields';
import type { Kind } from '../../scripts/core/loadSchemas';

/** Text with its markers removed, the cursor offset, and the marked range (if any). */
function mark(marked: string): { text: string; offset: number; range?: [number, number] } {
  let text = '';
  let offset = -1;
  let from: number | undefined;
  let to: number | undefined;
  for (const ch of marked) {
    if (ch === '‸') offset = text.length;
    else if (ch === '⟦') from = text.length;
    else if (ch === '⟧') to = text.length;
    else text += ch;
  }
  if (offset === -1) throw new Error(`no cursor in ${marked}`);
  return { text, offset, range: from === undefined ? undefined : [from, to!] };
}

/** The kinds a field of a kind accepts, as the schemas say (x-links-to). */
function kindsOf(kind: Kind, field: string): readonly Kind[] {
  const f = linkFields().get(kind)?.find((l) => l.field === field);
  if (!f) throw new Error(`${kind} has no link field ${field}`);
  return f.kinds;
}

const TOPIC = 'id: aaaa0001\nkind: topic\n';

describe('readCursor: link fields', () => {
  it.each<[string, string, Kind, string, string]>([
    ['flow list, nothing typed yet', `${TOPIC}related: [aaaa0002, ⟦‸⟧`, 'topic', 'related', ''],
    ['flow list, a partial ID before `]`', `${TOPIC}related: [aaaa0002, ⟦ab‸⟧]`, 'topic', 'related', 'ab'],
    ['flow list, cursor inside a word: the whole word is replaced', `${TOPIC}related: [⟦ab‸cd⟧, aaaa0003]`, 'topic', 'related', 'ab'],
    ['flow list, just after `[`', `${TOPIC}related: [⟦‸⟧]`, 'topic', 'related', ''],
    ['block list item under the field', `${TOPIC}forms:\n  - aaaa0002\n  - ⟦‸⟧\n`, 'topic', 'forms', ''],
    ['block list item with a comment line between', `${TOPIC}cautions:\n  # the main one\n  - ⟦7e‸⟧\ntitle: x\n`, 'topic', 'cautions', '7e'],
    ['single-ID field', `${TOPIC}replaced_by: ⟦‸⟧`, 'topic', 'replaced_by', ''],
    ['single-ID field that accepts one kind only', 'id: bbbb0001\nkind: misconception\ncorrects: ⟦to‸⟧\n', 'misconception', 'corrects', 'to'],
    ['kind: written after the field', `related: [⟦‸⟧\nkind: interaction\n`, 'interaction', 'related', ''],
    ['CRLF line endings', 'id: aaaa0001\r\nkind: topic\r\nmisconceptions:\r\n  - ⟦db‸⟧\r\n', 'topic', 'misconceptions', 'db'],
    ['quoted kind', 'kind: "topic"\nrelated: [⟦‸⟧', 'topic', 'related', ''],
  ])('%s', (_, marked, kind, field, partial) => {
    const { text, offset, range } = mark(marked);
    expect(readCursor(text, offset)).toEqual<CursorContext>({ type: 'link', field, kinds: kindsOf(kind, field), replace: range!, partial });
  });

  it('gives a field that accepts one kind only that kind, as the schema declares', () => {
    const { text, offset } = mark(`${TOPIC}forms: [‸`);
    expect(readCursor(text, offset)).toMatchObject({ field: 'forms', kinds: ['form-comparison'] });
  });
});

describe('readCursor: inline [[…]] links', () => {
  it.each([
    ['an unclosed `[[` at the end of the text', `${TOPIC}overview: see [[⟦‸⟧`, ''],
    ['a partial ID before `]]`: the range ends before `]]`', `${TOPIC}overview: see [[⟦ab‸⟧]] and more`, 'ab'],
    ['the rest of the ID after the cursor, up to `|`', `${TOPIC}overview: see [[⟦ab‸cd⟧|the label]]`, 'ab'],
    ['spaces after `[[` are left out of the replaced range (clients filter on it)', `${TOPIC}overview: see [[  ⟦ab‸⟧]]`, 'ab'],
    ['in a block scalar continuation line', `${TOPIC}overview: >-\n  Long text that\n  goes on [[⟦‸⟧\n`, ''],
    ['after a closed link on the same line', `${TOPIC}overview: [[aaaa0002]] and [[⟦c‸⟧`, 'c'],
    ['Unicode before the cursor: offsets in UTF-16 code units', `${TOPIC}overview: Café ☕ 𝔘 [[⟦ab‸⟧]]`, 'ab'],
    ['a `#` inside double quotes is not a comment', `${TOPIC}overview: "item #1 [[⟦‸⟧`, ''],
    ['a `#` inside single quotes with an escaped quote', `${TOPIC}overview: 'it''s #1 [[⟦‸⟧`, ''],
    ['a field that is not a link field: any kind', `${TOPIC}title: About [[⟦‸⟧`, ''],
    ['the range stops at the end of the line', `${TOPIC}overview: [[⟦ab‸⟧\nsummary: x\n`, 'ab'],
  ])('%s', (_, marked, partial) => {
    const { text, offset, range } = mark(marked);
    expect(readCursor(text, offset)).toEqual<CursorContext>({ type: 'link', replace: range!, partial });
  });

  it('counts offsets in UTF-16: an astral character before the cursor takes two', () => {
    const { text, offset } = mark('overview: 𝔘[[‸');
    expect(offset).toBe('overview: '.length + 2 + 2);
    expect(readCursor(text, offset)).toEqual({ type: 'link', replace: [offset, offset], partial: '' });
  });
});

describe('readCursor: cite lists', () => {
  it.each([
    ['flow form, nothing typed', `${TOPIC}cite: [⟦‸⟧`],
    ['flow form, after a key', `${TOPIC}cite: [ods, ⟦o‸⟧]`],
    ['flow form, a key with dots and dashes', `${TOPIC}cite: [⟦ods.gov-‸2⟧]`],
    ['flow form nested in a list item', `${TOPIC}guidance:\n  - text: Take it with food.\n    cite: [⟦‸⟧]\n`],
    ['block form', `${TOPIC}cite:\n  - ods\n  - ⟦‸⟧\n`],
    ['block form, nested and indented', `${TOPIC}guidance:\n  - text: x\n    cite:\n      - ods\n      - ⟦ab‸⟧\n`],
    ['block form with the items at the key’s own indent', `${TOPIC}cite:\n- ods\n- ⟦‸⟧\n`],
    ['block form, CRLF', `${TOPIC}cite:\r\n  - ods\r\n  - ⟦o‸⟧\r\n`],
  ])('%s', (_, marked) => {
    const { text, offset, range } = mark(marked);
    expect(readCursor(text, offset)).toEqual<CursorContext>({ type: 'cite', replace: range!, partial: text.slice(range![0], offset) });
  });
});

describe('readCursor: pmid lines', () => {
  it.each([
    ['a reference’s pmid, partly typed', `${TOPIC}references:\n  - key: p\n    pmid: ⟦33‸⟧\n`, '33'],
    ['nothing typed yet', `${TOPIC}references:\n  - key: p\n    pmid: ⟦‸⟧`, ''],
    ['pmid as the item’s first key', `${TOPIC}references:\n  - pmid: ⟦3326‸0549⟧\n`, '3326'],
    ['a quoted pmid: the quote is not replaced', `${TOPIC}references:\n  - key: p\n    pmid: "⟦33‸⟧"\n`, '33'],
  ])('%s', (_, marked, partial) => {
    const { text, offset, range } = mark(marked);
    expect(readCursor(text, offset)).toEqual<CursorContext>({ type: 'pmid', replace: range!, partial });
  });
});

describe('readCursor: nothing to complete', () => {
  it.each([
    ['an empty file, offset 0', '‸'],
    ['offset 0 of an entry', `‸${TOPIC}related: [aaaa0002]\n`],
    ['a comment after a link list', `${TOPIC}related: [aaaa0002] # see ‸`],
    ['a comment inside a half-typed flow list', `${TOPIC}related: [aaaa0002, # ‸`],
    ['a whole-line comment that looks like a field', `${TOPIC}# related: [‸`],
    ['a `[[` inside a comment', `${TOPIC}overview: x # see [[‸`],
    ['on the key name', `${TOPIC}rel‸ated: [aaaa0002]\n`],
    ['just before the colon', `${TOPIC}related‸: [aaaa0002]\n`],
    ['at the start of the key’s line', `${TOPIC}‸related: [aaaa0002]\n`],
    ['a field that is not a link field', `${TOPIC}title: ‸`],
    ['a list item under a field that is not a link field', `${TOPIC}tags:\n  conditions:\n    - ‸\n`],
    ['a list item under references', `${TOPIC}references:\n  - ‸\n`],
    ['no kind: line, so no link fields', 'id: aaaa0001\nrelated: [‸'],
    ['a kind reflib does not know', 'kind: recipe\nrelated: [‸'],
    ['after the cite list closed', `${TOPIC}cite: [ods] ‸`],
    ['a closed inline link before the cursor, in prose', `${TOPIC}overview: [[aaaa0002]] and ‸`],
    ['a stray top-level scalar between the key and the item', `${TOPIC}related:\nstray\n  - ‸\n`],
    ['after a pmid and a space', `${TOPIC}references:\n  - key: p\n    pmid: 12 ‸\n`],
    ['a pmid line with letters', `${TOPIC}references:\n  - key: p\n    pmid: ab‸\n`],
  ])('%s', (_, marked) => {
    const { text, offset } = mark(marked);
    expect(readCursor(text, offset)).toBeUndefined();
  });
});

describe('kindInText and idInText', () => {
  it.each([
    ['id: aaaa0001\nkind: topic\n', 'topic', 'aaaa0001'],
    ['kind: "population-caution"\nid: "7e7eb745"\n', 'population-caution', '7e7eb745'],
    ["id: 'aaaa0001'\r\nkind: 'misconception'\r\n", 'misconception', 'aaaa0001'],
    ['# yaml-language-server: $schema=../../schemas/topic.schema.json\nid: aaaa0001\nkind: topic\n', 'topic', 'aaaa0001'],
    ['  id: aaaa0001\n  kind: topic\n', undefined, undefined],
    ['id: aaaa00012\n', undefined, undefined],
    ['id: AAAA0001\n', undefined, undefined],
    ['', undefined, undefined],
    ['\uFEFFid: aaaa0001\nkind: topic\n', 'topic', 'aaaa0001'],
    ['\uFEFFkind: topic\nid: aaaa0001\n', 'topic', 'aaaa0001'],
  ])('%j', (text, kind, id) => {
    expect(kindInText(text)).toBe(kind);
    expect(idInText(text)).toBe(id);
  });

  it('reads a link field on a BOM file whose first line is kind:', () => {
    const { text, offset, range } = mark('\uFEFFkind: topic\nrelated: [⟦‸⟧');
    expect(readCursor(text, offset)).toEqual({ type: 'link', field: 'related', kinds: kindsOf('topic', 'related'), replace: range, partial: '' });
  });
});

describe('wordAt', () => {
  it.each<[string, number, [number, number]]>([
    ['', 0, [0, 0]],
    ['abc', 0, [0, 3]],
    ['abc', 3, [0, 3]],
    ['abc', 1, [0, 3]],
    ['a b', 1, [0, 1]],
    ['a b', 2, [2, 3]],
    ['[ods.gov-2, x]', 5, [1, 10]],
    ['[[aaaa0001]]', 2, [2, 10]],
    ['[[aaaa0001]]', 10, [2, 10]],
    ['x: "ab"', 4, [4, 6]],
    ['é𝔘ab', 3, [3, 5]],
    ['ab\r\ncd', 2, [0, 2]],
  ])('%j at %i', (text, offset, expected) => {
    expect(wordAt(text, offset)).toEqual(expected);
  });
});

describe('idAt', () => {
  it.each([
    ['replaced_by: aaaa0001', 13, { id: 'aaaa0001', range: [13, 21] }],
    ['replaced_by: aaaa0001', 21, { id: 'aaaa0001', range: [13, 21] }],
    ['see [[aaaa0001]].', 6, { id: 'aaaa0001', range: [6, 14] }],
    ['see [[aaaa0001]].', 14, { id: 'aaaa0001', range: [6, 14] }],
    ['see [[aaaa0001|label]]', 10, { id: 'aaaa0001', range: [6, 14] }],
    ['related: [aaaa0001, bbbb0002]', 20, { id: 'bbbb0002', range: [20, 28] }],
    ['𝔘 [[aaaa0001]]', 5, { id: 'aaaa0001', range: [5, 13] }],
    ['see [[aaaa0001]]', 4, undefined],
    ['id: AAAA0001', 6, undefined],
    ['id: aaaa00011', 6, undefined],
    ['id: aaaa000', 6, undefined],
    ['id: aaaa0001.x', 6, undefined],
    ['kind: topic', 7, undefined],
    ['', 0, undefined],
  ])('%j at %i', (text, offset, expected) => {
    expect(idAt(text, offset)).toEqual(expected);
  });
});

describe('pmidAt', () => {
  const REF = 'references:\n  - key: p\n    pmid: 33260549\n    year: 2020\n';
  const at = REF.indexOf('33260549');
  it.each([
    ['on the first digit', REF, at, { pmid: '33260549', range: [at, at + 8] }],
    ['in the middle', REF, at + 4, { pmid: '33260549', range: [at, at + 8] }],
    ['just after the last digit', REF, at + 8, { pmid: '33260549', range: [at, at + 8] }],
    ['on the key', REF, at - 4, undefined],
    ['just before the digits, after the space', REF, at - 1, undefined],
    ['on the next line', REF, at + 9, undefined],
    ['quoted', 'references:\n  - pmid: "123"\n', 24, { pmid: '123', range: [23, 26] }],
    ['CRLF, last line without a newline', 'references:\r\n  - pmid: 42', 24, { pmid: '42', range: [23, 25] }],
    ['a pmid that is not digits', 'references:\n  - pmid: abc\n', 23, undefined],
    ['a top-level key that only ends in pmid', 'xpmid: 123\n', 8, undefined],
    ['empty text', '', 0, undefined],
  ])('%s', (_, text, offset, expected) => {
    expect(pmidAt(text, offset)).toEqual(expected);
  });
});
