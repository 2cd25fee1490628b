/**
 * Completion over a real check of a small temporary library: IDs a field
 * accepts (as the schemas' x-links-to say), with title, kind and status;
 * cite keys from the document's references; PMIDs from the lock.
 * Cursors are marked ‸ in the document text.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt, MAX_ITEMS, referenceKeysInText, type CompletionSource } from '../../scripts/editor/completeAt';
import { openWorkspace, type WorkspaceCheck } from '../../scripts/editor/checkWorkspace';
import { linkFields } from '../../scripts/graph/linkFields';
import { describeCitation } from '../../scripts/editor/describeEntry';
import type { Kind } from '../../scripts/core/loadSchemas';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { entry, makeLibrary, readRepoFile, REPO } from '../support/fixtures';
import { articleEntry, record } from '../support/citations';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const URI = 'file:///library/entries/topics/t1.yaml';

function cursorIn(marked: string): { doc: TextDocument; offset: number } {
  const offset = marked.indexOf('‸');
  if (offset === -1) throw new Error('no cursor');
  return { doc: TextDocument.create(URI, 'yaml', 1, marked.replace('‸', '')), offset };
}

function complete(marked: string, source: CompletionSource, parsed?: LoadedEntry): { doc: TextDocument; list: CompletionList } {
  const { doc, offset } = cursorIn(marked);
  return { doc, list: completeAt(doc, offset, source, parsed) };
}

const labels = (list: CompletionList) => list.items.map((i) => i.label).sort();

/** The document's text after one completion item's edit. */
const applyItem = (doc: TextDocument, item: CompletionItem) => TextDocument.applyEdits(doc, [item.textEdit as TextEdit]);

const REAL_FORM = readRepoFile('entries/forms/magnesium-forms.yaml');
const REAL_CAUTION = readRepoFile('entries/cautions/kidney-disease.yaml');
const REAL_INTERACTION = readRepoFile('entries/interactions/magnesium-loop-diuretics.yaml');
const idOf = (text: string) => /^id: (\w+)/m.exec(text)![1];

/** Every entry of the fixture library: its kind and status. */
const ENTRIES: Record<string, { kind: Kind; status: string }> = {
  aaaa0001: { kind: 'topic', status: 'published' },
  aaaa0002: { kind: 'topic', status: 'draft' },
  bbbb0001: { kind: 'misconception', status: 'published' },
  bbbb0002: { kind: 'misconception', status: 'review' },
  bbbb0003: { kind: 'misconception', status: 'retired' },
  [idOf(REAL_FORM)]: { kind: 'form-comparison', status: 'published' },
  [idOf(REAL_CAUTION)]: { kind: 'population-caution', status: 'published' },
  [idOf(REAL_INTERACTION)]: { kind: 'interaction', status: 'published' },
};

/** The lock: the real one (transcribed and corroborated records), one fetched record and one PubMed does not know. */
const LOCK = (() => {
  const real = JSON.parse(readFileSync(path.join(REPO, 'pubmed-lock.json'), 'utf8')) as { lockVersion: number; records: Record<string, unknown> };
  const fetched = record({ pmid: '33000001', title: 'A fetched paper.', authors: [{ name: 'Adams A' }, { name: 'Baker B' }, { name: 'Clark C' }, { name: 'Dunn D' }], year: 2021 });
  const missing = { pmid: '33999999', status: 'not-found', source: fetched.source };
  return { ...real, records: { ...real.records, [fetched.pmid]: fetched, [missing.pmid]: missing } };
})();

let check: WorkspaceCheck;
let source: CompletionSource;

beforeAll(async () => {
  const root = makeLibrary({
    'entries/topics/t1.yaml': entry('topic', 'aaaa0001', 'misconceptions: [bbbb0001]\n'),
    'entries/topics/t2.yaml': entry('topic', 'aaaa0002', '', 'draft').replace('title: Entry aaaa0002', 'title: Sleep and magnesium'),
    'entries/misconceptions/m1.yaml': entry('misconception', 'bbbb0001').replace('title: Entry bbbb0001', 'title: Magnesium cures insomnia'),
    'entries/misconceptions/m2.yaml': entry('misconception', 'bbbb0002', '', 'review'),
    'entries/misconceptions/m3.yaml': entry('misconception', 'bbbb0003', 'replaced_by: bbbb0001\n', 'retired'),
    'entries/forms/f.yaml': REAL_FORM,
    'entries/cautions/c.yaml': REAL_CAUTION,
    'entries/interactions/i.yaml': REAL_INTERACTION,
    'pubmed-lock.json': JSON.stringify(LOCK, null, 2),
  });
  roots.push(root);
  check = await openWorkspace(root).check();
  source = { graph: check.checked.graph, lock: check.checked.lock };
});

const DOC = 'id: aaaa0001\nkind: topic\ntitle: Entry aaaa0001\n';

/** The IDs a field of a topic should offer: the kinds its schema links to, neither retired nor the topic itself. */
function offered(field: string): string[] {
  const kinds = linkFields().get('topic')!.find((f) => f.field === field)!.kinds;
  return Object.entries(ENTRIES)
    .filter(([id, e]) => kinds.includes(e.kind) && e.status !== 'retired' && id !== 'aaaa0001')
    .map(([id]) => id)
    .sort();
}

describe('completeAt: entry IDs', () => {
  it('reads the fixture library as intended', () => {
    expect(Object.fromEntries([...source.graph.byId].map(([id, e]) => [id, { kind: e.kind, status: (e.data as { status: string }).status }]))).toEqual(ENTRIES);
  });

  it.each(linkFields().get('topic')!.map((f) => [f.field, f.many]))('offers only the kinds %s accepts', (field, many) => {
    const { list } = complete(`${DOC}${field}: ${many ? '[' : ''}‸`, source);
    expect(labels(list)).toEqual(offered(field));
    expect(list.isIncomplete).toBe(false);
  });

  it('offers what a misconception’s corrects accepts (topics only), in a single-ID field', () => {
    const { list } = complete('id: bbbb0002\nkind: misconception\ncorrects: ‸\n', source);
    expect(linkFields().get('misconception')!.find((f) => f.field === 'corrects')!.kinds).toEqual(['topic']);
    expect(labels(list)).toEqual(['aaaa0001', 'aaaa0002']);
  });

  it('offers any kind inside [[…]], leaving out retired entries and the entry itself', () => {
    const { list } = complete(`${DOC}overview: See [[‸`, source);
    expect(labels(list)).toEqual(Object.keys(ENTRIES).filter((id) => id !== 'aaaa0001' && id !== 'bbbb0003').sort());
  });

  it('leaves out the entry itself while its text does not parse', () => {
    const { list } = complete('id: aaaa0002\nkind: topic\ntitle: [unclosed\nrelated: [‸', source);
    expect(labels(list)).not.toContain('aaaa0002');
    expect(labels(list)).toContain('aaaa0001');
  });

  it('gives each item its title, kind and status, and an edit that writes the ID', () => {
    const { list } = complete(`${DOC}misconceptions:\n  - ‸\n`, source);
    const summary = 'A short summary for entry bbbb0001, long enough.';
    const line = 4;
    expect(list.items.find((i) => i.label === 'bbbb0001')).toEqual<CompletionItem>({
      label: 'bbbb0001',
      labelDetails: { detail: ' Magnesium cures insomnia', description: 'misconception · published' },
      kind: CompletionItemKind.Reference,
      detail: 'Magnesium cures insomnia (misconception · published)',
      documentation: { kind: MarkupKind.Markdown, value: `**Magnesium cures insomnia**\n\nmisconception · published\n\n${summary}` },
      filterText: 'bbbb0001 Magnesium cures insomnia',
      sortText: '0magnesium cures insomnia',
      textEdit: { range: { start: { line, character: 4 }, end: { line, character: 4 } }, newText: 'bbbb0001' },
    });
  });

  it.each([
    ['bbbb0001', '0magnesium cures insomnia'],
    ['bbbb0002', '1entry bbbb0002'],
    ['aaaa0002', '2sleep and magnesium'],
  ])('sorts %s by status, then title: %s', (id, sortText) => {
    const { list } = complete(`${DOC}related: [‸`, source);
    expect(list.items.find((i) => i.label === id)?.sortText).toBe(sortText);
  });

  it.each([
    ['flow list, a partial ID', `${DOC}related: [bb‸]\n`, `${DOC}related: [bbbb0001]\n`],
    ['flow list, the cursor inside the word', `${DOC}related: [bb‸xx, aaaa0002]\n`, `${DOC}related: [bbbb0001, aaaa0002]\n`],
    ['block list', `${DOC}misconceptions:\n  - bb‸\n`, `${DOC}misconceptions:\n  - bbbb0001\n`],
    ['inline, up to `]]`', `${DOC}overview: See [[bb‸]].\n`, `${DOC}overview: See [[bbbb0001]].\n`],
    ['inline, up to `|`', `${DOC}overview: See [[bb‸xyz|this]].\n`, `${DOC}overview: See [[bbbb0001|this]].\n`],
    ['inline, a title typed after `[[`', `${DOC}overview: See [[magnesium cu‸`, `${DOC}overview: See [[bbbb0001`],
    ['CRLF', 'id: aaaa0001\r\nkind: topic\r\nrelated:\r\n  - bb‸\r\n', 'id: aaaa0001\r\nkind: topic\r\nrelated:\r\n  - bbbb0001\r\n'],
    ['Unicode before the cursor', `${DOC}overview: Café 𝔘 ☕ [[bb‸]]\n`, `${DOC}overview: Café 𝔘 ☕ [[bbbb0001]]\n`],
  ])('the edit replaces the typed partial: %s', (_, marked, expected) => {
    const { doc, list } = complete(marked, source);
    const item = list.items.find((i) => i.label === 'bbbb0001');
    expect(item, `bbbb0001 offered; got ${labels(list).join(', ')}`).toBeDefined();
    expect(applyItem(doc, item!)).toBe(expected);
  });

  it('puts the edit at UTF-16 positions after astral characters', () => {
    const { list } = complete(`${DOC}overview: 𝔘𝔘 [[bb‸`, source);
    const start = 'overview: 𝔘𝔘 [['.length;
    expect(start).toBe(17);
    expect(list.items[0].textEdit).toEqual({ range: { start: { line: 3, character: start }, end: { line: 3, character: start + 2 } }, newText: list.items[0].label });
  });

  it.each([
    ['an ID prefix', `${DOC}related: [bbbb‸`, ['bbbb0001', 'bbbb0002']],
    ['a full ID', `${DOC}related: [bbbb0002‸`, ['bbbb0002']],
    ['a word of a title', `${DOC}related: [insom‸`, ['bbbb0001']],
    ['a title word in any case', `${DOC}overview: [[MAGNESIUM‸`, ['aaaa0002', 'bbbb0001', idOf(REAL_FORM), idOf(REAL_CAUTION), idOf(REAL_INTERACTION)].sort()],
    ['words of a title, after [[', `${DOC}overview: [[sleep and‸`, ['aaaa0002']],
    ['a retired entry’s own ID', `${DOC}related: [bbbb0003‸`, []],
    ['its own ID', `${DOC}related: [aaaa0001‸`, []],
    ['a field whose kinds do not match', `${DOC}forms: [bbbb‸`, []],
    ['nothing matching', `${DOC}related: [zz‸`, []],
  ])('filters by %s', (_, marked, expected) => {
    expect(labels(complete(marked, source).list)).toEqual(expected);
  });

  it.each([
    ['in a comment', `${DOC}related: [bbbb0001] # ‸`],
    ['on a key', `${DOC}rel‸ated: [bbbb0001]`],
    ['in a field that holds no links', `${DOC}title: ‸`],
    ['an empty document', '‸'],
  ])('offers nothing %s', (_, marked) => {
    expect(complete(marked, source).list).toEqual({ isIncomplete: false, items: [] });
  });
});

describe('completeAt: the MAX_ITEMS cap', () => {
  const EXTRA = 5;
  let big: CompletionSource;

  beforeAll(async () => {
    const files: Record<string, string> = { 'entries/topics/hub.yaml': entry('topic', 'aaaa0001') };
    for (let i = 0; i < MAX_ITEMS + EXTRA; i++) {
      const id = `c${i.toString(16).padStart(7, '0')}`;
      const title = i < MAX_ITEMS ? `Batch entry ${i}` : `Extra entry ${i}`;
      files[`entries/misconceptions/${id}.yaml`] = entry('misconception', id).replace(`title: Entry ${id}`, `title: ${title}`);
    }
    const root = makeLibrary(files);
    roots.push(root);
    const c = await openWorkspace(root).check();
    big = { graph: c.checked.graph, lock: c.checked.lock };
    expect(big.graph.byId.size).toBe(MAX_ITEMS + EXTRA + 1);
  });

  it(`stops at ${MAX_ITEMS} items and says the list is incomplete`, () => {
    const { list } = complete(`${DOC}related: [‸`, big);
    expect(list.items).toHaveLength(MAX_ITEMS);
    expect(list.isIncomplete).toBe(true);
    expect(new Set(labels(list)).size).toBe(MAX_ITEMS);
  });

  it('is complete again once typing narrows the list to the cap', () => {
    const { list } = complete(`${DOC}overview: [[batch‸`, big);
    expect(list.items).toHaveLength(MAX_ITEMS);
    expect(list.isIncomplete).toBe(false);
    expect(list.items.every((i) => i.detail!.startsWith('Batch entry'))).toBe(true);
  });

  it('is complete under the cap', () => {
    const { list } = complete(`${DOC}overview: [[extra‸`, big);
    expect(labels(list)).toEqual(['c00000c8', 'c00000c9', 'c00000ca', 'c00000cb', 'c00000cc']);
    expect(list.isIncomplete).toBe(false);
  });
});

describe('completeAt: cite keys', () => {
  const TEXT = articleEntry({ extra: 'guidance:\n  - text: Take it with food.\n    cite: [‸]\n' }).concat('  - key: ods\n    type: web\n    title: Magnesium fact sheet\n    url: https://ods.od.nih.gov/\n    accessed: 2026-11-23\n');

  it('offers the keys of the document’s references, with author, year and title from the parse', () => {
    const parsed = TextDocument.create(URI, 'yaml', 1, TEXT.replace('‸', ''));
    // The document's entry as a check parses it.
    const loaded = parseEntry('entries/x.yaml', parsed.getText()).entry;
    expect(loaded).toBeDefined();
    const { list } = complete(TEXT, source, loaded);
    const { offset } = cursorIn(TEXT);
    const at = parsed.positionAt(offset);
    expect(list).toEqual<CompletionList>({
      isIncomplete: false,
      items: [
        { label: 'p', kind: CompletionItemKind.Field, detail: 'Pickering G 2020: Magnesium Status and Stress: The Vicious Circle Concept Revisited', textEdit: { range: { start: at, end: at }, newText: 'p' } },
        { label: 'ods', kind: CompletionItemKind.Field, detail: 'Magnesium fact sheet', textEdit: { range: { start: at, end: at }, newText: 'ods' } },
      ],
    });
  });

  it('offers the keys while the text does not parse, without details', () => {
    const broken = TEXT.replace('title: An entry citing an article', 'title: [unclosed');
    const { doc, list } = complete(broken, source);
    expect(list.items.map((i) => [i.label, i.detail])).toEqual([
      ['p', undefined],
      ['ods', undefined],
    ]);
    expect(applyItem(doc, list.items[1])).toContain('    cite: [ods]\n');
  });

  it.each([
    ['flow list after a key, partly typed', 'cite: [p, o‸]', 'cite: [p, ods]'],
    ['block list', 'cite:\n  - p\n  - o‸\n', 'cite:\n  - p\n  - ods\n'],
  ])('replaces the typed partial key: %s', (_, citeText, expected) => {
    const text = `id: aaaa0001\nkind: topic\n${citeText}${citeText.endsWith('\n') ? '' : '\n'}references:\n  - key: p\n    type: web\n  - key: ods\n    type: web\n`;
    const { doc, list } = complete(text, source);
    const ods = list.items.find((i) => i.label === 'ods')!;
    expect(applyItem(doc, ods)).toBe(text.replace('‸', '').replace(citeText.replace('‸', ''), expected));
  });

  it('offers nothing when there are no references', () => {
    expect(complete('id: aaaa0001\nkind: topic\ncite: [‸]\n', source).list).toEqual({ isIncomplete: false, items: [] });
  });
});

describe('referenceKeysInText', () => {
  it.each([
    ['block references', 'references:\n  - key: a\n    type: web\n  - key: b.c-d\n', ['a', 'b.c-d']],
    ['quoted keys', 'references:\n  - key: "a"\n  - key: \'b\'\n', ['a', 'b']],
    ['key not first in its item', 'references:\n  - type: web\n    key: a\n', ['a']],
    ['comments and blank lines inside', 'references:\n  # first\n  - key: a\n\n  - key: b # note\n', ['a', 'b']],
    ['stops at the next top-level key', 'references:\n  - key: a\nguidance:\n  - key: not-a-reference\n', ['a']],
    ['CRLF', 'references:\r\n  - key: a\r\n  - key: b\r\n', ['a', 'b']],
    ['no references', 'cite: [a]\n', []],
    ['empty text', '', []],
  ])('%s', (_, text, keys) => {
    expect(referenceKeysInText(text)).toEqual(keys);
  });
});

describe('completeAt: PMIDs', () => {
  const ref = (pmid: string) => `${DOC}references:\n  - key: p\n    type: article\n    pmid: ${pmid}\n`;

  it('offers the lock’s found records that start with what was typed, with their provenance level', () => {
    const { doc, list } = complete(ref('3‸'), source);
    const written = LOCK.records as Record<string, { pmid: string; status: string; source: { type: string } }>;
    const expected = Object.values(written)
      .filter((r) => r.pmid.startsWith('3') && r.status === 'found')
      .map((r) => [r.pmid, r.source.type]);
    expect(list.items.map((i) => [i.label, i.labelDetails?.description])).toEqual(expected);
    expect(list.items.map((i) => i.label)).toContain('33000001');
    expect(list.items.map((i) => i.label)).not.toContain('33999999');
    const fetched = list.items.find((i) => i.label === '33000001')!;
    const line = 6;
    expect(fetched).toEqual<CompletionItem>({
      label: '33000001',
      kind: CompletionItemKind.Value,
      detail: 'Adams A, Baker B, Clark C et al. (2021) A fetched paper. Nutrients.',
      labelDetails: { description: 'fetched' },
      textEdit: { range: { start: { line, character: 10 }, end: { line, character: 11 } }, newText: '33000001' },
    });
    expect(fetched.detail).toBe(describeCitation(source.lock.records['33000001']));
    expect(applyItem(doc, fetched)).toBe(ref('33000001'));
  });

  it.each([
    ['transcribed', '332‸', ['33260549'], ['transcribed']],
    ['corroborated', '1565‸', ['15650465'], ['corroborated']],
    ['not in the lock', '9‸', [], []],
    ['not found by PubMed', '339‸', [], []],
  ])('offers a %s record by its level', (_, typed, pmids, levels) => {
    const { list } = complete(ref(typed), source);
    expect(list.items.map((i) => i.label)).toEqual(pmids);
    expect(list.items.map((i) => i.labelDetails?.description)).toEqual(levels);
  });

  it('offers every found record when nothing is typed yet', () => {
    const { list } = complete(ref('‸'), source);
    const found = Object.values(source.lock.records).filter((r) => r.status === 'found');
    expect(list.items).toHaveLength(found.length);
  });
});
