/**
 * What an editor with the Red Hat YAML extension shows on a real entry: the real
 * yaml-language-server, started over stdio and driven the way VS Code drives it,
 * with the workspace settings from .vscode/settings.json.
 *
 * The schemas have `$id`s on a domain that does not exist
 * (https://schemas.reflib.dev/v1/…) and relative `$ref`s between files. These
 * tests pin that the server finds the referenced schemas beside the file it
 * loaded and never tries to fetch the `$id` URL: descriptions that live in
 * definitions.schema.json show up, and the server asks for nothing over the
 * network (it would ask the client with vscode/content, or go through the
 * http.proxy, which here is a recorder on 127.0.0.1).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, type Diagnostic } from '../support/lspClient';

const REPO = path.resolve(__dirname, '../..');
const SERVER = path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server');
const ENTRY = path.join(REPO, 'entries/cautions/kidney-disease.yaml');
const ENTRY_URI = pathToFileURL(ENTRY).href;
/** Not on disk: a new caution whose author has not added the modeline. */
const NO_MODELINE_URI = pathToFileURL(path.join(REPO, 'entries/cautions/new-caution-without-modeline.yaml')).href;
const WAIT_MS = 8000;

type Schema = { description?: string; properties?: Record<string, Schema>; definitions?: Record<string, Schema> };
const readSchema = (name: string): Schema => JSON.parse(readFileSync(path.join(REPO, 'schemas', name), 'utf8')) as Schema;
const CAUTION = readSchema('population-caution.schema.json');
const DEFINITIONS = readSchema('definitions.schema.json');
const describes = (field: string): string => CAUTION.properties![field].description!;

/** The editor's settings as VS Code sends them: the defaults we rely on plus .vscode/settings.json. */
function editorSettings(proxyUrl: string): Record<string, unknown> {
  const workspace = JSON.parse(readFileSync(path.join(REPO, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
  const yaml: Record<string, unknown> = {
    validate: true,
    completion: true,
    hover: true,
    // VS Code's default is true: the catalogue would be fetched from the internet.
    schemaStore: { enable: false },
  };
  for (const [key, value] of Object.entries(workspace)) if (key.startsWith('yaml.')) yaml[key.slice('yaml.'.length)] = value;
  expect(yaml.schemas, '.vscode/settings.json maps yaml.schemas').toBeTypeOf('object');
  return { yaml, http: { proxy: proxyUrl, proxyStrictSSL: false }, '[yaml]': {}, editor: {} };
}

/** Text of a hover or completion documentation, with markdown escapes undone. */
function text(doc: unknown): string {
  if (doc === undefined || doc === null) return '';
  if (typeof doc === 'string') return doc.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
  if (Array.isArray(doc)) return doc.map(text).join('\n');
  const value = (doc as { value?: unknown }).value;
  return text(typeof value === 'string' ? value : '');
}

const lineOf = (source: string, prefix: string): number => {
  const line = source.split('\n').findIndex((l) => l.startsWith(prefix));
  expect(line, `a line starting with ${prefix}`).toBeGreaterThanOrEqual(0);
  return line;
};

const REAL_TEXT = readFileSync(ENTRY, 'utf8');
let version = 1;
let client: LspClient | undefined;
let proxy: http.Server | undefined;
const proxied: string[] = [];
/** What the server published for the real entry as it was opened. */
let firstDiagnostics: Diagnostic[] = [];

function lsp(): LspClient {
  if (!client) throw new Error('language server not started');
  return client;
}

/** Replaces the open entry's whole text and waits for the next diagnostics that satisfy `expectation`. */
async function change(uri: string, newText: string, expectation: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const published = lsp().waitForDiagnostics(uri, expectation, WAIT_MS);
  lsp().notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: newText }] });
  return published;
}

const schemaUris = (d: Diagnostic): string[] => ((d as { data?: { schemaUri?: string[] } }).data?.schemaUri ?? []).map((u) => path.basename(u));

beforeAll(async () => {
  proxy = http.createServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  proxy.on('connect', (req, socket) => {
    proxied.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const settings = editorSettings(proxyUrl);
  client = LspClient.start({ command: [process.execPath, SERVER, '--stdio'], cwd: REPO, settings });
  const root = pathToFileURL(REPO).href;
  const init = await client.request<{ capabilities: { completionProvider?: unknown; hoverProvider?: unknown } }>(
    'initialize',
    {
      processId: process.pid,
      clientInfo: { name: 'reflib-test' },
      locale: 'en',
      rootUri: root,
      workspaceFolders: [{ uri: root, name: path.basename(REPO) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    },
    WAIT_MS,
  );
  expect(init.capabilities.completionProvider).toBeTruthy();
  expect(init.capabilities.hoverProvider).toBeTruthy();
  client.notify('initialized', {});
  // As vscode-yaml does: schemas over http(s) are fetched by the editor, through vscode/content.
  client.notify('yaml/registerContentRequest', null);
  // The server then pulls the same settings with workspace/configuration, answered from `settings`.
  client.notify('workspace/didChangeConfiguration', { settings });

  const published = client.waitForDiagnostics(ENTRY_URI, () => true, WAIT_MS);
  client.notify('textDocument/didOpen', { textDocument: { uri: ENTRY_URI, languageId: 'yaml', version, text: REAL_TEXT } });
  firstDiagnostics = await published;
}, 20_000);

afterAll(async () => {
  await client?.close();
  await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
});

describe('yaml-language-server on a real entry (entries/cautions/kidney-disease.yaml)', () => {
  it('loads the schema and its $refs: the real entry has no problems at all', () => {
    expect(firstDiagnostics).toEqual([]);
  });

  it('flags a misspelt key on its own line, from the kind schema the modeline names', async () => {
    const misspelt = REAL_TEXT.replace(/^severity:/m, 'sevrity:');
    const line = lineOf(misspelt, 'sevrity:');
    const diagnostics = await change(ENTRY_URI, misspelt, (d) => d.some((x) => x.message.includes('sevrity')));
    const typo = diagnostics.find((d) => d.message.includes('sevrity'))!;
    expect(typo.message).toMatch(/Property sevrity is not allowed/);
    expect(typo.range.start).toEqual({ line, character: 0 });
    expect(typo.range.end).toEqual({ line, character: 'sevrity'.length });
    expect(typo.severity).toBe(1); // Error
    expect(schemaUris(typo)).toEqual(['population-caution.schema.json']);
    // And the required key it replaced is now missing.
    expect(diagnostics.map((d) => d.message)).toContain('Missing property "severity".');
    expect(diagnostics.filter((d) => /Problems loading|Unable to load/.test(d.message))).toEqual([]);
  });

  it('checks fields through the relative $ref into definitions.schema.json', async () => {
    const badId = REAL_TEXT.replace(/^id: 7e7eb745$/m, 'id: 7E7EB745');
    expect(badId).not.toBe(REAL_TEXT);
    const line = lineOf(badId, 'id:');
    const diagnostics = await change(ENTRY_URI, badId, (d) => d.length > 0);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain('^[0-9a-f]{8}$');
    expect(diagnostics[0].range.start.line).toBe(line);
  });

  it('completes the kind’s fields on a new top-level line, with the schema’s descriptions', async () => {
    // The real entry's common fields, then an empty line where its caution fields were.
    const head = REAL_TEXT.split('\n').slice(0, lineOf(REAL_TEXT, 'population:'));
    const tail = REAL_TEXT.split('\n').slice(lineOf(REAL_TEXT, 'references:'));
    const draft = [...head, '', ...tail].join('\n');
    await change(ENTRY_URI, draft, () => true);
    const result = await lsp().request<{ items: { label: string; documentation?: unknown }[] } | { label: string }[]>('textDocument/completion', {
      textDocument: { uri: ENTRY_URI },
      position: { line: head.length, character: 0 },
    });
    const items = Array.isArray(result) ? (result as { label: string; documentation?: unknown }[]) : result.items;
    const byLabel = new Map(items.map((i) => [i.label, text(i.documentation)]));
    for (const field of ['population', 'threshold', 'caution', 'guidance', 'severity']) {
      expect(byLabel.has(field), `completion offers ${field}; got ${[...byLabel.keys()].join(', ')}`).toBe(true);
      expect(byLabel.get(field)).toContain(describes(field));
    }
    // cite is a $ref into definitions.schema.json: its description comes from there.
    expect(byLabel.get('cite')).toContain(DEFINITIONS.definitions!.citeKeys.description!);
    // Fields already in the entry are not offered again.
    expect(byLabel.has('title')).toBe(false);
    expect(byLabel.has('kind')).toBe(false);
  });

  it('shows a key’s description on hover, including descriptions behind a $ref', async () => {
    await change(ENTRY_URI, REAL_TEXT, (d) => d.length === 0);
    const hover = async (line: number): Promise<string> =>
      text((await lsp().request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: ENTRY_URI }, position: { line, character: 2 } }))?.contents);
    const severity = await hover(lineOf(REAL_TEXT, 'severity:'));
    expect(severity).toContain(describes('severity'));
    // The modeline's schema, not the fallback in .vscode/settings.json: a modeline wins.
    expect(severity).toContain('Source: [population-caution.schema.json]');
    const id = await hover(lineOf(REAL_TEXT, 'id:'));
    expect(id).toContain(DEFINITIONS.definitions!.entryId.description!);
  });

  it('falls back to entry.schema.json from .vscode/settings.json for a file with no modeline', async () => {
    const noModeline = REAL_TEXT.split('\n').slice(1).join('\n').replace(/^severity:/m, 'sevrity:');
    expect(noModeline).not.toMatch(/yaml-language-server/);
    const published = lsp().waitForDiagnostics(NO_MODELINE_URI, () => true, WAIT_MS);
    lsp().notify('textDocument/didOpen', { textDocument: { uri: NO_MODELINE_URI, languageId: 'yaml', version: 1, text: noModeline } });
    const diagnostics = await published;
    const typo = diagnostics.find((d) => d.message.includes('sevrity'));
    expect(typo, JSON.stringify(diagnostics)).toBeDefined();
    expect(typo!.range.start.line).toBe(lineOf(noModeline, 'sevrity:'));
    const hover = await lsp().request<{ contents: unknown } | null>('textDocument/hover', {
      textDocument: { uri: NO_MODELINE_URI },
      position: { line: lineOf(noModeline, 'guidance:'), character: 2 },
    });
    expect(text(hover?.contents)).toContain(describes('guidance'));
    // The hover names the schema the file was matched with: the settings' one.
    expect(text(hover?.contents)).toContain('Source: [entry.schema.json]');
    lsp().notify('textDocument/didClose', { textDocument: { uri: NO_MODELINE_URI } });
  });

  it('never tried to fetch a schema: no vscode/content request, nothing through the proxy', () => {
    const asked = lsp().serverRequests.filter((m) => m.method !== 'workspace/configuration' && m.method !== 'client/registerCapability');
    expect(asked.map((m) => `${m.method} ${JSON.stringify(m.params)}`)).toEqual([]);
    expect(proxied).toEqual([]);
  });
});
