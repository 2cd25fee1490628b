/**
 * `reflib lsp` over stdio, driven the way an editor drives it: JSON-RPC with
 * Content-Length framing (tests/support/lspClient.ts), on a copy of the real
 * library. Diagnostics are compared with what the same pipeline reports for
 * the same text on disk; completion, hover, definition, references, symbols,
 * code actions (applied to the text) and formatting are checked for what
 * they return, and the server is fed hostile input it must survive.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LspClient, type Diagnostic } from '../support/lspClient';
import { BIN, copyRealLibrary } from '../support/fixtures';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { formatEntryText } from '../../scripts/layout/layoutEntryText';
import { linkFields } from '../../scripts/graph/linkFields';
import type { Kind } from '../../scripts/core/loadSchemas';

const WAIT_MS = 15_000;
const CAUTION = 'entries/cautions/kidney-disease.yaml';
const TOPIC = 'entries/topics/stress-magnesium-vicious-circle.yaml';
/** Planted on disk before the server starts: a retired caution that points at the kidney caution. */
const RETIRED = 'entries/cautions/old-kidney-caution.yaml';
const RETIRED_ID = 'c0ffee02';

let root = '';
let client: LspClient | undefined;
let version = 1;
const texts = new Map<string, string>();

const uri = (rel: string) => pathToFileURL(path.join(root, rel)).href;
const lsp = () => client!;
const original = (rel: string) => readFileSync(path.join(root, rel), 'utf8');
const lineOf = (text: string, prefix: string) => {
  const line = text.split('\n').findIndex((l) => l.startsWith(prefix));
  expect(line, `a line starting with ${JSON.stringify(prefix)}`).toBeGreaterThanOrEqual(0);
  return line;
};
const idOf = (rel: string) => (parse(original(rel)) as { id: string }).id;

interface Published {
  uri: string;
  version?: number;
  diagnostics: (Diagnostic & { data?: Record<string, unknown> })[];
}

/** Opens a document and waits for its first diagnostics. */
async function open(rel: string, text = original(rel)): Promise<Published['diagnostics']> {
  const published = lsp().waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri(rel), WAIT_MS);
  texts.set(rel, text);
  lsp().notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'yaml', version: ++version, text } });
  return (await published).diagnostics;
}

/** Replaces an open document's text and waits for the diagnostics of exactly that version. */
async function change(rel: string, text: string): Promise<Published['diagnostics']> {
  const v = ++version;
  const published = lsp().waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri(rel) && p.version === v, WAIT_MS);
  texts.set(rel, text);
  lsp().notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: v }, contentChanges: [{ text }] });
  return (await published).diagnostics;
}

function request<T>(method: string, rel: string, extra: Record<string, unknown> = {}): Promise<T> {
  return lsp().request<T>(method, { textDocument: { uri: uri(rel) }, ...extra }, WAIT_MS);
}

/** The position just after the first occurrence of `needle` on the line starting with `prefix`. */
function after(text: string, prefix: string, needle: string): { line: number; character: number } {
  const line = lineOf(text, prefix);
  const at = text.split('\n')[line].indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return { line, character: at + needle.length };
}

function applyEdits(rel: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri(rel), 'yaml', 0, texts.get(rel)!), edits);
}

interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, TextEdit[]> };
}

async function fixesFor(rel: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return request<CodeAction[]>('textDocument/codeAction', rel, { range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
}

beforeAll(async () => {
  root = copyRealLibrary('reflib-lsp-');
  const target = idOf(CAUTION);
  // A copy of the caution, retired in its favour.
  const copy = original(CAUTION).replace(`id: ${target}`, `id: ${RETIRED_ID}`).replace(/^title: .*$/m, 'title: Kidney disease (old)').replace('status: published', `status: retired\nreplaced_by: ${target}`);
  writeFileSync(path.join(root, RETIRED), copy);
  client = LspClient.start({ command: [process.execPath, BIN, 'lsp', '--stdio'], cwd: root, settings: {} });
  const init = await client.request<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>(
    'initialize',
    {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'library' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
    },
    WAIT_MS,
  );
  expect(init.serverInfo.name).toBe('reflib');
  expect(Object.keys(init.capabilities).sort()).toEqual(
    ['codeActionProvider', 'completionProvider', 'definitionProvider', 'documentFormattingProvider', 'documentSymbolProvider', 'hoverProvider', 'referencesProvider', 'textDocumentSync'].sort(),
  );
  client.notify('initialized', {});
}, 60_000);

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('reflib lsp: diagnostics', () => {
  it('publishes what the pipeline finds for every file, at the same lines, columns, rules and severities', async () => {
    // Open one document so that the first check is known to be done.
    await open(CAUTION);
    const expected = (await checkLibrary(root)).sites;
    const severities: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
    const shown = [...lsp().diagnostics].flatMap(([u, list]) =>
      list.filter((d) => d.code !== 'modeline').map((d) => `${path.relative(root, new URL(u).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severities[d.severity!]} ${d.code}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(shown.sort()).toEqual(expected.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`).sort());
    // The planted retired entry points at the caution, which is live: no findings for it.
    expect(lsp().diagnostics.get(uri(RETIRED)) ?? []).toEqual([]);
  });

  it('checks unsaved text: a mistyped ID is a broken link on its line, with the suggestion as a quick fix that restores the text', async () => {
    const text = original(CAUTION);
    const [first] = /^related: \[(\w+)/m.exec(text)!.slice(1);
    const typo = `${first.slice(0, 7)}${first[7] === '0' ? '1' : '0'}`;
    const edited = text.replace(`related: [${first}`, `related: [${typo}`);
    const diagnostics = await change(CAUTION, edited);
    const broken = diagnostics.filter((d) => d.code === 'broken-link');
    expect(broken).toHaveLength(1);
    const at = after(edited, 'related:', '[');
    expect(broken[0].range).toEqual({ start: at, end: { line: at.line, character: at.character + 8 } });
    expect(broken[0].severity).toBe(1);
    expect(broken[0].source).toBe('reflib');
    expect(broken[0].message).toContain(`no entry has ID "${typo}"`);
    const [fix] = await fixesFor(CAUTION, broken[0]);
    expect(fix.title).toContain(`Replace ${typo} with ${first}`);
    expect(fix.isPreferred).toBe(true);
    expect(applyEdits(CAUTION, fix.edit.changes[uri(CAUTION)])).toBe(text);
    expect(await change(CAUTION, text)).toEqual([]);
  });

  it('re-checks the entries that link to an edited one: changing its ID breaks their links, changing it back clears them', async () => {
    const text = original(CAUTION);
    const id = idOf(CAUTION);
    const linking = (await checkLibrary(root)).graph.incoming.get(id)!.map((l) => l.source.file.path);
    const others = [...new Set(linking)].filter((f) => f !== CAUTION && f !== RETIRED);
    expect(others.length).toBeGreaterThan(0);
    const broken = Promise.all(others.map((f) => lsp().waitForDiagnostics(uri(f), (list) => list.some((d) => d.code === 'broken-link' && d.message.includes(id)), WAIT_MS)));
    await change(CAUTION, text.replace(`id: ${id}`, 'id: 0d0d0d0d'));
    await broken;
    const cleared = Promise.all(others.map((f) => lsp().waitForDiagnostics(uri(f), (list) => !list.some((d) => d.code === 'broken-link'), WAIT_MS)));
    await change(CAUTION, text);
    await cleared;
  });

  it('applies suppressions and reflib.config.yaml as validate does', async () => {
    const text = original(CAUTION);
    const typo = text.replace(/^related: \[\w+/m, 'related: [0000000a');
    const suppressed = typo.replace(/^related:/m, '# reflib-disable-next-line broken-link -- kept for the test\nrelated:');
    expect((await change(CAUTION, suppressed)).map((d) => d.code)).toEqual([]);
    // A setting in the config, picked up when the client says the file changed.
    writeFileSync(path.join(root, 'reflib.config.yaml'), 'rules:\n  broken-link: warning\n');
    const relaxed = lsp().waitForDiagnostics(uri(CAUTION), (list) => list.some((d) => d.code === 'broken-link' && d.severity === 2), WAIT_MS);
    await change(CAUTION, typo);
    // The version above was checked before the config was read: the watcher brings it in.
    lsp().notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('reflib.config.yaml'), type: 1 }] });
    await relaxed;
    rmSync(path.join(root, 'reflib.config.yaml'));
    const strictAgain = lsp().waitForDiagnostics(uri(CAUTION), (list) => list.some((d) => d.code === 'broken-link' && d.severity === 1), WAIT_MS);
    lsp().notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('reflib.config.yaml'), type: 3 }] });
    await strictAgain;
    expect(await change(CAUTION, text)).toEqual([]);
  });

  it('publishes the config file’s diagnostics while it is open in the editor', async () => {
    const config = 'reflib.config.yaml';
    writeFileSync(path.join(root, config), 'rules:\n  broken-link: loud\n');
    const bad = lsp().waitForDiagnostics(uri(config), (list) => list.some((d) => d.code === 'config'), WAIT_MS);
    lsp().notify('textDocument/didOpen', { textDocument: { uri: uri(config), languageId: 'yaml', version: ++version, text: 'rules:\n  broken-link: loud\n' } });
    lsp().notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 1 }] });
    await bad;
    rmSync(path.join(root, config));
    const cleared = lsp().waitForDiagnostics(uri(config), (list) => list.length === 0, WAIT_MS);
    lsp().notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 3 }] });
    await cleared;
    lsp().notify('textDocument/didClose', { textDocument: { uri: uri(config) } });
  });

  it('says which modeline is missing as a hint, and the quick fix writes it', async () => {
    const text = original(CAUTION);
    const without = text.slice(text.indexOf('\n') + 1);
    const [hint] = (await change(CAUTION, without)).filter((d) => d.code === 'modeline');
    expect(hint.severity).toBe(4);
    expect(hint.range.start).toEqual({ line: 0, character: 0 });
    const [fix] = await fixesFor(CAUTION, hint);
    expect(applyEdits(CAUTION, fix.edit.changes[uri(CAUTION)])).toBe(text);
    expect(await change(CAUTION, text)).toEqual([]);
  });

  it('survives hostile text: invisible characters and oversized files get located errors, and the server keeps answering', async () => {
    const text = original(CAUTION);
    const bidi = text.replace('title: Magnesium', 'title: \u202eMagnesium');
    const [encoding] = await change(CAUTION, bidi);
    expect(encoding).toMatchObject({ code: 'encoding', severity: 1, range: { start: { line: lineOf(bidi, 'title:') } } });
    const huge = `${text}# ${'x'.repeat(1_100_000)}\n`;
    expect((await change(CAUTION, huge)).map((d) => d.code)).toEqual(['limit']);
    const broken = `${text}\n: : [\n`;
    expect((await change(CAUTION, broken)).map((d) => d.code)).toContain('yaml-syntax');
    expect(await change(CAUTION, text)).toEqual([]);
    const hover = await request<{ contents: { value: string } } | null>('textDocument/hover', CAUTION, { position: after(text, 'id:', 'id: ') });
    expect(hover?.contents.value).toContain('Magnesium supplements and kidney disease');
  });
});

describe('reflib lsp: completion', () => {
  it('offers, inside related: [, the live entries of the kinds the field accepts, each with title, kind and status', async () => {
    const text = original(TOPIC);
    await open(TOPIC);
    const typed = text.replace(/^related:.*$/m, 'related: [');
    await change(TOPIC, typed);
    const list = await request<{ items: { label: string; detail: string; labelDetails: { description: string }; textEdit: TextEdit }[] }>('textDocument/completion', TOPIC, {
      position: after(typed, 'related:', '['),
    });
    const kinds = linkFields().get('topic' as Kind)!.find((f) => f.field === 'related')!.kinds;
    const library = await checkLibrary(root);
    const expected = library.library.entries
      .filter((e) => kinds.includes(e.kind as Kind) && (e.data as { status: string }).status !== 'retired' && e.id !== idOf(TOPIC))
      .map((e) => e.id!);
    expect(list.items.map((i) => i.label).sort()).toEqual(expected.sort());
    expect(list.items.map((i) => i.label)).not.toContain(RETIRED_ID);
    const caution = list.items.find((i) => i.label === idOf(CAUTION))!;
    expect(caution.detail).toBe('Magnesium supplements and kidney disease (population-caution · published)');
    expect(caution.labelDetails.description).toBe('population-caution · published');
    expect(caution.textEdit.newText).toBe(idOf(CAUTION));
    await change(TOPIC, text);
  });

  it('completes cite keys from the entry’s own references inside cite: [', async () => {
    const text = original(CAUTION);
    const typed = text.replace(/^cite: \[.*\]$/m, 'cite: [');
    expect(typed).not.toBe(text);
    await change(CAUTION, typed);
    const list = await request<{ items: { label: string }[] }>('textDocument/completion', CAUTION, { position: after(typed, 'cite:', '[') });
    const keys = (parse(text) as { references: { key: string }[] }).references.map((r) => r.key);
    expect(list.items.map((i) => i.label)).toEqual(keys);
    await change(CAUTION, text);
  });

  it('completes PMIDs from the lock after pmid:, with their verification level', async () => {
    const text = original(TOPIC);
    const typed = text.replace(/^(\s*)pmid: (\d+)$/m, (_m, indent: string) => `${indent}pmid: 3`);
    await change(TOPIC, typed);
    const line = typed.split('\n').findIndex((l) => /^\s*pmid: 3$/.test(l));
    const list = await request<{ items: { label: string; detail: string; labelDetails: { description: string } }[] }>('textDocument/completion', TOPIC, {
      position: { line, character: typed.split('\n')[line].length },
    });
    const lock = JSON.parse(original('pubmed-lock.json')) as { records: Record<string, { status: string }> };
    const expected = Object.keys(lock.records).filter((p) => p.startsWith('3') && lock.records[p].status === 'found');
    expect(list.items.map((i) => i.label).sort()).toEqual(expected.sort());
    expect(list.items.every((i) => ['fetched', 'imported', 'transcribed', 'corroborated'].includes(i.labelDetails.description))).toBe(true);
    await change(TOPIC, text);
  });
});

describe('reflib lsp: navigation', () => {
  it('hover on a linked ID shows its title, status and summary; on a PMID its citation and verification level', async () => {
    const text = original(CAUTION);
    const first = /^related: \[(\w+)/m.exec(text)![1];
    const hover = await request<{ contents: { value: string } }>('textDocument/hover', CAUTION, { position: after(text, 'related:', '[') });
    const target = parse(readFileSync(path.join(root, (await checkLibrary(root)).graph.byId.get(first)!.file.path), 'utf8')) as { title: string; status: string };
    expect(hover.contents.value).toContain(target.title.split(' ')[0]);
    expect(hover.contents.value).toContain(`\`${first}\``);
    expect(hover.contents.value).toContain(target.status);
    const topic = original(TOPIC);
    const pmidLine = topic.split('\n').findIndex((l) => /^\s*pmid: \d+$/.test(l));
    const pmid = /\d+/.exec(topic.split('\n')[pmidLine])![0];
    const pmidHover = await request<{ contents: { value: string } }>('textDocument/hover', TOPIC, { position: { line: pmidLine, character: topic.split('\n')[pmidLine].length - 1 } });
    expect(pmidHover.contents.value).toContain(`PMID ${pmid}`);
    expect(pmidHover.contents.value).toMatch(/Verification: \*\*(fetched|imported|transcribed|corroborated)\*\*/);
  });

  it('go-to-definition opens the linked entry at its id; find-references lists the backlinks', async () => {
    const text = original(CAUTION);
    const first = /^related: \[(\w+)/m.exec(text)![1];
    const checked = await checkLibrary(root);
    const target = checked.graph.byId.get(first)!;
    const location = await request<{ uri: string; range: { start: { line: number } } }>('textDocument/definition', CAUTION, { position: after(text, 'related:', '[') });
    expect(location.uri).toBe(uri(target.file.path));
    expect(location.range.start.line).toBe(lineOf(target.file.text, 'id:'));
    const id = idOf(CAUTION);
    const refs = await request<{ uri: string; range: { start: { line: number; character: number } } }[]>('textDocument/references', CAUTION, {
      position: after(text, 'id:', 'id: '),
      context: { includeDeclaration: false },
    });
    const backlinks = checked.graph.incoming.get(id)!;
    expect(refs).toHaveLength(backlinks.length);
    expect(new Set(refs.map((r) => path.relative(root, new URL(r.uri).pathname)))).toEqual(new Set(backlinks.map((l) => l.source.file.path)));
    expect(refs.map((r) => r.uri)).toContain(uri(RETIRED));
  });

  it('lists the entry’s outline as document symbols', async () => {
    const symbols = await request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', CAUTION);
    const top = Object.keys(parse(original(CAUTION)) as object);
    expect(symbols.map((s) => s.name)).toEqual(top);
    const refs = symbols.find((s) => s.name === 'references')!;
    expect(refs.children!.map((c) => c.name)).toEqual((parse(original(CAUTION)) as { references: { key: string }[] }).references.map((r) => r.key));
  });
});

describe('reflib lsp: quick fixes and formatting', () => {
  it('points a link at a retired entry to its replacement', async () => {
    const text = original(TOPIC);
    const linked = text.replace(/^related: \[/m, `related: [${RETIRED_ID}, `);
    const [retired] = (await change(TOPIC, linked)).filter((d) => d.code === 'retired-link');
    expect(retired).toBeDefined();
    const [fix] = await fixesFor(TOPIC, retired);
    expect(fix.title).toContain(`Link the replacement ${idOf(CAUTION)}`);
    expect(applyEdits(TOPIC, fix.edit.changes[uri(TOPIC)])).toBe(linked.replace(RETIRED_ID, idOf(CAUTION)));
    await change(TOPIC, text);
  });

  it('adds a funding caveat skeleton for an unsurfaced conflict of interest; the placeholder is then what is reported', async () => {
    const text = original(TOPIC);
    // Drop the caveat that surfaces Pickering 2020's declared conflict of interest (Sanofi).
    const caveat = /^ {2}- type: funding\n {4}text: >-\n(?: {6}.*\n)+ {4}cite: \[pickering2020\]\n/m.exec(text)![0];
    const hidden = text.replace(caveat, '');
    const [unsurfaced] = (await change(TOPIC, hidden)).filter((d) => d.code === 'coi-unsurfaced');
    expect(unsurfaced.message).toContain('pickering2020');
    const [fix] = await fixesFor(TOPIC, unsurfaced);
    const fixed = applyEdits(TOPIC, fix.edit.changes[uri(TOPIC)]);
    expect(fixed).toContain('  - type: funding\n    text: "<fill in: say that Sanofi funded or has a stake in pickering2020, in words a reader understands>"\n    cite: [pickering2020]\n');
    const after = await change(TOPIC, fixed);
    expect(after.map((d) => d.code)).not.toContain('coi-unsurfaced');
    expect(after.map((d) => d.code)).toContain('placeholder');
    await change(TOPIC, text);
  });

  it('removes an unused reference, its lines whole', async () => {
    const text = original(CAUTION);
    const spare = '  - key: spare2026\n    type: web\n    title: A page nothing cites\n    publisher: Nobody\n    url: https://example.org/spare\n    accessed: 2026-12-06\n';
    const withSpare = text.replace(/^references:\n/m, `references:\n${spare}`);
    const [unused] = (await change(CAUTION, withSpare)).filter((d) => d.code === 'unused-reference');
    expect(unused).toBeDefined();
    const [fix] = await fixesFor(CAUTION, unused);
    expect(fix.title).toBe('Remove the unused reference spare2026');
    expect(applyEdits(CAUTION, fix.edit.changes[uri(CAUTION)])).toBe(text);
    await change(CAUTION, text);
  });

  it('formats with reflib fmt’s layout, and leaves text that does not parse alone', async () => {
    const text = original(CAUTION);
    const messy = text.replace(/^status: published$/m, 'status:    published').replace(/^related: \[(.*)\]$/m, (_m, ids: string) => `related:\n${ids.split(', ').map((i) => `  - ${i}`).join('\n')}`);
    await change(CAUTION, messy);
    const edits = await request<TextEdit[]>('textDocument/formatting', CAUTION, { options: { tabSize: 2, insertSpaces: true } });
    const formatted = formatEntryText(messy);
    expect(formatted.ok).toBe(true);
    expect(applyEdits(CAUTION, edits)).toBe((formatted as { text: string }).text);
    await change(CAUTION, `${text}\n: : [\n`);
    expect(await request<TextEdit[]>('textDocument/formatting', CAUTION, { options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    await change(CAUTION, text);
  });

  it('closing an unsaved document makes the file on disk count again', async () => {
    const text = original(CAUTION);
    await change(CAUTION, text.replace(/^related: \[\w+/m, 'related: [0000000a'));
    const cleared = lsp().waitForDiagnostics(uri(CAUTION), (list) => list.length === 0, WAIT_MS);
    lsp().notify('textDocument/didClose', { textDocument: { uri: uri(CAUTION) } });
    await cleared;
  });
});

describe('reflib lsp with a client that watches no files (Neovim 0.7)', () => {
  let own: LspClient | undefined;
  let lib = '';
  const at = (rel: string) => pathToFileURL(path.join(lib, rel)).href;

  beforeAll(async () => {
    lib = copyRealLibrary('reflib-lsp-nowatch-');
    own = LspClient.start({ command: [process.execPath, BIN, 'lsp', '--root', lib], cwd: lib, settings: {} });
    await own.request('initialize', { processId: process.pid, rootUri: pathToFileURL(lib).href, capabilities: {} }, WAIT_MS);
    own.notify('initialized', {});
  }, 60_000);

  afterAll(async () => {
    await own?.close();
    rmSync(lib, { recursive: true, force: true });
  });

  it('sees a linked entry deleted on disk: the open entry gets its broken link, and loses it when the file is back', async () => {
    const text = readFileSync(path.join(lib, CAUTION), 'utf8');
    const first = /^related: \[(\w+)/m.exec(text)![1];
    const opened = own!.waitForDiagnostics(at(CAUTION), () => true, WAIT_MS);
    own!.notify('textDocument/didOpen', { textDocument: { uri: at(CAUTION), languageId: 'yaml', version: 1, text } });
    expect(await opened).toEqual([]);
    const target = (await checkLibrary(lib)).graph.byId.get(first)!.file.path;
    const saved = readFileSync(path.join(lib, target), 'utf8');
    const broken = own!.waitForDiagnostics(at(CAUTION), (list) => list.some((d) => d.code === 'broken-link' && d.message.includes(first)), WAIT_MS);
    rmSync(path.join(lib, target));
    await broken;
    const fixed = own!.waitForDiagnostics(at(CAUTION), (list) => list.length === 0, WAIT_MS);
    writeFileSync(path.join(lib, target), saved);
    await fixed;
  });

  it('sees a folder of entries removed at once (rm -rf), and put back', async () => {
    const text = readFileSync(path.join(lib, CAUTION), 'utf8');
    const first = /^related: \[(\w+)/m.exec(text)![1];
    const folder = path.dirname((await checkLibrary(lib)).graph.byId.get(first)!.file.path);
    const files = readdirSync(path.join(lib, folder));
    expect(files.length).toBeGreaterThan(1);
    const broken = own!.waitForDiagnostics(at(CAUTION), (list) => list.some((d) => d.code === 'broken-link' && d.message.includes(first)), WAIT_MS);
    const saved = path.join(lib, '..', `${path.basename(lib)}-saved`);
    cpSync(path.join(lib, folder), saved, { recursive: true });
    rmSync(path.join(lib, folder), { recursive: true });
    await broken;
    // Every file of the folder is gone from the library: its diagnostics are cleared, none is left stale.
    const expected = (await checkLibrary(lib)).sites;
    expect(expected.some((d) => d.file.startsWith(`${folder}/`))).toBe(false);
    const fixed = own!.waitForDiagnostics(at(CAUTION), (list) => list.length === 0, WAIT_MS);
    cpSync(saved, path.join(lib, folder), { recursive: true });
    rmSync(saved, { recursive: true });
    await fixed;
  });

  it('answers a file URI on another host, and an untitled document, with nothing, and says nothing on stderr', async () => {
    for (const uri of ['file://remotehost/share/entries/x.yaml', 'untitled:Untitled-1']) {
      own!.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'id: 0000000a\nrelated: [\n' } });
      expect(await own!.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 10 } }, WAIT_MS)).toBeNull();
      expect(await own!.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } }, WAIT_MS)).toBeNull();
    }
    expect(own!.stderr).toBe('');
  });

  it('completes inside [[ in prose by replacing the typed ID only, never the words after the cursor', async () => {
    const text = readFileSync(path.join(lib, CAUTION), 'utf8');
    const typed = text.replace('can make it build up', 'can [[ make it build up');
    const v = 2;
    const published = own!.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === at(CAUTION) && p.version === v, WAIT_MS);
    own!.notify('textDocument/didChange', { textDocument: { uri: at(CAUTION), version: v }, contentChanges: [{ text: typed }] });
    await published;
    const position = after(typed, '  When the kidneys', '[[');
    const list = await own!.request<{ items: { label: string; textEdit: TextEdit }[] }>('textDocument/completion', { textDocument: { uri: at(CAUTION) }, position }, WAIT_MS);
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) expect(item.textEdit.range).toEqual({ start: position, end: position });
  });
});
