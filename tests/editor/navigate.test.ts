/**
 * Hover, go to definition and find references over a real check of a small
 * temporary library. Cursors are marked ‸ in the document text; expected
 * ranges are found by searching the files' text, not counted by hand.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarkupKind, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openWorkspace, type Workspace } from '../../scripts/editor/checkWorkspace';
import { describeEntry, describePmid } from '../../scripts/editor/describeEntry';
import { definitionAt, hoverAt, referencesAt, toRange, uriOf, type NavigationSource } from '../../scripts/editor/navigate';
import { entry, makeLibrary, readRepoFile } from '../support/fixtures';
import { record } from '../support/citations';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const FILES = {
  'entries/topics/t1.yaml': entry('topic', 'aaaa0001', 'misconceptions: [bbbb0001, bbbb0002]\n'),
  'entries/topics/t2.yaml': entry('topic', 'aaaa0002', 'related: [aaaa0001, 0badf00d]\n'),
  'entries/misconceptions/m1.yaml': entry('misconception', 'bbbb0001').replace('title: Entry bbbb0001', 'title: Magnesium *cures* [insomnia]'),
  'entries/misconceptions/m2.yaml': entry('misconception', 'bbbb0002', 'related: [bbbb0001]\n'),
  'entries/misconceptions/m3.yaml': entry('misconception', 'bbbb0003', 'related: [aaaa0002]\n').replace('correction: Above', 'correction: Unlike [[bbbb0001|the other]], and [[0badf00d]]. Above'),
  'entries/misconceptions/old.yaml': entry('misconception', 'bbbb0009', 'replaced_by: bbbb0001\n', 'retired'),
  'entries/cautions/kidney.yaml': readRepoFile('entries/cautions/kidney-disease.yaml'),
};

let root: string;
let ws: Workspace;
let source: NavigationSource;

beforeAll(async () => {
  const lock = { lockVersion: 2, records: { '33260549': record({ doi: '10.3390/nu12123672' }), '33999999': { pmid: '33999999', status: 'not-found', source: record().source } } };
  root = makeLibrary({ ...FILES, 'pubmed-lock.json': JSON.stringify(lock) });
  roots.push(root);
  ws = openWorkspace(root);
  const check = await ws.check();
  source = { root, graph: check.checked.graph, lock: check.checked.lock };
});

function at(marked: string, uri = 'file:///x/entries/doc.yaml'): { doc: TextDocument; offset: number } {
  const offset = marked.indexOf('‸');
  if (offset === -1) throw new Error('no cursor');
  return { doc: TextDocument.create(uri, 'yaml', 1, marked.replace('‸', '')), offset };
}

/** The LSP range of the `nth` occurrence of `needle` in `text`. */
function rangeOfText(text: string, needle: string, nth = 0): Range {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = text.indexOf(needle, from + 1);
    if (from === -1) throw new Error(`${needle} not found`);
  }
  const doc = TextDocument.create('file:///t', 'yaml', 1, text);
  return { start: doc.positionAt(from), end: doc.positionAt(from + needle.length) };
}

const fileUri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
const DOC = 'id: cccc0001\nkind: topic\n';

describe('hoverAt', () => {
  it('describes an entry by ID: title (escaped), kind and status, summary, file', () => {
    const { doc, offset } = at(`${DOC}related: [bbbb0002, bbbb‸0001]\n`);
    expect(hoverAt(doc, offset, source)).toEqual({
      contents: {
        kind: MarkupKind.Markdown,
        value: '**Magnesium \\*cures\\* \\[insomnia\\]**\n\n`bbbb0001` · misconception · published\n\nA short summary for entry bbbb0001, long enough.\n\n*entries/misconceptions/m1.yaml*',
      },
      range: rangeOfText(doc.getText(), 'bbbb0001'),
    });
  });

  it('says what replaced a retired entry', () => {
    const { doc, offset } = at(`${DOC}overview: Not [[‸bbbb0009]].\n`);
    const hover = hoverAt(doc, offset, source)!;
    expect(hover.contents).toEqual({ kind: MarkupKind.Markdown, value: describeEntry(source.graph.byId.get('bbbb0009')!) });
    expect((hover.contents as { value: string }).value).toContain('`bbbb0009` · misconception · retired\n\nRetired: replaced by `bbbb0001`.');
  });

  it('says when no entry has the ID', () => {
    const { doc, offset } = at(`${DOC}related: [0bad‸f00d]\n`);
    expect(hoverAt(doc, offset, source)).toEqual({ contents: { kind: MarkupKind.Markdown, value: 'No entry has ID `0badf00d`.' }, range: rangeOfText(doc.getText(), '0badf00d') });
  });

  it('counts the links into the document’s own ID while its text does not parse', async () => {
    const rel = 'entries/topics/t2.yaml';
    const broken = 'id: aaaa0002\nkind: topic\ntitle: [unclosed\n';
    ws.setText(rel, broken);
    const check = await ws.check();
    try {
      expect(check.byFile.get(rel)?.map((d) => d.rule)).toEqual(['yaml-syntax']);
      const here = { root, graph: check.checked.graph, lock: check.checked.lock };
      const { doc, offset } = at(`id: aaaa‸0002\nkind: topic\ntitle: [unclosed\n`);
      expect(hoverAt(doc, offset, here)).toEqual({
        contents: { kind: MarkupKind.Markdown, value: "This entry's ID, `aaaa0002`: 1 link points here. Fix the problems in this file to see the rest." },
        range: { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } },
      });
      // Another entry's text naming the same, unreadable ID is not "this entry".
      const other = at(`${DOC}related: [aaaa‸0002]\n`);
      expect(hoverAt(other.doc, other.offset, here)?.contents).toEqual({ kind: MarkupKind.Markdown, value: 'No entry has ID `aaaa0002`.' });
    } finally {
      ws.setText(rel, undefined);
      await ws.check();
    }
  });

  it.each([
    ['in the lock', '33260549'],
    ['not in the lock', '12345678'],
    ['recorded as not found by PubMed', '33999999'],
  ])('describes a PMID %s', (_, pmid) => {
    const { doc, offset } = at(`${DOC}references:\n  - key: p\n    pmid: ${pmid.slice(0, 3)}‸${pmid.slice(3)}\n`);
    expect(hoverAt(doc, offset, source)).toEqual({
      contents: { kind: MarkupKind.Markdown, value: describePmid(pmid, source.lock.records[pmid]) },
      range: { start: { line: 4, character: 10 }, end: { line: 4, character: 18 } },
    });
  });

  it.each([
    ['in the lock', '33260549', '**PMID 33260549**: Pickering G, Mazur A \\(2020\\) Magnesium Status and Stress: The Vicious Circle Concept Revisited. Nutrients.\n\ndoi: 10.3390/nu12123672\n\nVerification: **fetched**. Fetched from PubMed \\(NCBI E-utilities\\) on 2026-11-23.'],
    ['not in the lock', '12345678', '**PMID 12345678** is not in pubmed-lock.json.\n\nRun `reflib pubmed sync` (online) or `reflib pubmed import` to record it.'],
    ['recorded as not found', '33999999', '**PMID 33999999**: PubMed has no record with this ID (lock). Check the number.'],
  ])('says exactly what is known of a PMID %s', (_, pmid, value) => {
    const { doc, offset } = at(`references:\r\n  - pmid: ‸${pmid}\r\n`);
    expect(hoverAt(doc, offset, source)?.contents).toEqual({ kind: MarkupKind.Markdown, value });
  });

  it('puts the hover range at UTF-16 positions after astral characters', () => {
    const { doc, offset } = at(`${DOC}overview: 𝔘 ☕ [[bbbb00‸01]]\n`);
    expect(hoverAt(doc, offset, source)?.range).toEqual({ start: { line: 2, character: 'overview: 𝔘 ☕ [['.length }, end: { line: 2, character: 'overview: 𝔘 ☕ [['.length + 8 } });
    expect('overview: 𝔘 ☕ [['.length).toBe(17);
  });

  it.each([
    ['a key', `${DOC}ti‸tle: x\n`],
    ['prose', `${DOC}overview: some wo‸rds\n`],
    ['an empty document', '‸'],
    ['the end of the text, after a space', `${DOC}related: [bbbb0001] ‸`],
  ])('shows nothing on %s', (_, marked) => {
    const { doc, offset } = at(marked);
    expect(hoverAt(doc, offset, source)).toBeNull();
  });
});

describe('definitionAt', () => {
  it('opens a linked entry at its id:', () => {
    const { doc, offset } = at(`${DOC}misconceptions:\n  - bbbb‸0002\n`);
    expect(definitionAt(doc, offset, source)).toEqual({ uri: fileUri('entries/misconceptions/m2.yaml'), range: { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } } });
  });

  it('opens a real entry at its id:, below its modeline', () => {
    const { doc, offset } = at(`${DOC}cautions: [‸7e7eb745]\n`);
    expect(definitionAt(doc, offset, source)).toEqual({ uri: fileUri('entries/cautions/kidney.yaml'), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } } });
  });

  it('opens an entry from an inline link', () => {
    const { doc, offset } = at(`${DOC}overview: See [[bbbb0001‸|this]].\n`);
    expect(definitionAt(doc, offset, source)?.uri).toBe(fileUri('entries/misconceptions/m1.yaml'));
  });

  const REFS = 'references:\n  - key: ods-2\n    type: web\n  - key: "ods"\n    type: web\n  - key: p.q\n    type: web\n  - key: pxq\n    type: web\n';
  it.each([
    ['a flow cite list', `${DOC}cite: [o‸ds]\n${REFS}`, '"ods"', 'ods'],
    ['a block cite list', `${DOC}guidance:\n  - text: x\n    cite:\n      - ods‸\n${REFS}`, '"ods"', 'ods'],
    ['a key with a dot, not a key it would match as a pattern', `${DOC}cite: [ods, p.‸q]\n${REFS}`, 'p.q', 'p.q'],
    ['CRLF', `${DOC}cite: [o‸ds]\n${REFS}`.replace(/\n/g, '\r\n'), '"ods"', 'ods'],
  ])('goes from a cite key to its reference’s key, in %s', (_, marked, written, key) => {
    const { doc, offset } = at(marked);
    const text = doc.getText();
    const from = text.indexOf(`key: ${written}`) + 'key: '.length + (written.startsWith('"') ? 1 : 0);
    expect(definitionAt(doc, offset, source)).toEqual({ uri: doc.uri, range: { start: doc.positionAt(from), end: doc.positionAt(from + key.length) } });
  });

  it.each([
    ['an ID no entry has', `${DOC}related: [0badf‸00d]\n`],
    ['a cite key with no reference', `${DOC}cite: [no‸ne]\n${REFS}`],
    ['a key that is only the start of a reference key', `${DOC}cite: [od‸]\n${REFS}`],
    ['prose', `${DOC}overview: wo‸rds\n`],
    ['an empty cite list', `${DOC}cite: [‸]\n${REFS}`],
    ['an empty document', '‸'],
  ])('goes nowhere from %s', (_, marked) => {
    const { doc, offset } = at(marked);
    expect(definitionAt(doc, offset, source)).toBeNull();
  });
});

describe('referencesAt', () => {
  const text = (rel: keyof typeof FILES) => FILES[rel];

  it('lists every backlink: structured links at the ID, inline links at their [[…]]', () => {
    const { doc, offset } = at(`${DOC}related: [bbbb‸0001]\n`);
    expect(referencesAt(doc, offset, source, false)).toEqual([
      // In the order of the library's entries (by path), then field by field, inline links last.
      { uri: fileUri('entries/misconceptions/m2.yaml'), range: rangeOfText(text('entries/misconceptions/m2.yaml'), 'bbbb0001') },
      { uri: fileUri('entries/misconceptions/m3.yaml'), range: rangeOfText(text('entries/misconceptions/m3.yaml'), '[[bbbb0001|the other]]') },
      { uri: fileUri('entries/misconceptions/old.yaml'), range: rangeOfText(text('entries/misconceptions/old.yaml'), 'bbbb0001') },
      { uri: fileUri('entries/topics/t1.yaml'), range: rangeOfText(text('entries/topics/t1.yaml'), 'bbbb0001') },
    ]);
  });

  it('puts the declaration first when asked', () => {
    const { doc, offset } = at(`${DOC}related: [‸bbbb0001]\n`);
    const refs = referencesAt(doc, offset, source, true);
    expect(refs).toHaveLength(5);
    expect(refs[0]).toEqual({ uri: fileUri('entries/misconceptions/m1.yaml'), range: { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } } });
  });

  it('lists the links to an ID no entry has, with no declaration', () => {
    const { doc, offset } = at(`${DOC}related: [0badf00d‸]\n`);
    expect(referencesAt(doc, offset, source, true)).toEqual([
      { uri: fileUri('entries/misconceptions/m3.yaml'), range: rangeOfText(text('entries/misconceptions/m3.yaml'), '[[0badf00d]]') },
      { uri: fileUri('entries/topics/t2.yaml'), range: rangeOfText(text('entries/topics/t2.yaml'), '0badf00d') },
    ]);
  });

  it('lists only the declaration of an entry nothing links to', () => {
    const { doc, offset } = at(`id: bbbb‸0003\n`);
    expect(referencesAt(doc, offset, source, false)).toEqual([]);
    expect(referencesAt(doc, offset, source, true)).toEqual([{ uri: fileUri('entries/misconceptions/m3.yaml'), range: { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } } }]);
  });

  it('works from the entry’s own id: line', () => {
    const own = readFileSync(path.join(root, 'entries/topics/t1.yaml'), 'utf8');
    const { doc, offset } = at(own.replace('id: aaaa0001', 'id: ‸aaaa0001'), fileUri('entries/topics/t1.yaml'));
    expect(referencesAt(doc, offset, source, false)).toEqual([{ uri: fileUri('entries/topics/t2.yaml'), range: rangeOfText(text('entries/topics/t2.yaml'), 'aaaa0001') }]);
  });

  it.each([
    ['prose', `${DOC}overview: wo‸rds\n`],
    ['an empty document', '‸'],
  ])('lists nothing on %s', (_, marked) => {
    const { doc, offset } = at(marked);
    expect(referencesAt(doc, offset, source, true)).toEqual([]);
  });
});

describe('toRange and uriOf', () => {
  it('turns a 1-based span into a 0-based range', () => {
    expect(toRange({ line: 1, column: 1, endLine: 2, endColumn: 5 })).toEqual({ start: { line: 0, character: 0 }, end: { line: 1, character: 4 } });
  });

  it('makes a file URI, escaping what URIs escape', () => {
    expect(uriOf('/lib root', 'entries/a #1.yaml')).toBe('file:///lib%20root/entries/a%20%231.yaml');
  });
});
