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
  /** Notes that an open document changed: the next check's diagnostics for it are sent whatever they are. */
  expect(uri: string, version: number): void;
  /** Notes that a document closed. */
  forget(uri: string): void;
  publish(check: WorkspaceCheck): void;
  /** Tells the user a check could not run (once per distinct message). */
  failed(message: string): void;
}

/** Makes the publisher of a session. */
export function createPublisher(connection: Connection, rootOf: () => string, documents: TextDocuments<TextDocument>, relOf: (uri: string) => string | undefined): Publisher {
  const expected = new Map<string, number>();
  let lastFailure: string | undefined;

  const send = (check: WorkspaceCheck, rel: string, uri: string, version?: number) => {
    const root = rootOf();
    const diagnostics = (check.byFile.get(rel) ?? []).map((d) => toLspDiagnostic(d, root));
    const doc = documents.get(uri);
    const hint = doc && rel.startsWith('entries/') ? checkModeline(rel, doc.getText()) : undefined;
    if (hint) diagnostics.push(hint);
    void connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  };

  return {
    expect(uri, version) {
      expected.set(uri, version);
    },
    forget(uri) {
      expected.delete(uri);
    },
    publish(check) {
      lastFailure = undefined;
      const root = rootOf();
      const sent = new Set<string>();
      for (const [uri, version] of expected) {
        const doc = documents.get(uri);
        const rel = relOf(uri);
        // Only the version the check saw: a newer one brings its own check.
        if (!doc || !rel || doc.version !== version) continue;
        send(check, rel, uri, version);
        sent.add(uri);
        expected.delete(uri);
      }
      for (const rel of check.changedFiles) {
        const uri = uriOf(root, rel);
        if (sent.has(uri)) continue;
        const doc = documents.get(uri);
        send(check, rel, uri, doc?.version);
      }
    },
    failed(message) {
      if (message === lastFailure) return;
      lastFailure = message;
      connection.console.error(message);
      void connection.window.showErrorMessage(message);
    },
  };
}
