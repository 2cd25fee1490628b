/**
 * Which diagnostics the server sends after a check: the files whose
 * diagnostics changed (the edited entry, the entries linking to it), and
 * every open document whose text the check saw for the first time, with
 * that text's version. Open entries also get the modeline hint.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkModeline } from '../../editor/checkModeline';
import type { WorkspaceCheck } from '../../editor/checkWorkspace';
import { uriOf } from '../../editor/navigate';
import { toLspDiagnostic } from '../../editor/toLspDiagnostic';

export interface Publisher {
  publish(check: WorkspaceCheck): void;
  /** Tells the user a check could not run (once per distinct message), with details for the log only. */
  failed(message: string, details?: string): void;
  /** Tells the user something once per session (a folder that cannot be watched); later repeats go to the log. */
  warnOnce(message: string): void;
  /** Notes that an entry was closed: the next check sends its diagnostics, changed or not. */
  closed(rel: string): void;
}

/** Makes the publisher of a session. */
export function createPublisher(connection: Connection, rootOf: () => string, documents: TextDocuments<TextDocument>, relOf: (uri: string) => string | undefined): Publisher {
  /** The version of each open document last published, by URI. */
  const published = new Map<string, number>();
  let lastFailure: string | undefined;
  const warned = new Set<string>();
  const reclosed = new Set<string>();

  const send = (check: WorkspaceCheck, rel: string, uri: string, version?: number) => {
    const root = rootOf();
    const diagnostics = (check.byFile.get(rel) ?? []).map((d) => toLspDiagnostic(d, root));
    const doc = documents.get(uri);
    const hint = doc && rel.startsWith('entries/') ? checkModeline(rel, doc.getText()) : undefined;
    if (hint) diagnostics.push(hint);
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  };

  return {
    publish(check) {
      lastFailure = undefined;
      const root = rootOf();
      // Open documents by path: a client's URI for a file may be spelled differently from ours.
      const open = new Map<string, TextDocument>();
      for (const doc of documents.all()) {
        const rel = relOf(doc.uri);
        if (rel) open.set(rel, doc);
      }
      for (const uri of published.keys()) if (!documents.get(uri)) published.delete(uri);
      const sent = new Set<string>();
      // Each open document whose text this check read for the first time: with that text's version,
      // and only while it is still the document's version (a newer one brings its own check).
      for (const [rel, doc] of open) {
        const version = check.versions.get(rel);
        if (version === undefined || version !== doc.version || published.get(doc.uri) === version) continue;
        send(check, rel, doc.uri, version);
        published.set(doc.uri, version);
        sent.add(rel);
      }
      for (const rel of [...check.changedFiles, ...reclosed]) {
        if (sent.has(rel)) continue;
        sent.add(rel);
        const doc = open.get(rel);
        // An open entry whose newer text is not checked yet waits for that check. (The lock and the
        // config are read from disk, open or not: their diagnostics go out as they are.)
        const entry = rel.startsWith('entries/');
        if (doc && entry && check.versions.get(rel) !== doc.version) continue;
        send(check, rel, doc?.uri ?? uriOf(root, rel), entry ? doc?.version : undefined);
      }
      reclosed.clear();
    },
    warnOnce(message) {
      if (warned.has(message)) return connection.console.warn(message);
      warned.add(message);
      connection.console.warn(message);
      void connection.window.showWarningMessage(message);
    },
    closed(rel) {
      reclosed.add(rel);
    },
    failed(message, details) {
      if (message === lastFailure) return;
      lastFailure = message;
      connection.console.error(details ? `${message}\n${details}` : message);
      void connection.window.showErrorMessage(message);
    },
  };
}
