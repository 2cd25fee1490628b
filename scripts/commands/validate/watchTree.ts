/**
 * Tells `validate --watch` that something the check reads may have changed:
 * any `.yaml`/`.yml` file or folder under `entries/`, `entries/` itself,
 * `pubmed-lock.json` or `reflib.config.yaml`.
 *
 * It watches every folder (never a file) with a plain, non-recursive
 * `fs.watch`. A folder's watch reports its children by name, so it survives
 * what a single file's watch does not: an editor's save that writes a
 * temporary file and renames it over the entry (the entry gets a new inode),
 * a delete, or a new file. `recursive: true` is no substitute on Linux: in
 * Node 20 it is emulated with one watch per file, which goes deaf to a file
 * after its first rename-save and to the files of a renamed folder.
 *
 * `sync()` brings the set of watched folders in line with the tree: it
 * watches folders that are new (or were replaced, so have a new inode, like
 * an `entries/` that was deleted and made again) and stops watching those
 * that are gone. The session calls it before each check, so a file created
 * in a new folder is either listed by that check or reported by the new
 * folder's watch: nothing falls between the two.
 */
import { lstatSync, readdirSync, statSync, watch as watchFs, type FSWatcher, type Stats } from 'node:fs';
import path from 'node:path';
import { ENTRIES_DIR } from '../../load/readLibrary';
import { LOCK_FILE } from '../../citations/readLock';
import { CONFIG_FILE } from '../../pipeline/readConfig';

/** The names the loader reads under entries/ (it skips dotfiles, as this does). */
const YAML_NAME = /\.ya?ml$/i;
/** The names in the library root that the check reads. */
const ROOT_NAMES = new Set([ENTRIES_DIR, LOCK_FILE, CONFIG_FILE]);

export interface TreeWatcher {
  /** Watches new or replaced folders and drops gone ones. Returns the problems met, if any (e.g. out of inotify watches). */
  sync(): string[];
  /**
   * Whether the last `sync()` watched `dir` (or tried and said why not). A
   * folder made between that sync and the check's listing is not: the
   * session then syncs and checks again.
   */
  covers(dir: string): boolean;
  /** How many folders are watched (for tests). */
  watched(): number;
  close(): void;
}

interface Watched {
  watcher: FSWatcher;
  dev: number;
  ino: number;
}

/**
 * Watches the library under `root`; `onChange` is called (possibly many times
 * for one save: debounce it) after anything the check reads may have changed,
 * with the root-relative path when the change is to one file it reads, and
 * with nothing when it may be to many (a folder made, moved or removed).
 * Call `sync()` once to start.
 */
export function watchTree(root: string, onChange: (changed?: string) => void): TreeWatcher {
  const entries = path.join(root, ENTRIES_DIR);
  const watched = new Map<string, Watched>();
  /** Folders the last sync could not watch (and said so). */
  const unwatchable = new Set<string>();
  let closed = false;

  /** Whether an event for `name` in `dir` can change what the check sees. */
  const relevant = (dir: string, name: string | Buffer | null): boolean => {
    // No name: the platform did not say what changed, so assume it matters.
    if (name === null) return true;
    const base = name.toString();
    // In the root, only what the check reads, and the root itself (moved or removed: the check says so).
    if (dir === root) return ROOT_NAMES.has(base) || base === path.basename(root);
    // Dotfiles are skipped by the loader: editors' swap files (.x.yaml.swp) and
    // reflib's own temporaries (.x.yaml.tmp-<pid>-<hex>). Renaming one over an
    // entry is reported under the entry's name too.
    if (base.startsWith('.')) return false;
    if (YAML_NAME.test(base)) return true;
    // Anything else matters only if it is, or was, a folder: `a.yaml~`, vim's
    // `4913` probe and `x.yaml.tmp` are not read by the loader.
    const full = path.join(dir, base);
    if (watched.has(full)) return true;
    try {
      return lstatSync(full, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return true; // Cannot tell (e.g. no permission): assume it matters.
    }
  };

  const stop = (dir: string) => {
    // Stop the folder and everything watched below it.
    for (const [key, w] of watched) {
      if (key === dir || key.startsWith(dir + path.sep)) {
        w.watcher.close();
        watched.delete(key);
      }
    }
  };

  const start = (dir: string, dev: number, ino: number, problems: string[]) => {
    let watcher: FSWatcher;
    try {
      watcher = watchFs(dir, { persistent: true }, (_event, name) => {
        if (closed || !relevant(dir, name)) return;
        // A file the check reads: say which, so that only it is read again. Anything else (a folder) may change many.
        const base = name?.toString();
        const isFile = base !== undefined && (dir === root ? base !== ENTRIES_DIR && base !== path.basename(root) : YAML_NAME.test(base));
        onChange(isFile ? path.relative(root, path.join(dir, base)).split(path.sep).join('/') : undefined);
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Gone again already: its parent's watch reports that.
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      problems.push(watchProblem(root, dir, code));
      unwatchable.add(dir);
      return;
    }
    // A folder's watch can fail later (e.g. it was removed on some platforms):
    // drop it and re-check, which re-syncs the tree.
    watcher.on('error', () => {
      if (watched.get(dir)?.watcher === watcher) watched.delete(dir);
      watcher.close();
      if (!closed) onChange();
    });
    watched.set(dir, { watcher, dev, ino });
  };

  /** The folders to watch now, with their identity: the root, entries/ and its non-dot subfolders (links are not followed, as the loader does not follow them). */
  const scan = (): Map<string, { dev: number; ino: number }> => {
    const found = new Map<string, { dev: number; ino: number }>();
    const visit = (dir: string) => {
      let st: Stats | undefined;
      try {
        // The root may be a link to the library (as --root allows); nothing under it is followed.
        st = dir === root ? statSync(dir, { throwIfNoEntry: false }) : lstatSync(dir, { throwIfNoEntry: false });
      } catch {
        return; // Unreadable: the check says so.
      }
      if (!st?.isDirectory()) return;
      found.set(dir, { dev: st.dev, ino: st.ino });
      if (dir === root) return visit(entries);
      let items;
      try {
        items = readdirSync(dir, { withFileTypes: true });
      } catch {
        return; // Removed or unreadable while scanning: an event follows, or the check says so.
      }
      for (const item of items) if (item.isDirectory() && !item.name.startsWith('.')) visit(path.join(dir, item.name));
    };
    visit(root);
    return found;
  };

  return {
    sync() {
      const problems: string[] = [];
      if (closed) return problems;
      unwatchable.clear();
      const now = scan();
      // Close first: a folder renamed within the tree keeps its inode, and its
      // old watch would go on reporting under the old path.
      for (const [dir, w] of watched) {
        const id = now.get(dir);
        if (!id || id.dev !== w.dev || id.ino !== w.ino) stop(dir);
      }
      for (const [dir, id] of now) if (!watched.has(dir)) start(dir, id.dev, id.ino, problems);
      return problems;
    },
    covers: (dir) => watched.has(dir) || unwatchable.has(dir),
    watched: () => watched.size,
    close() {
      closed = true;
      for (const w of watched.values()) w.watcher.close();
      watched.clear();
    },
  };
}

function watchProblem(root: string, dir: string, code: string | undefined): string {
  const where = path.relative(root, dir) || '.';
  if (code === 'ENOSPC') return `cannot watch ${where}: out of inotify watches (ENOSPC); changes there are not seen. Raise fs.inotify.max_user_watches (sysctl), then restart.`;
  if (code === 'EMFILE') return `cannot watch ${where}: too many open files (EMFILE); changes there are not seen. Raise the limit (ulimit -n), then restart.`;
  return `cannot watch ${where} (${code ?? 'error'}); changes there are not seen.`;
}
