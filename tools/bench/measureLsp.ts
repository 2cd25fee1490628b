/**
 * The edit latency of `reflib lsp`: how long from a change in an editor to
 * the diagnostics for it, as the editor's user sees them. Starts the real
 * language server in a child process, initializes it as an editor does,
 * opens one entry and waits for its first diagnostics (which come after the
 * check of the whole library), then changes the open document several
 * times, timing each didChange to the publishDiagnostics for that document
 * and version. The changes alternate between a valid one (a new `updated:`
 * date, as in measureWatch.ts) and one reflib reports (an impossible date),
 * so that diagnostics appear and go away. Nothing is written to disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient, type PublishDiagnosticsParams } from '../../tests/support/lspClient';
import { createRssFile, spawnMeasured } from './measureProcess';
import { editedText } from './measureWatch';
import { FROM_SOURCE_NOTE } from './summarizeRuns';

export interface LspOptions {
  /** scripts/bin.js of the reflib to run. */
  bin: string;
  root: string;
  /** The entry to open and change, relative to `root`. */
  file: string;
  /** How many changes to time. */
  edits: number;
  /** How long initializing and the first check may take, in ms. */
  startTimeoutMs: number;
  /** How long the diagnostics for one change may take, in ms. */
  editTimeoutMs?: number;
}

export interface LspMeasure {
  /** ms from spawn to the answer to `initialize`. */
  initializeMs: number;
  /** ms from spawn to the first diagnostics for the opened entry (after the initial check). */
  startupMs: number;
  /** ms from each didChange to the publishDiagnostics for that version. */
  editsMs: number[];
  maxRssKb: number | null;
  /** Whether the opened entry and every valid change got no diagnostics. */
  clean: boolean;
  /** Whether every faulty change got at least one diagnostic. */
  caught: boolean;
  /** Set when the session failed or timed out. */
  error?: string;
  /** scripts/bin.js ran the TypeScript source (lib/ missing or stale). */
  fromSource: boolean;
}

/** A well-formed date that does not exist: reflib reports it (schema, format date). */
export const IMPOSSIBLE_DATE = '2025-02-30';

/** Pause before each change, so that each is timed on an idle server and not behind the last one's follow-up work. */
const SETTLE_MS = 200;

const PUBLISH = 'textDocument/publishDiagnostics';

/**
 * The document's text for the `n`th timed change (from 0): even ones change
 * the `updated:` date to another valid one; odd ones make it impossible, which
 * reflib reports. `faulty` says which.
 */
export function lspEditText(text: string, n: number): { text: string; faulty: boolean } {
  const faulty = n % 2 === 1;
  return { text: faulty ? text.replace(/^updated: .*$/m, `updated: ${IMPOSSIBLE_DATE}`) : editedText(text, n), faulty };
}

/** What an editor sends with `initialize` for a workspace at `root`, reduced to what matters here. */
export function initializeParams(root: string): object {
  const rootUri = pathToFileURL(root).href;
  return {
    processId: process.pid,
    clientInfo: { name: 'reflib-bench' },
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(root) }],
    capabilities: {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: false },
      },
      workspace: { workspaceFolders: true },
    },
  };
}

/** Whether `uri` names the file at `file` (compared as paths, so that encoding differences do not matter). */
function isFile(uri: string, file: string): boolean {
  try {
    return path.resolve(fileURLToPath(uri)) === path.resolve(file);
  } catch {
    return false;
  }
}

/** Runs one language server session and times its changes. */
export async function measureLsp(options: LspOptions): Promise<LspMeasure> {
  const file = path.join(options.root, options.file);
  const original = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const rss = createRssFile();
  const start = performance.now();
  const child = spawnMeasured([options.bin, 'lsp', '--root', options.root, '--stdio'], rss.file, { stdin: 'pipe' });
  const lsp = LspClient.attach(child);
  /** Waits for the diagnostics of the edited document at `version`. */
  const diagnosticsOf = (version: number, timeoutMs: number) =>
    lsp.waitForNotification<PublishDiagnosticsParams>(PUBLISH, (p) => p.version === version && isFile(p.uri, file), timeoutMs);
  const result: LspMeasure = { initializeMs: NaN, startupMs: NaN, editsMs: [], maxRssKb: null, clean: true, caught: true, fromSource: false };
  try {
    await lsp.request('initialize', initializeParams(options.root), options.startTimeoutMs);
    result.initializeMs = performance.now() - start;
    let version = 1;
    const opened = diagnosticsOf(version, options.startTimeoutMs);
    lsp.notify('initialized', {});
    lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: original } });
    if ((await opened).diagnostics.length > 0) result.clean = false;
    result.startupMs = performance.now() - start;
    for (let n = 0; n < options.edits; n++) {
      await sleep(SETTLE_MS);
      const edit = lspEditText(original, n);
      version++;
      const published = diagnosticsOf(version, options.editTimeoutMs ?? 60_000);
      const t0 = performance.now();
      lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edit.text }] });
      const { diagnostics } = await published;
      result.editsMs.push(performance.now() - t0);
      if (edit.faulty) result.caught &&= diagnostics.length > 0;
      else result.clean &&= diagnostics.length === 0;
    }
  } catch (err) {
    result.error = (err as Error).message;
  } finally {
    await lsp.close();
  }
  result.maxRssKb = rss.read();
  result.fromSource = FROM_SOURCE_NOTE.test(lsp.stderr);
  return result;
}
