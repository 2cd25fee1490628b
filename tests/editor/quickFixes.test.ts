/**
 * Quick fixes, end to end through the real pipeline: an entry's text is laid
 * over a temporary library, checked, its finding converted as the server
 * publishes it, the fix's edits applied to the text, and the fixed text
 * checked again: it parses and the finding is gone. Stale or incomplete
 * diagnostics get no fix.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkModeline } from '../../scripts/editor/checkModeline';
import { openWorkspace, type Workspace, type WorkspaceCheck } from '../../scripts/editor/checkWorkspace';
import { quickFixes } from '../../scripts/editor/quickFixes';
import { toLspDiagnostic } from '../../scripts/editor/toLspDiagnostic';
import { entry, makeLibrary, ODS_REFERENCES } from '../support/fixtures';
import { articleEntry } from '../support/citations';

const REL = 'entries/misconceptions/doc.yaml';
const URI = 'file:///library/entries/misconceptions/doc.yaml';

let root: string;
let ws: Workspace;

beforeAll(async () => {
  root = makeLibrary({
    'entries/topics/t1.yaml': entry('topic', 'aaaa0001', 'misconceptions: [bbbb0001]\n'),
    'entries/misconceptions/m1.yaml': entry('misconception', 'bbbb0001').replace('title: Entry bbbb0001', 'title: Magnesium cures insomnia'),
    'entries/misconceptions/old.yaml': entry('misconception', 'bbbb0009', 'replaced_by: bbbb0001\n', 'retired'),
  });
  await openWorkspaceAndCheck();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function openWorkspaceAndCheck(): Promise<void> {
  ws = openWorkspace(root);
  await ws.check();
}

/** Checks `text` as the open document REL; returns the check (the document stays open until the next call). */
async function checkText(text: string): Promise<WorkspaceCheck> {
  ws.setText(REL, text);
  return ws.check();
}

/** The document's diagnostics of one rule, as the server publishes them. */
async function published(text: string, rule: string): Promise<{ doc: TextDocument; diagnostics: LspDiagnostic[]; check: WorkspaceCheck }> {
  const check = await checkText(text);
  const diagnostics = (check.byFile.get(REL) ?? []).filter((d) => d.rule === rule).map((d) => toLspDiagnostic(d, root));
  return { doc: TextDocument.create(URI, 'yaml', 1, text), diagnostics, check };
}

/** The text after a code action's edits. */
function applyFix(doc: TextDocument, action: CodeAction): string {
  expect(Object.keys(action.edit!.changes!)).toEqual([doc.uri]);
  return TextDocument.applyEdits(doc, action.edit!.changes![doc.uri]);
}

/** Fixes the document's one finding of `rule`; returns the action and the fixed text, after checking that text again. */
async function fixOne(text: string, rule: string): Promise<{ action: CodeAction; fixed: string; diagnostic: LspDiagnostic; after: WorkspaceCheck }> {
  const { doc, diagnostics, check } = await published(text, rule);
  expect(diagnostics, `one ${rule} in ${JSON.stringify(check.byFile.get(REL))}`).toHaveLength(1);
  const actions = quickFixes(doc, diagnostics, check.checked.graph);
  expect(actions).toHaveLength(1);
  const fixed = applyFix(doc, actions[0]);
  const after = await checkText(fixed);
  const rules = (after.byFile.get(REL) ?? []).map((d) => d.rule);
  expect(rules).not.toContain('yaml-syntax');
  expect(rules).not.toContain(rule);
  return { action: actions[0], fixed, diagnostic: diagnostics[0], after };
}

const rulesAfter = (after: WorkspaceCheck) => (after.byFile.get(REL) ?? []).map((d) => d.rule);

describe('quickFixes: broken-link', () => {
  it.each([
    ['in a flow list', entry('misconception', 'dddd0001', 'related: [bbbb0011]\n'), entry('misconception', 'dddd0001', 'related: [bbbb0001]\n')],
    ['in a block list', entry('misconception', 'dddd0001', 'related:\n  - aaaa0001\n  - bbbb0011\n'), entry('misconception', 'dddd0001', 'related:\n  - aaaa0001\n  - bbbb0001\n')],
    ['inline, with a label', entry('misconception', 'dddd0001').replace('correction: Above', 'correction: Unlike [[bbbb0011|the other]], above'), entry('misconception', 'dddd0001').replace('correction: Above', 'correction: Unlike [[bbbb0001|the other]], above')],
    ['inline after Unicode', entry('misconception', 'dddd0001').replace('correction: Above', 'correction: Café 𝔘 [[bbbb0011]]. Above'), entry('misconception', 'dddd0001').replace('correction: Above', 'correction: Café 𝔘 [[bbbb0001]]. Above')],
  ])('replaces the target with the suggestion, %s', async (_, text, expected) => {
    const { action, fixed, diagnostic } = await fixOne(text, 'broken-link');
    expect(diagnostic.data).toEqual({ rule: 'broken-link', target: 'bbbb0011', suggestion: 'bbbb0001' });
    expect(fixed).toBe(expected);
    expect(action).toEqual<CodeAction>({
      title: 'Replace bbbb0011 with bbbb0001 (Magnesium cures insomnia)',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [URI]: [expect.objectContaining({ newText: 'bbbb0001' })] } },
    });
  });

  it('names the suggestion by ID alone without the link index', async () => {
    const { doc, diagnostics } = await published(entry('misconception', 'dddd0001', 'related: [bbbb0011]\n'), 'broken-link');
    expect(quickFixes(doc, diagnostics, undefined).map((a) => a.title)).toEqual(['Replace bbbb0011 with bbbb0001']);
  });
});

describe('quickFixes: retired-link', () => {
  it.each([
    ['a structured link', entry('misconception', 'dddd0001', 'related: [aaaa0001, bbbb0009]\n'), entry('misconception', 'dddd0001', 'related: [aaaa0001, bbbb0001]\n')],
    ['an inline link', entry('misconception', 'dddd0001').replace('correction: Above', 'correction: See [[bbbb0009]]. Above'), entry('misconception', 'dddd0001').replace('correction: Above', 'correction: See [[bbbb0001]]. Above')],
  ])('links the replacement instead, in %s', async (_, text, expected) => {
    const { action, fixed, diagnostic } = await fixOne(text, 'retired-link');
    expect(diagnostic.data).toEqual({ rule: 'retired-link', target: 'bbbb0009', replacement: 'bbbb0001' });
    expect(action.title).toBe('Link the replacement bbbb0001 (Magnesium cures insomnia)');
    expect(action.isPreferred).toBe(true);
    expect(fixed).toBe(expected);
  });
});

describe('quickFixes: no fix for a stale or incomplete diagnostic', () => {
  const TEXT = entry('misconception', 'dddd0001', 'related: [bbbb0011]\n');
  let diagnostic: LspDiagnostic;
  beforeAll(async () => {
    diagnostic = (await published(TEXT, 'broken-link')).diagnostics[0];
  });

  it.each([
    ['the target no longer in the range (already edited)', TEXT.replace('bbbb0011', 'bbbb0012'), (d: LspDiagnostic) => d],
    ['the target moved out of the range', TEXT.replace('related: [bbbb0011]', 'related: [      bbbb0011]'), (d: LspDiagnostic) => d],
    ['no suggestion in the data', TEXT, (d: LspDiagnostic) => ({ ...d, data: { rule: 'broken-link', target: 'bbbb0011' } })],
    ['no data at all', TEXT, (d: LspDiagnostic) => ({ ...d, data: undefined })],
    ['a suggestion that is not an ID', TEXT, (d: LspDiagnostic) => ({ ...d, data: { rule: 'broken-link', target: 'bbbb0011', suggestion: 'Magnesium' } })],
    ['a retired-link without a replacement', TEXT, (d: LspDiagnostic) => ({ ...d, code: 'retired-link', data: { rule: 'retired-link', target: 'bbbb0011' } })],
    ['a rule with no fix', TEXT, (d: LspDiagnostic) => ({ ...d, code: 'orphan' })],
  ])('%s', (_, text, change) => {
    const doc = TextDocument.create(URI, 'yaml', 2, text);
    expect(quickFixes(doc, [change(diagnostic)], undefined)).toEqual([]);
  });

  it('fixes each diagnostic it is given that has a fix, and skips the rest', () => {
    const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
    const actions = quickFixes(doc, [{ ...diagnostic, code: 'orphan' }, diagnostic, diagnostic], undefined);
    expect(actions.map((a) => a.title)).toEqual(['Replace bbbb0011 with bbbb0001', 'Replace bbbb0011 with bbbb0001']);
  });
});

describe('quickFixes: coi-unsurfaced', () => {
  const declared = 'status: declared\nsponsors: [Sanofi]\nstatement: The review was funded in part by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n';
  const tie = 'status: not-found\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\nties:\n  - party: ThreoTech\n    relation: A co-author is its vice-president of research.\n    source: {url: "https://example.org/tie", accessed: 2026-12-06}\n';
  const funding = (indent: string, party = 'Sanofi') =>
    `${indent}- type: funding\n${indent}  text: "<fill in: say that ${party} funded or has a stake in p, in words a reader understands>"\n${indent}  cite: [p]\n`;

  it('appends a funding caveat to an existing caveats list, at its indentation', async () => {
    const caveats = 'caveats:\n  - type: evidence\n    text: A small trial.\n    cite: [p]\n';
    const text = articleEntry({ coi: declared, extra: caveats });
    const { action, fixed, after } = await fixOne(text, 'coi-unsurfaced');
    expect(fixed).toBe(articleEntry({ coi: declared, extra: caveats + funding('  ') }));
    expect(action.title).toBe('Add a funding caveat citing p that names Sanofi');
    // The caveat's text is left for the author to write.
    expect(rulesAfter(after)).toContain('placeholder');
  });

  it('keeps a deeper indentation of the existing list', async () => {
    const caveats = 'caveats:\n    - type: evidence\n      text: A small trial.\n      cite: [p]\n';
    const { fixed } = await fixOne(articleEntry({ coi: declared, extra: caveats }), 'coi-unsurfaced');
    expect(fixed).toBe(articleEntry({ coi: declared, extra: caveats + funding('    ') }));
  });

  it('appends to a caveats list at the end of a text with no final newline', async () => {
    const caveats = 'caveats:\n  - type: evidence\n    text: A small trial.\n    cite: [p]';
    const text = articleEntry({ coi: declared }) + caveats;
    const { fixed } = await fixOne(text, 'coi-unsurfaced');
    expect(fixed).toBe(`${text}\n${funding('  ')}`);
  });

  it('writes a new caveats: block before references: when there is none', async () => {
    const { fixed } = await fixOne(articleEntry({ coi: declared }), 'coi-unsurfaced');
    expect(fixed).toBe(articleEntry({ coi: declared, extra: `caveats:\n${funding('  ')}` }));
  });

  it.each([
    ['appended to a list', 'caveats:\n  - type: evidence\n    text: A small trial.\n    cite: [p]\n', (indent: string) => `caveats:\n  - type: evidence\n    text: A small trial.\n    cite: [p]\n${funding(indent)}`],
    ['in a new caveats: block', '', (indent: string) => `caveats:\n${funding(indent)}`],
  ])('keeps CRLF line endings, %s', async (_, caveats, expected) => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const { fixed } = await fixOne(crlf(articleEntry({ coi: declared, extra: caveats })), 'coi-unsurfaced');
    expect(fixed).toBe(crlf(articleEntry({ coi: declared, extra: expected('  ') })));
  });

  it('names the tie’s party for an industry tie', async () => {
    const { action, fixed } = await fixOne(articleEntry({ coi: tie }), 'coi-unsurfaced');
    expect(action.title).toBe('Add a funding caveat citing p that names ThreoTech');
    expect(fixed).toBe(articleEntry({ coi: tie, extra: `caveats:\n${funding('  ', 'ThreoTech')}` }));
  });

  it.each([
    ['no reference in the data', { rule: 'coi-unsurfaced' }, articleEntry({ coi: declared })],
    ['a reference key that is not a key', { rule: 'coi-unsurfaced', reference: 'p, q' }, articleEntry({ coi: declared })],
    ['an empty flow caveats list', { rule: 'coi-unsurfaced', reference: 'p' }, articleEntry({ coi: declared, extra: 'caveats: []\n' })],
  ])('offers no fix for %s', async (_, data, text) => {
    const { diagnostics } = await published(articleEntry({ coi: declared }), 'coi-unsurfaced');
    const doc = TextDocument.create(URI, 'yaml', 2, text);
    expect(quickFixes(doc, [{ ...diagnostics[0], data }], undefined)).toEqual([]);
  });
});

describe('quickFixes: unused-reference', () => {
  const ref = (key: string) => `  - key: ${key}\n    type: web\n    title: Page ${key}\n    url: https://example.org/${key}\n    accessed: 2026-11-23\n`;
  /** A misconception citing `cited`, with references `keys` in order. */
  const withRefs = (cited: string[], keys: string[], crlf = false) => {
    const text = entry('misconception', 'dddd0001').replace('cite: [ods]', `cite: [${cited.join(', ')}]`).replace(ODS_REFERENCES, `references:\n${keys.map(ref).join('')}`);
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  };

  it.each([
    ['a middle item', ['a', 'c'], ['a', 'b', 'c'], ['a', 'c'], 'b'],
    ['the last item', ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], 'c'],
    ['the first item', ['b'], ['a', 'b'], ['b'], 'a'],
  ])('removes %s, its lines whole', async (_, cited, keys, left, unused) => {
    const { action, fixed } = await fixOne(withRefs(cited, keys), 'unused-reference');
    expect(action.title).toBe(`Remove the unused reference ${unused}`);
    expect(action.isPreferred).toBe(false);
    expect(fixed).toBe(withRefs(cited, left));
  });

  it('removes a middle item with CRLF line endings', async () => {
    const { fixed } = await fixOne(withRefs(['a', 'c'], ['a', 'b', 'c'], true), 'unused-reference');
    expect(fixed).toBe(withRefs(['a', 'c'], ['a', 'c'], true));
  });

  // The entry cites a key it has no reference for (cite-key), so its only reference is unused.
  it('writes references: [] when it removes the only item', async () => {
    const text = entry('misconception', 'dddd0001').replace('cite: [ods]', 'cite: [zzz]').replace(ODS_REFERENCES, `references:\n${ref('a')}`);
    const { fixed } = await fixOne(text, 'unused-reference');
    expect(fixed).toBe(text.replace(`references:\n${ref('a')}`, 'references: []\n'));
  });

  it('writes references: [] for an only item that ends the text without a newline', async () => {
    const body = entry('misconception', 'dddd0001').replace('cite: [ods]', 'cite: [zzz]').replace(ODS_REFERENCES, '');
    const text = `${body}references:\n${ref('a').trimEnd()}`;
    const { fixed } = await fixOne(text, 'unused-reference');
    expect(fixed).toBe(`${body}references: []\n`);
  });

  it('writes references: [] with CRLF line endings', async () => {
    const text = entry('misconception', 'dddd0001').replace('cite: [ods]', 'cite: [zzz]').replace(ODS_REFERENCES, `references:\n${ref('a')}`).replace(/\n/g, '\r\n');
    const { fixed } = await fixOne(text, 'unused-reference');
    expect(fixed).toBe(text.replace(`references:\r\n${ref('a').replace(/\n/g, '\r\n')}`, 'references: []\r\n'));
  });

  it.each([
    ['the reference is gone already', { rule: 'unused-reference', reference: 'b' }, (t: string) => t],
    ['no reference in the data', { rule: 'unused-reference' }, (t: string) => t],
    ['a flow references list', { rule: 'unused-reference', reference: 'a' }, (t: string) => t.replace(/references:\n[^]*$/, 'references: [{key: a, type: web}]\n')],
  ])('offers no fix when %s', async (_, data, change) => {
    const text = withRefs(['a'], ['a']);
    const doc = TextDocument.create(URI, 'yaml', 1, change(text));
    const d: LspDiagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'unused-reference', data };
    expect(quickFixes(doc, [d], undefined)).toEqual([]);
  });
});

describe('quickFixes: modeline', () => {
  const TOPIC_LINE = '# yaml-language-server: $schema=../../schemas/misconception.schema.json';

  /** Fixes the modeline hint of `text` at REL, and checks the result with the hint and the pipeline. */
  async function fixModeline(text: string): Promise<{ action: CodeAction; fixed: string }> {
    const hint = checkModeline(REL, text);
    expect(hint).toBeDefined();
    const doc = TextDocument.create(URI, 'yaml', 1, text);
    const actions = quickFixes(doc, [hint!], undefined);
    expect(actions).toHaveLength(1);
    const fixed = applyFix(doc, actions[0]);
    expect(checkModeline(REL, fixed)).toBeUndefined();
    const after = await checkText(fixed);
    expect(rulesAfter(after)).not.toContain('yaml-syntax');
    return { action: actions[0], fixed };
  }

  it('adds a missing modeline as the first line', async () => {
    const text = entry('misconception', 'dddd0001', 'related: [bbbb0001]\n');
    const { action, fixed } = await fixModeline(text);
    expect(action.title).toBe('Add the modeline');
    expect(fixed).toBe(`${TOPIC_LINE}\n${text}`);
  });

  it('replaces a modeline for another kind', async () => {
    const text = `# yaml-language-server: $schema=../../schemas/topic.schema.json\n${entry('misconception', 'dddd0001', 'related: [bbbb0001]\n')}`;
    const { action, fixed } = await fixModeline(text);
    expect(action.title).toBe('Correct the modeline');
    expect(fixed).toBe(`${TOPIC_LINE}\n${entry('misconception', 'dddd0001', 'related: [bbbb0001]\n')}`);
  });

  it('keeps CRLF line endings', async () => {
    const body = entry('misconception', 'dddd0001', 'related: [bbbb0001]\n').replace(/\n/g, '\r\n');
    expect((await fixModeline(body)).fixed).toBe(`${TOPIC_LINE}\r\n${body}`);
    expect((await fixModeline(`# yaml-language-server: $schema=../../schemas/topic.schema.json\r\n${body}`)).fixed).toBe(`${TOPIC_LINE}\r\n${body}`);
  });

  it('writes the modeline after a byte-order mark', async () => {
    const body = entry('misconception', 'dddd0001', 'related: [bbbb0001]\n');
    expect((await fixModeline(`\uFEFF${body}`)).fixed).toBe(`\uFEFF${TOPIC_LINE}\n${body}`);
    expect((await fixModeline(`\uFEFF# yaml-language-server: $schema=../../schemas/topic.schema.json\n${body}`)).fixed).toBe(`\uFEFF${TOPIC_LINE}\n${body}`);
  });

  it('replaces a modeline for another kind in a one-line text', async () => {
    const text = 'kind: misconception';
    const hint = checkModeline(REL, text)!;
    const doc = TextDocument.create(URI, 'yaml', 1, text);
    expect(applyFix(doc, quickFixes(doc, [hint], undefined)[0])).toBe(`${TOPIC_LINE}\nkind: misconception`);
  });

  it.each([
    ['no modeline in the data', { rule: 'modeline' }],
    ['a line that is not a modeline', { rule: 'modeline', modeline: 'rm -rf /', replace: false }],
  ])('offers no fix for %s', (_, data) => {
    const doc = TextDocument.create(URI, 'yaml', 1, 'kind: misconception\n');
    const d: LspDiagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', code: 'modeline', data };
    expect(quickFixes(doc, [d], undefined)).toEqual([]);
  });
});
