/**
 * The language server part of the benchmark (`npm run bench -- --only lsp`):
 * its option, its changes, its connection, its row, note and target. No
 * server is started and no timing is asserted: the figures are made up.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../tools/bench/evaluateTargets';
import { formatBenchTable, lspNote } from '../../tools/bench/formatBenchTable';
import { IMPOSSIBLE_DATE, initializeParams, lspEditText } from '../../tools/bench/measureLsp';
import { editedText } from '../../tools/bench/measureWatch';
import { parseBenchArgs, PARTS } from '../../tools/bench/parseBenchArgs';
import type { BenchResults, CommandResult, SizeResult } from '../../tools/bench/summarizeRuns';
import { frame, LspClient, MessageReader, type LspMessage } from '../support/lspClient';

describe('parseBenchArgs and the lsp part', () => {
  it('runs the language server by default, 10 changes', () => {
    const options = parseBenchArgs([]);
    expect(PARTS).toContain('lsp');
    expect(options.only.has('lsp')).toBe(true);
    expect(options.lspEdits).toBe(10);
  });

  it('selects it alone with --only and takes --lsp-edits in both spellings', () => {
    expect([...parseBenchArgs(['--only', 'lsp']).only]).toEqual(['lsp']);
    expect([...parseBenchArgs(['--only=watch,lsp']).only]).toEqual(['watch', 'lsp']);
    expect(parseBenchArgs(['--lsp-edits', '3']).lspEdits).toBe(3);
    expect(parseBenchArgs(['--lsp-edits=7']).lspEdits).toBe(7);
    expect(parseBenchArgs(['--only', 'validate']).only.has('lsp')).toBe(false);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => parseBenchArgs(['--lsp-edits', '0'])).toThrow(/--lsp-edits needs a positive whole number/);
    expect(() => parseBenchArgs(['--lsp-edits'])).toThrow(/--lsp-edits needs a positive whole number, not nothing/);
    expect(() => parseBenchArgs(['--only', 'lps'])).toThrow(/unknown part lps; the parts are .*lsp/);
  });
});

describe('the changes the lsp session makes', () => {
  const text = 'id: aaaaaaaa\nkind: topic\nupdated: 2026-12-06\nsummary: x\n';

  it('alternates a valid date, as the watch session writes, and an impossible one', () => {
    const edits = [0, 1, 2, 3].map((n) => lspEditText(text, n));
    expect(edits.map((e) => e.faulty)).toEqual([false, true, false, true]);
    expect(edits[0].text).toBe(editedText(text, 0));
    expect(edits[2].text).toBe(editedText(text, 2));
    expect(edits[1].text).toBe(text.replace('2026-12-06', IMPOSSIBLE_DATE));
    // Each valid change differs from the last, so that the server has something to re-check.
    expect(new Set([text, ...edits.map((e) => e.text)]).size).toBe(4);
  });

  it('initializes with the library as the workspace and asks for versioned diagnostics', () => {
    const params = initializeParams('/tmp/some library') as { rootUri: string; workspaceFolders: { uri: string }[]; capabilities: { textDocument: { publishDiagnostics: { versionSupport: boolean } } } };
    expect(params.rootUri).toBe(pathToFileURL('/tmp/some library').href);
    expect(params.workspaceFolders[0].uri).toBe(params.rootUri);
    expect(params.capabilities.textDocument.publishDiagnostics.versionSupport).toBe(true);
  });
});

/** A stand-in for the server's process: what the connection writes comes out as messages, and `send` plays the server. */
function fakeServer() {
  const child = Object.assign(new EventEmitter(), { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), signals: [] as string[] });
  const received: LspMessage[] = [];
  const reader = new MessageReader();
  child.stdin.on('data', (chunk: Buffer) => received.push(...reader.push(chunk)));
  const end = (code: number | null, signal: string | null) => setImmediate(() => (child.emit('exit', code, signal), child.emit('close', code, signal)));
  Object.assign(child, { kill: (signal: string) => (child.signals.push(signal), end(null, signal), true) });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { child, received, end, settle, send: (m: Omit<LspMessage, 'jsonrpc'>) => child.stdout.write(frame({ jsonrpc: '2.0', ...m })) };
}

describe('LspClient.attach (the benchmark’s side of the session)', () => {
  it('pairs answers with requests, answers the server’s requests and hands over the awaited notification', async () => {
    const server = fakeServer();
    const lsp = LspClient.attach(server.child as unknown as ChildProcess);
    const answer = lsp.request('initialize', { rootUri: 'file:///x' }, 5000);
    await server.settle();
    expect(server.received[0]).toMatchObject({ id: 1, method: 'initialize' });
    server.send({ id: 1, result: { capabilities: {} } });
    await expect(answer).resolves.toEqual({ capabilities: {} });

    server.send({ id: 'c1', method: 'workspace/configuration', params: { items: [{ section: 'reflib' }, {}] } });
    await server.settle();
    expect(server.received.at(-1)).toEqual({ jsonrpc: '2.0', id: 'c1', result: [null, {}] });

    const second = lsp.waitForNotification<{ version: number }>('textDocument/publishDiagnostics', (p) => p.version === 2, 5000);
    server.send({ method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x/a.yaml', version: 1, diagnostics: [] } });
    server.send({ method: 'textDocument/publishDiagnostics', params: { uri: 'file:///x/a.yaml', version: 2, diagnostics: [] } });
    await expect(second).resolves.toMatchObject({ version: 2 });

    const closing = lsp.close(5000);
    await server.settle();
    expect(server.received.at(-1)).toMatchObject({ method: 'shutdown' });
    server.send({ id: server.received.at(-1)!.id, result: null });
    await server.settle();
    expect(server.received.at(-1)).toMatchObject({ method: 'exit' });
    server.end(0, null);
    await closing;
    expect(server.child.signals).toEqual([]);
  });

  it('gives up on a wait after its bound, and kills a server that does not end', async () => {
    const server = fakeServer();
    const lsp = LspClient.attach(server.child as unknown as ChildProcess);
    await expect(lsp.waitForNotification('textDocument/publishDiagnostics', () => true, 20)).rejects.toThrow('no textDocument/publishDiagnostics matching the test within 20 ms');
    await expect(lsp.request('initialize', {}, 20)).rejects.toThrow('no answer to initialize within 20 ms');
    await lsp.close(20);
    expect(server.child.signals).toEqual(['SIGKILL']);
  });

  it('fails what is waiting when the server exits, with the end of its stderr', async () => {
    const server = fakeServer();
    const lsp = LspClient.attach(server.child as unknown as ChildProcess);
    const answer = lsp.request('initialize', {}, 5000);
    server.child.stderr.write('reflib: unknown command "lsp"\n');
    await server.settle();
    server.end(2, null);
    await expect(answer).rejects.toThrow('language server exited (code 2); stderr:\nreflib: unknown command "lsp"');
    await expect(lsp.request('shutdown', null, 5000)).rejects.toThrow(/exited/);
    await lsp.close(20);
    expect(server.child.signals).toEqual([]);
  });
});

/** A command's summary with made-up figures. */
function command(id: string, label: string, medianMs: number | null, status: CommandResult['status'] = 'ok', notes?: Record<string, unknown>): CommandResult {
  return { id, label, status, runsMs: medianMs === null ? [] : [medianMs], medianMs, peakMb: 180, perThousand: { ms: medianMs, mb: 18 }, ...(notes ? { notes } : {}) };
}

function size(entries: number, commands: CommandResult[]): SizeResult {
  return { entries, links: entries * 5, kinds: {}, generateMs: 1, findings: { errors: 0, warnings: 0, infos: 0 }, cacheSeen: true, commands: Object.fromEntries(commands.map((c) => [c.id, c])) };
}

const LSP_NOTES = { initializeMs: 410, startupMs: 2350, edits: 10, editedFile: 'entries/misconceptions/a.yaml', clean: true, caught: true };

describe('the lsp target', () => {
  const lspTarget = (sizes: SizeResult[]) => evaluateTargets({ sizes, realLibrary: {} }).find((t) => t.name.startsWith('lsp'));

  it('is judged at 10,000 entries against 150 ms, like the watch target', () => {
    const sizes = [size(1000, [command('lsp', 'lsp change→diagnostics', 400)]), size(10000, [command('lsp', 'lsp change→diagnostics', 150)])];
    expect(lspTarget(sizes)).toEqual({ name: 'lsp change→diagnostics at 10,000', limit: '≤ 150 ms', measured: '150 ms', status: 'PASS' });
    sizes[1].commands.lsp.medianMs = 1234;
    expect(lspTarget(sizes)).toMatchObject({ measured: '1,234 ms', status: 'MISS' });
    const watch = evaluateTargets({ sizes, realLibrary: {} }).find((t) => t.name.startsWith('validate --watch'));
    expect(watch?.limit).toBe('≤ 150 ms');
  });

  it('is not judged when the lsp part did not run or failed', () => {
    expect(lspTarget([size(10000, [])])).toMatchObject({ measured: 'not measured', status: 'n/a' });
    expect(lspTarget([size(10000, [command('lsp', 'lsp change→diagnostics', 90, 'failed')])])).toMatchObject({ status: 'n/a' });
    expect(lspTarget([])).toMatchObject({ name: 'lsp change→diagnostics at 10,000', status: 'n/a' });
  });

  it('falls back to the largest size measured', () => {
    expect(lspTarget([size(1000, [command('lsp', 'lsp change→diagnostics', 40)])])).toMatchObject({ name: 'lsp change→diagnostics at 1,000', status: 'PASS' });
  });
});

describe('the lsp row and note', () => {
  it('says when the server was ready and what it changed', () => {
    expect(lspNote(LSP_NOTES)).toBe('reflib lsp: initialized at 410 ms, first diagnostics at 2,350 ms; 10 changes of entries/misconceptions/a.yaml, alternately valid and faulty');
  });

  it('says when the diagnostics were not as expected, and when the session never got going', () => {
    expect(lspNote({ ...LSP_NOTES, clean: false, caught: false })).toMatch(/\(a valid change got diagnostics; a faulty change got none\)$/);
    expect(lspNote({ ...LSP_NOTES, initializeMs: null, startupMs: null, edits: 0 })).toMatch(/^reflib lsp: initialized at –, first diagnostics at –; 0 changes/);
  });

  it('shows the lsp as a row of its size, with its note and its target', () => {
    const sizes = [size(10000, [command('lsp', 'lsp change→diagnostics', 87, 'ok', LSP_NOTES)])];
    const results: BenchResults = {
      meta: { node: 'v20', cpus: 2, cpuModel: 'cpu', os: 'Linux', date: '2026-01-01T00:00:00.000Z', note: 'note', reflibFrom: 'compiled lib/', ajvCliCommand: 'ajv', runs: 1, seed: 1 },
      realLibrary: {},
      sizes,
      targets: evaluateTargets({ sizes, realLibrary: {} }),
    };
    const lines = formatBenchTable(results).split('\n');
    expect(lines.find((l) => l.trimStart().startsWith('lsp change→diagnostics') && !l.includes('≤'))).toMatch(/lsp change→diagnostics\s+87\s+180\s+87\s+18\.0\s+1$/);
    expect(lines).toContain(`  ${lspNote(LSP_NOTES)}`);
    expect(lines.find((l) => l.includes('lsp change→diagnostics at 10,000'))).toMatch(/≤ 150 ms\s+87 ms\s+PASS$/);
  });
});
