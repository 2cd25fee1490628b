/**
 * The outline of an entry: a real one from entries/, with the link index of
 * the real library (each entry parsed, then buildLinkGraph), and text with
 * YAML errors, whose outline still follows what is typed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { listSymbols } from '../../scripts/editor/listSymbols';
import { buildLinkGraph } from '../../scripts/graph/buildLinkGraph';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { readRepoFile, REPO } from '../support/fixtures';

const REAL = 'entries/misconceptions/more-magnesium-always-better.yaml';
const TEXT = readRepoFile(REAL);

/** The real library's link index, as a check builds it. */
const GRAPH = (() => {
  const entries: LoadedEntry[] = [];
  for (const f of (readdirSync(path.join(REPO, 'entries'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort()) {
    const rel = `entries/${f.split(path.sep).join('/')}`;
    entries.push(parseEntry(rel, readRepoFile(rel)).entry!);
  }
  return buildLinkGraph(entries);
})();

const doc = (text: string) => TextDocument.create('file:///x/entries/a.yaml', 'yaml', 1, text);
const line = (n: number, from: number, to: number, endLine = n) => ({ start: { line: n, character: from }, end: { line: endLine, character: to } });
/** Name, kind and detail of each symbol, children nested: the outline as a reader sees it. */
const shape = (symbols: DocumentSymbol[] | undefined): unknown[] | undefined => symbols?.map((s) => [s.name, s.kind, s.detail, ...(s.children ? [shape(s.children)] : [])]);

describe('listSymbols on a real entry', () => {
  const symbols = listSymbols(doc(TEXT), GRAPH);

  it('lists the top-level fields in order, each with its kind and detail (long text cut to 59 characters and …)', () => {
    const summary = 'Magnesium from supplements has an upper intake level, 350 mg a day for adults; above it, side effects become more likely, and people with kidney disease face more serious risks.';
    expect(shape(symbols)).toEqual([
      ['id', SymbolKind.String, 'db38cbbf'],
      ['kind', SymbolKind.String, 'misconception'],
      ['title', SymbolKind.String, 'More magnesium is always better'],
      ['status', SymbolKind.String, 'published'],
      ['updated', SymbolKind.String, '2026-12-06'],
      ['summary', SymbolKind.String, `${summary.slice(0, 59)}…`],
      ['tags', SymbolKind.Object, undefined, [['conditions', SymbolKind.Array, '2 items', [['stress', SymbolKind.String, undefined], ['chronic-kidney-disease', SymbolKind.String, undefined]]]]],
      [
        'related',
        SymbolKind.Array,
        '3 items',
        [
          ['033c7bbb', SymbolKind.Key, 'Stress and magnesium: the vicious circle'],
          ['03c978d6', SymbolKind.Key, 'Magnesium and sleep'],
          ['7e7eb745', SymbolKind.Key, 'Magnesium supplements and kidney disease'],
        ],
      ],
      ['claim', SymbolKind.String, 'More magnesium is always better, so higher doses give more …'],
      ['verdict', SymbolKind.String, 'incorrect'],
      ['correction', SymbolKind.String, expect.stringMatching(/^The tolerable upper intake level \(UL\) for magnesium from su…$/)],
      ['corrects', SymbolKind.String, '033c7bbb · Stress and magnesium: the vicious circle'],
      ['cite', SymbolKind.Array, '2 items', [['iom-ul', SymbolKind.String, undefined], ['ods-magnesium', SymbolKind.String, undefined]]],
      [
        'references',
        SymbolKind.Array,
        '2 items',
        [
          ['iom-ul', SymbolKind.Object, 'Dietary Reference Intakes: Applications in Dietary Assessme…'],
          ['ods-magnesium', SymbolKind.Object, 'Magnesium — Fact Sheet for Health Professionals'],
        ],
      ],
    ]);
  });

  it('ranges a field from its key to the end of its value, selecting the key', () => {
    const byName = new Map(symbols.map((s) => [s.name, s]));
    // Line 0 is the modeline, a comment: no symbol.
    expect(byName.get('id')).toMatchObject({ range: line(1, 0, 12), selectionRange: line(1, 0, 2) });
    expect(byName.get('summary')).toMatchObject({ range: line(6, 0, 0, 10), selectionRange: line(6, 0, 7) });
    expect(byName.get('related')).toMatchObject({ range: line(12, 0, 39), selectionRange: line(12, 0, 7) });
    expect(byName.get('related')!.children!.map((c) => [c.range, c.selectionRange])).toEqual([
      [line(12, 10, 18), line(12, 10, 18)],
      [line(12, 20, 28), line(12, 20, 28)],
      [line(12, 30, 38), line(12, 30, 38)],
    ]);
    const refs = byName.get('references')!;
    expect(refs.selectionRange).toEqual(line(32, 0, 10));
    // To the end of the file: the last line has a newline.
    expect(refs.range.end).toEqual({ line: 61, character: 0 });
    expect(refs.children![0].range.start).toEqual({ line: 33, character: 4 });
  });

  it('without the link index, shows linked IDs as plain strings', () => {
    const bare = listSymbols(doc(TEXT));
    const byName = new Map(bare.map((s) => [s.name, s]));
    expect(shape(byName.get('related')!.children)).toEqual([
      ['033c7bbb', SymbolKind.String, undefined],
      ['03c978d6', SymbolKind.String, undefined],
      ['7e7eb745', SymbolKind.String, undefined],
    ]);
    expect(byName.get('corrects')!.detail).toBe('033c7bbb');
  });

  it('gives the same outline for the text with CRLF line endings', () => {
    const crlf = listSymbols(doc(TEXT.replace(/\n/g, '\r\n')), GRAPH);
    expect(shape(crlf)).toEqual(shape(symbols));
    expect(crlf.find((s) => s.name === 'related')!.range).toEqual(line(12, 0, 39));
  });
});

describe('listSymbols on text with problems', () => {
  it('follows the text past an unclosed flow list', () => {
    const symbols = listSymbols(doc('id: aaaa0001\nkind: topic\ntitle: [unclosed\nstatus: draft\nrelated: [a, b]\n'), GRAPH);
    expect(shape(symbols)).toEqual([
      ['id', SymbolKind.String, 'aaaa0001'],
      ['kind', SymbolKind.String, 'topic'],
      ['title', SymbolKind.Array, '1 item', [['unclosed', SymbolKind.String, undefined]]],
      ['status', SymbolKind.String, 'draft'],
      ['related', SymbolKind.Array, '2 items', [['a', SymbolKind.String, undefined], ['b', SymbolKind.String, undefined]]],
    ]);
    expect(symbols[4].range).toEqual(line(4, 0, 15));
  });

  it('shows a half-typed related: [ list with what is there so far', () => {
    const symbols = listSymbols(doc('id: aaaa0001\nkind: topic\nrelated: [7e7eb745,\n'), GRAPH);
    expect(shape(symbols)).toEqual([
      ['id', SymbolKind.String, 'aaaa0001'],
      ['kind', SymbolKind.String, 'topic'],
      ['related', SymbolKind.Array, '1 item', [['7e7eb745', SymbolKind.Key, 'Magnesium supplements and kidney disease']]],
    ]);
  });

  it('names list items by the first naming field, or by index', () => {
    const text = 'references:\n  - key: a\n    title: The A paper\n  - type: web\n  - 3\n  - [x]\n  -\n';
    expect(shape(listSymbols(doc(text)))).toEqual([
      [
        'references',
        SymbolKind.Array,
        '5 items',
        [
          ['a', SymbolKind.Object, 'The A paper'],
          ['web', SymbolKind.Object, undefined],
          ['3', SymbolKind.String, undefined],
          // A nested list names nothing and is left out; a null item is named by its index.
          ['[4]', SymbolKind.String, undefined],
        ],
      ],
    ]);
  });

  it.each([
    ['empty text', ''],
    ['a top-level list', '- a\n- b\n'],
    ['a lone scalar', 'just text'],
    ['only a comment', '# yaml-language-server: $schema=../../schemas/topic.schema.json\n'],
  ])('has no outline for %s', (_, text) => {
    expect(listSymbols(doc(text))).toEqual([]);
  });

  it('counts columns in UTF-16 after astral characters', () => {
    const [title] = listSymbols(doc('title: 𝔘 ☕ café\n'));
    expect(title).toMatchObject({ name: 'title', detail: '𝔘 ☕ café', range: line(0, 0, 'title: 𝔘 ☕ café'.length) });
    expect('title: 𝔘 ☕ café'.length).toBe(16);
  });

  it('skips a byte-order mark', () => {
    const [id] = listSymbols(doc('\uFEFFid: aaaa0001\n'));
    expect(id).toMatchObject({ name: 'id', detail: 'aaaa0001', selectionRange: line(0, 1, 3) });
  });
});
