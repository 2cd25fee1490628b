/**
 * Checking again after a change, for a watch session (and, later, the editor
 * server). It keeps what the last check read and parsed:
 * - only the files named as changed are read again; a change it cannot
 *   pin to files (a folder made, moved or removed) reads the tree again;
 * - only texts that changed are parsed and validated again (the parse
 *   cache and the per-entry validation memo);
 * - the link index and the checks then run over the entries in memory,
 *   with each entry's links and per-entry findings reused while its text
 *   is unchanged.
 * tests/pipeline/checkIncrementally.test.ts holds it to exactly what a full
 * check finds, through random edits, renames and deletes.
 */
import { CONFIG_FILE, LOCK_FILE } from '../core/fileNames';
import { entryFromText, ENTRIES_DIR, readEntryFile, type RawFile } from '../load/readLibrary';
import type { ParseCache } from '../load/loadLibrary';
import type { Finding } from '../core/diagnostic';
import { readInputs, type Inputs } from './readInputs';
import type { SeverityConfig } from './severitiesFor';
import type { CheckedLibrary } from './checkLibrary';
import type { SessionMemo } from './checkInputs';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface IncrementalCheck {
  /**
   * Checks the library. `changed` lists the root-relative paths (forward
   * slashes) that changed since the last check; undefined means anything may
   * have, and the tree is read again.
   */
  check(changed?: readonly string[]): Promise<CheckedLibrary>;
  /** How many files have been parsed so far (a save re-parses one). */
  parsedFiles(): number;
}

/** What the last read found, by path, so that one file can be replaced. */
interface Tree {
  files: Map<string, RawFile>;
  /** Findings that keep a file out of parsing, by path (with the undecodable text, if any). */
  refused: Map<string, { finding: Finding; undecodable?: RawFile }>;
  /** Findings about paths the scan refused (links, folders nested too deep): only a full read changes them. */
  scanned: Finding[];
}

async function readOptional(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
}

function treeOf(inputs: Inputs): Tree {
  const files = new Map(inputs.read.files.map((f) => [f.path, f]));
  const undecodable = new Map(inputs.read.undecodable.map((f) => [f.path, f]));
  const refused = new Map<string, { finding: Finding; undecodable?: RawFile }>();
  const scanned: Finding[] = [];
  inputs.read.findings.forEach((finding, i) => {
    if (i < inputs.read.scanned) scanned.push(finding);
    else refused.set(finding.file, { finding, undecodable: undecodable.get(finding.file) });
  });
  return { files, refused, scanned };
}

function inputsOf(tree: Tree, rest: Omit<Inputs, 'read'>): Inputs {
  const byPath = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => m.get(k)!);
  const refused = byPath(tree.refused);
  return {
    ...rest,
    read: {
      files: byPath(tree.files),
      undecodable: refused.flatMap((r) => (r.undecodable ? [r.undecodable] : [])),
      findings: [...tree.scanned, ...refused.map((r) => r.finding)],
      scanned: tree.scanned.length,
    },
  };
}

/**
 * Starts checking the library under `root` incrementally. `overlay` holds
 * texts that stand in for files under entries/, by root-relative path: an
 * editor's open documents, unsaved. The caller changes it and then names the
 * paths it changed, as for a save.
 */
export function createIncrementalCheck(root: string, severities: SeverityConfig = {}, overlay: ReadonlyMap<string, string> = new Map()): IncrementalCheck {
  const cache: ParseCache = new Map();
  const session: SessionMemo = {};
  let parsed = 0;
  let tree: Tree | undefined;
  let rest: Omit<Inputs, 'read'> | undefined;

  const update = async (changed: readonly string[]) => {
    for (const rel of changed) {
      if (rel === LOCK_FILE) rest = { ...rest!, lockText: await readOptional(path.join(root, LOCK_FILE)) };
      else if (rel === CONFIG_FILE) rest = { ...rest!, configText: await readOptional(path.join(root, CONFIG_FILE)) };
      else if (rel.startsWith(`${ENTRIES_DIR}/`)) {
        setFile(rel);
      }
    }
  };

  /** Puts the path's current text in the tree: the overlay's, else the file's, else nothing. */
  const setFile = (rel: string) => {
    tree!.files.delete(rel);
    tree!.refused.delete(rel);
    const text = overlay.get(rel);
    const one = text === undefined ? readEntryFile(root, rel) : entryFromText(rel, text);
    if ('file' in one) tree!.files.set(rel, one.file);
    else if ('finding' in one) tree!.refused.set(rel, one);
  };

  return {
    async check(changed) {
      if (!tree || !rest || changed === undefined) {
        // An unsaved first entry makes a library that has no files yet a library.
        const inputs = await readInputs(root, { allowEmpty: [...overlay.keys()].some((rel) => rel.startsWith(`${ENTRIES_DIR}/`)) });
        tree = treeOf(inputs);
        const { read: _read, ...others } = inputs;
        rest = others;
        for (const rel of overlay.keys()) if (rel.startsWith(`${ENTRIES_DIR}/`)) setFile(rel);
      } else {
        await update(changed);
      }
      const inputs = inputsOf(tree, rest);
      const before = new Map([...cache].map(([file, hit]) => [file, hit.parsed]));
      const { checkInputs } = await import('./checkInputs');
      const checked = await checkInputs(root, inputs, severities, cache, undefined, session);
      for (const [file, hit] of cache) if (before.get(file) !== hit.parsed) parsed++;
      // Forget files that are gone, so the cache does not grow with every rename.
      const present = new Set(checked.library.files);
      for (const file of cache.keys()) if (!present.has(file)) cache.delete(file);
      return checked;
    },
    parsedFiles: () => parsed,
  };
}
