/** `reflib fmt [--check] [paths…]`: rewrite entry files in the canonical layout, or check that they are. */
import path from 'node:path';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { removeStaleTemporaries, writeFileAtomic } from '../../core/writeAtomic';
import { formatEntryText, type Refusal } from '../../layout/layoutEntryText';
import { ENTRIES_DIR, listEntryFiles } from '../../load/readLibrary';
import { readEntryFile, type ReadRefusal } from './readEntryFile';
import { recoverEntryFolders } from './recoverEntryFolders';

/** What to format, and whether only to check. */
export interface FmtOptions {
  cwd: string;
  root?: string;
  /** Files to format; default every entry file under the root. */
  paths?: string[];
  /** Only report the files that would change. */
  check?: boolean;
}

/** Why fmt did not format a file: it could not, and the run exits 1. */
export type FailReason = 'utf8' | 'yaml' | ReadRefusal['reason'];

/** Why fmt left a file as it is although nothing is wrong with its layout: it holds no data. */
export type LeaveReason = Exclude<Refusal, 'yaml'>;

/** What fmt did or would do, file by file, with the text it prints. */
export interface FmtResult {
  /** 0: nothing to change (or all written); 1: --check found files to change, or a file could not be formatted. */
  exitCode: 0 | 1;
  output: string;
  changed: string[];
  /** Files not formatted: not UTF-8, not parsing, a symbolic link, not a regular file, too large. Never written. */
  failed: { file: string; reason: FailReason; error: string }[];
  /** Files with no data (empty, or only comments): never written, and no reason to fail. */
  left: { file: string; reason: LeaveReason; error: string }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const FAILURE: Record<FailReason, (error: string) => string> = {
  utf8: () => 'it is not valid UTF-8; run reflib validate',
  yaml: (error) => `it does not parse (${error}); run reflib validate`,
  symlink: (error) => `${error}, and fmt never follows links; put the file itself there`,
  'not-a-file': (error) => error,
  'too-large': (error) => `${error}; run reflib validate`,
};

/** The files to format, absolute: the paths given, or every entry file. Throws UsageError for a path that is not .yaml/.yml, before anything is written. */
async function filesToFormat(options: FmtOptions, root: string): Promise<string[]> {
  if (!options.paths?.length) return (await listEntryFiles(root)).map((rel) => path.join(root, rel));
  const files = options.paths.map((p) => path.resolve(options.cwd, p));
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file)) throw new UsageError(`${path.relative(options.cwd, file) || file} is not a YAML entry file`, 'fmt formats .yaml and .yml entry files only.');
  }
  return files;
}

/** Runs a recovery of interrupted writes, turning a refusal of the file system into a UsageError that names what could not be removed. */
async function recovering(cwd: string, recover: () => Promise<void>): Promise<void> {
  try {
    await recover();
  } catch (err) {
    const { code, path: where } = err as NodeJS.ErrnoException;
    if (!code) throw err;
    const shown = where ? path.relative(cwd, where) || where : 'entries/';
    throw new UsageError(`cannot remove ${shown}, left by an interrupted write (${code})`, 'Check that its folder is writable; the entry files themselves are unchanged.');
  }
}

/**
 * Formats (or checks) entry files. Never rewrites a file that is not UTF-8,
 * does not parse, is over the size limit or holds no data; never follows a
 * symbolic link; writes atomically. A run that writes (not --check) first
 * removes the temporaries an interrupted run left: in every folder under
 * entries/, or, for paths given, beside each of those files.
 */
export async function fmt(options: FmtOptions): Promise<FmtResult> {
  const root = resolveRoot(options);
  const files = await filesToFormat(options, root);
  const explicit = Boolean(options.paths?.length);
  if (!options.check && !explicit) await recovering(options.cwd, () => recoverEntryFolders(path.join(root, ENTRIES_DIR)));
  const changed: string[] = [];
  const failed: FmtResult['failed'] = [];
  const left: FmtResult['left'] = [];
  for (const file of files) {
    const shown = path.relative(options.cwd, file) || file;
    const read = await readEntryFile(root, file, shown);
    if (!read.ok) {
      failed.push({ file: shown, reason: read.reason, error: read.error });
      continue;
    }
    // Only now that the path is known to be a regular file reached without a link.
    if (!options.check && explicit) await recovering(options.cwd, () => removeStaleTemporaries(file));
    let text: string;
    try {
      text = utf8.decode(read.bytes);
    } catch {
      // Rewriting would replace the bad bytes for good: leave the file to validate's encoding error.
      failed.push({ file: shown, reason: 'utf8', error: 'not valid UTF-8' });
      continue;
    }
    const result = formatEntryText(text);
    if (!result.ok) {
      if (result.reason === 'yaml') failed.push({ file: shown, reason: 'yaml', error: result.error });
      else left.push({ file: shown, reason: result.reason, error: result.error });
      continue;
    }
    if (result.text === text) continue;
    changed.push(shown);
    if (!options.check) await writeFileAtomic(file, result.text);
  }
  const lines: string[] = [];
  for (const f of failed) lines.push(`${f.file}: not formatted, ${FAILURE[f.reason](f.error)}`);
  for (const f of left) lines.push(`${f.file}: left as it is, ${f.error}; run reflib validate`);
  if (options.check) {
    for (const f of changed) lines.push(`${f}: not formatted`);
    if (changed.length) lines.push(`${changed.length} of ${files.length} files would be reformatted: run reflib fmt`);
    else if (failed.length) lines.push(`No file would be reformatted, but ${failed.length} of ${files.length} could not be checked.`);
    else lines.push(`All ${files.length} files are formatted.`);
  } else {
    for (const f of changed) lines.push(`formatted ${f}`);
    lines.push(`${changed.length} of ${files.length} files reformatted.`);
  }
  const exitCode = failed.length || (options.check && changed.length) ? 1 : 0;
  return { exitCode, output: lines.join('\n') + '\n', changed, failed, left };
}
