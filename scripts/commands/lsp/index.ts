/**
 * `reflib lsp`: a Language Server Protocol server over stdio. Diagnostics
 * come from the same pipeline as `validate` (rules, positions, severities,
 * suppressions and config alike), on the open documents' unsaved text;
 * completion, hover, navigation, quick fixes and formatting come from
 * scripts/editor/. It runs beside yaml-language-server, which keeps schema
 * completion and hover on field names: this server completes and explains
 * only what the schemas cannot know (IDs, cite keys, PMIDs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CodeActionKind, createConnection, DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, LOCK_FILE } from '../../core/fileNames';
import { resolveRoot } from '../../core/resolveRoot';
import { UsageError } from '../../core/usageError';
import { ENTRIES_DIR } from '../../load/readLibrary';
import { severitiesFor } from '../../pipeline/severitiesFor';
import { formatEntryText } from '../../layout/layoutEntryText';
import { openWorkspace, type Workspace } from '../../editor/checkWorkspace';
import { completeAt } from '../../editor/completeAt';
import { definitionAt, hoverAt, referencesAt } from '../../editor/navigate';
import { listSymbols } from '../../editor/listSymbols';
import { quickFixes } from '../../editor/quickFixes';
import { createPublisher } from './publishDiagnostics';
import { watchTree, type TreeWatcher } from '../validate/watchTree';

export interface LanguageServerOptions {
  cwd: string;
  /** The library root; default: the client's workspace folder when it holds entries/, else `cwd`. */
  root?: string;
  /** As `validate --strict`. */
  strict?: boolean;
  input: Readable;
  output: Writable;
}

export interface LanguageServer {
  /** Resolves when the client ends the session or the connection closes. */
  closed: Promise<void>;
  dispose(): void;
}

const ENTRY_FILE = /\.ya?ml$/i;
/** How long the server's own watcher waits after a file event before checking. */
const WATCH_DEBOUNCE_MS = 30;

/** The library root for a session: --root, else the client's workspace folder when it holds entries/, else cwd. */
function chooseRoot(options: LanguageServerOptions, folders: readonly string[]): string {
  if (options.root !== undefined) return resolveRoot(options);
  return folders.find((f) => existsSync(path.join(f, ENTRIES_DIR))) ?? resolveRoot(options);
}

/** Starts the server on the given streams. */
export function startLanguageServer(options: LanguageServerOptions): LanguageServer {
  const connection = createConnection(options.input, options.output);
  const documents = new TextDocuments(TextDocument);
  let root = resolveRoot(options);
  let workspace: Workspace | undefined;
  let watchFiles = false;
  let tree: TreeWatcher | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  /** The root-relative path of a URI the server checks (an entry, the lock, the config), else undefined. */
  const relOf = (uri: string): string | undefined => {
    const rel = relativePath(uri);
    if (rel === undefined) return undefined;
    if (rel === LOCK_FILE || rel === CONFIG_FILE) return rel;
    return rel.startsWith(`${ENTRIES_DIR}/`) && ENTRY_FILE.test(rel) && !rel.split('/').some((part) => part.startsWith('.')) ? rel : undefined;
  };
  /** A file URI's path relative to the root, forward slashes; undefined for other URIs (untitled:, a remote host). */
  const relativePath = (uri: string): string | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return path.relative(root, fileURLToPath(uri)).split(path.sep).join('/');
    } catch {
      return undefined;
    }
  };
  const publisher = createPublisher(connection, () => root, documents, relOf);

  // One check at a time; changes during a check bring exactly one more.
  let running: Promise<void> | undefined;
  let again = false;
  const runChecks = async () => {
    do {
      // One turn of the event loop first, so that changes already sent (a burst of typing) are read
      // and checked together, and a request waiting behind them is answered.
      await new Promise((resolve) => setImmediate(resolve));
      again = false;
      // The server's own watcher follows new folders before each check, as validate --watch does.
      for (const problem of tree?.sync() ?? []) publisher.warnOnce(`reflib: ${problem}`);
      try {
        const result = await workspace!.check();
        publisher.publish(result);
      } catch (err) {
        if (err instanceof UsageError) publisher.failed(`reflib: ${err.message}.${err.hint ? ` ${err.hint}` : ''}`);
        else publisher.failed('reflib: internal error while checking (please report it; the details are in the server log).', err instanceof Error ? (err.stack ?? err.message) : String(err));
      }
    } while (again);
    running = undefined;
  };
  const schedule = () => {
    if (!workspace) return;
    if (running) again = true;
    else running = runChecks();
  };

  connection.onInitialize((params) => {
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri ? [params.rootUri] : []);
    root = chooseRoot(options, folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u)));
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['[', ',', ' '] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: 'reflib' },
    };
  });

  connection.onInitialized(() => {
    workspace = openWorkspace(root, severitiesFor(options.strict));
    for (const doc of documents.all()) {
      const rel = relOf(doc.uri);
      if (rel?.startsWith(`${ENTRIES_DIR}/`)) workspace.setText(rel, doc.getText(), doc.version);
    }
    // Saves by other programs (git, reflib fmt, pubmed sync), deletes and moves reach the server through
    // the client's watcher, or, for a client without one (Neovim 0.7), through the server's own.
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${ENTRIES_DIR}/**` }, { globPattern: `**/${LOCK_FILE}` }, { globPattern: `**/${CONFIG_FILE}` }],
      });
    } else {
      let timer: NodeJS.Timeout | undefined;
      tree = watchTree(root, (rel) => {
        if (rel === undefined) workspace?.rescan();
        else if (!openRels().has(rel) || !rel.startsWith(`${ENTRIES_DIR}/`)) workspace?.touch(rel);
        // A burst of events (a folder removed file by file) is checked once, as validate --watch does:
        // syncing the watches at the first event would drop the folder before its other events arrive.
        clearTimeout(timer);
        timer = setTimeout(schedule, WATCH_DEBOUNCE_MS);
      });
    }
    schedule();
  });

  const edited = (doc: TextDocument) => {
    const rel = relOf(doc.uri);
    if (!rel?.startsWith(`${ENTRIES_DIR}/`)) return;
    workspace?.setText(rel, doc.getText(), doc.version);
    schedule();
  };
  documents.onDidOpen((e) => edited(e.document));
  documents.onDidChangeContent((e) => edited(e.document));
  documents.onDidClose((e) => {
    const rel = relOf(e.document.uri);
    if (!rel?.startsWith(`${ENTRIES_DIR}/`)) return;
    // The file on disk counts again: the editor may have closed without saving. Its diagnostics are
    // sent again after the check, without the hints only an open document gets.
    workspace?.setText(rel, undefined);
    publisher.closed(rel);
    schedule();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const open = openRels();
    for (const change of changes) {
      const rel = relOf(change.uri);
      // An open entry's text wins over the file until it is closed; the lock and the config are read from disk.
      if (rel) {
        if (!open.has(rel) || !rel.startsWith(`${ENTRIES_DIR}/`)) workspace?.touch(rel);
      } else if (relativePath(change.uri)?.startsWith(`${ENTRIES_DIR}/`) || relativePath(change.uri) === ENTRIES_DIR) {
        // A folder (or a file reflib does not read) under entries/: a folder moved or removed takes its files
        // with it, and clients do not always say which, so the whole tree is read again.
        workspace?.rescan();
      }
    }
    schedule();
  });
  /** The root-relative paths of the open documents. */
  const openRels = () => new Set(documents.all().flatMap((d) => relOf(d.uri) ?? []));

  const withDoc = <T>(uri: string, empty: T, answer: (doc: TextDocument, check: NonNullable<ReturnType<Workspace['last']>>) => T): T => {
    const doc = documents.get(uri);
    const check = workspace?.last();
    return doc && check && relOf(uri) ? answer(doc, check) : empty;
  };
  const sourceOf = (check: NonNullable<ReturnType<Workspace['last']>>) => ({ root, graph: check.checked.graph, lock: check.checked.lock });

  connection.onCompletion(({ textDocument, position }) =>
    withDoc(textDocument.uri, null, (doc, check) => {
      const rel = relOf(doc.uri);
      return completeAt(doc, doc.offsetAt(position), sourceOf(check), check.checked.library.entries.find((e) => e.file.path === rel));
    }),
  );
  connection.onHover(({ textDocument, position }) => withDoc(textDocument.uri, null, (doc, check) => hoverAt(doc, doc.offsetAt(position), sourceOf(check))));
  connection.onDefinition(({ textDocument, position }) => withDoc(textDocument.uri, null, (doc, check) => definitionAt(doc, doc.offsetAt(position), sourceOf(check))));
  connection.onReferences(({ textDocument, position, context }) => withDoc(textDocument.uri, [], (doc, check) => referencesAt(doc, doc.offsetAt(position), sourceOf(check), context.includeDeclaration)));
  connection.onDocumentSymbol(({ textDocument }) => withDoc(textDocument.uri, [], (doc, check) => listSymbols(doc, check.checked.graph)));
  connection.onCodeAction(({ textDocument, context }) => withDoc(textDocument.uri, [], (doc, check) => quickFixes(doc, context.diagnostics, check.checked.graph)));
  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    if (!doc || !relOf(doc.uri)?.startsWith(`${ENTRIES_DIR}/`)) return [];
    const text = doc.getText();
    const formatted = formatEntryText(text);
    // Text that does not parse is left as it is: its diagnostics say why.
    if (!formatted.ok || formatted.text === text) return [];
    return [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText: formatted.text }];
  });

  connection.onShutdown(() => undefined);
  connection.onExit(() => resolveClosed());
  options.input.on('end', () => resolveClosed());
  options.input.on('close', () => resolveClosed());
  documents.listen(connection);
  connection.listen();
  return {
    closed,
    dispose() {
      tree?.close();
      connection.dispose();
    },
  };
}
