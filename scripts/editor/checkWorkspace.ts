/**
 * The library as an editor sees it: the files on disk with the open
 * documents' unsaved text laid over them, checked incrementally by the same
 * pipeline as `validate` (checkIncrementally.ts). After each change it says
 * which files' diagnostics changed, so that the server publishes only
 * those: the edited entry, and the entries whose findings depend on it.
 */
import type { Diagnostic } from '../core/diagnostic';
import { createIncrementalCheck } from '../pipeline/checkIncrementally';
import type { CheckedLibrary } from '../pipeline/checkLibrary';
import type { SeverityConfig } from '../pipeline/severitiesFor';

/** One check's outcome: the library and every file's diagnostics. */
export interface WorkspaceCheck {
  checked: CheckedLibrary;
  /** Diagnostics by root-relative path, for every file that has any. */
  byFile: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Files whose diagnostics differ from the previous check's (all files with any, the first time). */
  changedFiles: readonly string[];
  /** The version of each open document's text that this check read. */
  versions: ReadonlyMap<string, number>;
}

export interface Workspace {
  /** Lays an open document's text (of `version`) over the file (undefined: closed, the file on disk counts again). */
  setText(rel: string, text: string | undefined, version?: number): void;
  /** Notes a change that cannot be pinned to files (a folder moved or removed): the next check reads the whole tree. */
  rescan(): void;
  /** Notes files changed on disk (saved by another program, the lock, the config). */
  touch(rel: string): void;
  /** Checks what changed since the last check (the whole library the first time). */
  check(): Promise<WorkspaceCheck>;
  /** The last check, if any. */
  last(): WorkspaceCheck | undefined;
  /** How many files have been parsed so far: an edit re-parses one. */
  parsedFiles(): number;
}

/** A diagnostic's identity for comparing two checks: everything a client shows. */
function keyOf(list: readonly Diagnostic[]): string {
  return JSON.stringify(list);
}

function groupByFile(sites: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sites) {
    let list = byFile.get(d.file);
    if (!list) byFile.set(d.file, (list = []));
    list.push(d);
  }
  return byFile;
}

/** Opens the library under `root` for an editor session. */
export function openWorkspace(root: string, severities: SeverityConfig = {}): Workspace {
  const texts = new Map<string, { text: string; version?: number }>();
  // What a check reads: the open texts as they were when it started, whatever arrives during it.
  let seen = new Map<string, string>();
  const checker = createIncrementalCheck(root, severities, {
    get: (rel: string) => seen.get(rel),
    keys: () => seen.keys(),
  } as ReadonlyMap<string, string>);
  let pending: Set<string> | undefined;
  let last: WorkspaceCheck | undefined;
  let keys = new Map<string, string>();

  return {
    setText(rel, text, version) {
      if (text === undefined) texts.delete(rel);
      else texts.set(rel, { text, version });
      pending?.add(rel);
    },
    rescan() {
      pending = undefined;
    },
    touch(rel) {
      pending?.add(rel);
    },
    async check() {
      const changed = pending ? [...pending] : undefined;
      pending = new Set();
      seen = new Map([...texts].map(([rel, t]) => [rel, t.text]));
      const versions = new Map<string, number>();
      for (const [rel, t] of texts) if (t.version !== undefined) versions.set(rel, t.version);
      let checked: CheckedLibrary;
      try {
        checked = await checker.check(changed);
      } catch (err) {
        // The next check starts again from the whole tree.
        pending = undefined;
        throw err;
      }
      const byFile = groupByFile(checked.sites);
      const nextKeys = new Map<string, string>();
      const changedFiles: string[] = [];
      // Each file's diagnostics are compared as text: cheap next to the check, and exact.
      for (const [file, list] of byFile) {
        const key = keyOf(list);
        nextKeys.set(file, key);
        if (keys.get(file) !== key) changedFiles.push(file);
      }
      for (const file of keys.keys()) if (!nextKeys.has(file)) changedFiles.push(file);
      keys = nextKeys;
      last = { checked, byFile, changedFiles, versions };
      return last;
    },
    last: () => last,
    parsedFiles: () => checker.parsedFiles(),
  };
}
