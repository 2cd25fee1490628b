/**
 * Finds and reads the entry files under a library root. Reading is separate
 * from parsing so that parsing stays a pure function of text.
 */
import { isUtf8 } from 'node:buffer';
import { hash } from 'node:crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/diagnostic';
import { UsageError } from '../core/usageError';
import { describeBytes, MAX_FILE_BYTES, MAX_FOLDER_DEPTH } from '../core/limits';

/** The folder under the library root that holds entries. */
export const ENTRIES_DIR = 'entries';

export interface RawFile {
  /** Relative to the root, forward slashes. */
  path: string;
  text: string;
  /** A digest of the file's bytes, when asked for: the content cache's key. */
  key?: string;
}

export interface ReadResult {
  files: RawFile[];
  /** Files that are not UTF-8, decoded as Latin-1 for best-effort use only. */
  undecodable: RawFile[];
  /** The scan's refusals (links, folders too deep) first, then one finding per file read and refused. */
  findings: Finding[];
  /** How many of `findings` are the scan's. */
  scanned: number;
}

export interface ReadOptions {
  /** Add each file's content key. */
  keys?: boolean;
  /** An entries/ folder with no files is not an error: an editor session whose first entry is not saved yet. */
  allowEmpty?: boolean;
}

/** A path under entries/ that reflib will not read, and why. */
export interface RefusedPath {
  /** Relative to the root, forward slashes. */
  path: string;
  reason: 'symlink' | 'not-a-file' | 'too-deep';
}

const YAML_NAME = /\.ya?ml$/i;

async function walk(dir: string, out: string[], refused: { full: string; reason: RefusedPath['reason'] }[], depth = 0): Promise<void> {
  if (depth > MAX_FOLDER_DEPTH) {
    refused.push({ full: dir, reason: 'too-deep' });
    return;
  }
  const items = await fs.readdir(dir, { withFileTypes: true });
  for (const item of items) {
    // Dotfiles include editors' swap files and reflib's own temporaries.
    if (item.name.startsWith('.')) continue;
    const full = path.join(dir, item.name);
    if (item.isSymbolicLink()) {
      // Never followed: a link could lead outside the library (to a file of secrets, say) or in a loop.
      const target = await fs.stat(full).catch(() => undefined);
      if (YAML_NAME.test(item.name) || target?.isDirectory()) refused.push({ full, reason: 'symlink' });
    } else if (item.isDirectory()) await walk(full, out, refused, depth + 1);
    else if (YAML_NAME.test(item.name)) {
      // A FIFO or a device named *.yaml would block or never end.
      if (item.isFile()) out.push(full);
      else refused.push({ full, reason: 'not-a-file' });
    }
  }
}

interface Scan {
  /** Regular entry files, root-relative, sorted. */
  files: string[];
  refused: RefusedPath[];
}

async function scanEntryFiles(root: string, allowEmpty = false): Promise<Scan> {
  const stat = await fs.stat(root).catch(() => null);
  if (!stat) throw new UsageError(`library root not found: ${root}`, 'Pass --root with the folder that holds entries/.');
  if (!stat.isDirectory()) throw new UsageError(`library root is not a folder: ${root}`);
  const dir = path.join(root, ENTRIES_DIR);
  const dirStat = await fs.lstat(dir).catch(() => null);
  if (dirStat?.isSymbolicLink()) throw new UsageError(`${dir} is a symbolic link`, 'reflib does not follow links out of the library: make entries/ a real folder.');
  if (!dirStat?.isDirectory()) {
    throw new UsageError(`no entries/ folder in ${root}`, 'Run reflib in the library root, or pass --root.');
  }
  const found: string[] = [];
  const refused: { full: string; reason: RefusedPath['reason'] }[] = [];
  await walk(dir, found, refused);
  if (found.length + refused.length === 0 && !allowEmpty) throw new UsageError(`the library is empty: no .yaml files under ${dir}`, 'Add an entry, e.g. entries/topics/my-topic.yaml.', 'empty-library');
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  return { files: found.map(rel).sort(), refused: refused.map((r) => ({ path: rel(r.full), reason: r.reason })).sort((x, y) => (x.path < y.path ? -1 : 1)) };
}

/** Lists the regular files `entries/**\/*.yaml` and `*.yml` under the root, sorted, as root-relative paths. Symbolic links are left out. */
export async function listEntryFiles(root: string): Promise<string[]> {
  return (await scanEntryFiles(root)).files;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const lines = bytes.subarray(0, offset).toString('utf8').split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Reads every entry file as UTF-8. A file that is not valid UTF-8 becomes an
 * `encoding` finding at its first bad byte; a file that cannot be read at all
 * is a usage error naming it.
 */
export async function readLibrary(root: string, options: ReadOptions = {}): Promise<ReadResult> {
  const scan = await scanEntryFiles(root, options.allowEmpty);
  const files: RawFile[] = [];
  const undecodable: RawFile[] = [];
  const findings: Finding[] = scan.refused.map(refusal);
  for (const rel of scan.files) {
    const one = readEntryFile(root, rel, options);
    if ('file' in one) files.push(one.file);
    else if ('finding' in one) {
      findings.push(one.finding);
      if (one.undecodable) undecodable.push(one.undecodable);
    }
  }
  return { files, undecodable, findings, scanned: scan.refused.length };
}

function at(file: string, pos: { line: number; column: number }, rule: string, message: string, hint: string): Finding {
  return { file, ...pos, endLine: pos.line, endColumn: pos.column + 1, rule, message, hint };
}

function refusal(r: RefusedPath): Finding {
  if (r.reason === 'too-deep') return at(r.path, { line: 1, column: 1 }, 'limit', `folders under entries/ nested more than ${MAX_FOLDER_DEPTH} deep: this one is not read`, 'Keep entries in one folder per kind, e.g. entries/topics/.');
  return r.reason === 'symlink'
    ? at(r.path, { line: 1, column: 1 }, 'not-a-file', 'a symbolic link under entries/: reflib does not follow it', 'Replace the link with the file itself (or remove it): links can lead outside the library.')
    : at(r.path, { line: 1, column: 1 }, 'not-a-file', 'not a regular file', 'Remove it from entries/: only regular .yaml files are entries.');
}

/** Reads a file no larger than MAX_FILE_BYTES, never following a link; a larger file is a `limit` finding and is not read. */
/**
 * Reads one file without following a link, refusing what is not a regular
 * file or is over the size limit. Synchronous on purpose: for thousands of
 * small files, four system calls in a row cost less than a trip through
 * libuv's thread pool each (the async version spent a third of its time idle).
 */
function readBounded(root: string, rel: string): { bytes: Buffer } | { finding: Finding } | { gone: true } {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, rel), fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { finding: refusal({ path: rel, reason: 'not-a-file' }) };
    if (stat.size > MAX_FILE_BYTES) return { finding: tooLarge(rel, stat.size) };
    return { bytes: readFileSync(fd) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ELOOP') return { finding: refusal({ path: rel, reason: 'symlink' }) };
    // Deleted since it was listed (an editor's save, a rename): it is simply not there.
    if (code === 'ENOENT') return { gone: true };
    throw new UsageError(`cannot read ${rel} (${code})`, 'Check that the file exists and is readable, or remove it.');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// Characters no entry needs and no reader can see: C0 controls other than tab, line feed and carriage
// return; DEL; the C1 controls, NEL included (a line break to some tools, not to others); the line and
// paragraph separators U+2028/U+2029; the bidirectional embeddings, overrides and isolates, which make
// text display in another order than it is stored ("Trojan Source"); and a lone UTF-16 surrogate, which
// a "\uD800" escape can write and which no encoding can carry.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The index of the first control, invisible-format or lone-surrogate character an entry may not hold, or -1. */
export function firstControlCharacter(text: string): number {
  const control = CONTROL.exec(text)?.index ?? -1;
  // The surrogate pattern is slow (it looks around every character): run it only when there is one to find.
  const surrogate = text.isWellFormed() ? -1 : (LONE_SURROGATE.exec(text)?.index ?? -1);
  return control === -1 ? surrogate : surrogate === -1 ? control : Math.min(control, surrogate);
}

/** What kind of character is at `index` (one that firstControlCharacter found), for messages. */
export function describeCharacter(text: string, index: number): string {
  const c = text.charCodeAt(index);
  const name = c >= 0x202a && c <= 0x202e ? 'a bidirectional override character' : c >= 0x2066 && c <= 0x2069 ? 'a bidirectional isolate character' : c === 0x2028 || c === 0x2029 ? 'a line separator character' : c >= 0xd800 && c <= 0xdfff ? 'half of a UTF-16 surrogate pair' : 'a control character';
  return `${name} (${codePoint(text, index)})`;
}

/** `U+0000`, for messages. */
export function codePoint(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One entry file as read: its text, or the finding that keeps it out of parsing (with its best-effort text), or gone. */
export type ReadOne = { file: RawFile } | { finding: Finding; undecodable?: RawFile } | { gone: true };

/**
 * Reads one entry file, as readLibrary reads each: for a watch session,
 * which re-reads only the files that changed. A file that is no longer
 * there is `gone`.
 */
export function readEntryFile(root: string, rel: string, options: { keys?: boolean } = {}): ReadOne {
  const read = readBounded(root, rel);
  if (!('bytes' in read)) return read;
  const bytes = read.bytes;
  // isUtf8 checks without building a string; toString then decodes fast, and keeps a byte-order mark, which we drop.
  const decoded = isUtf8(bytes) ? bytes.toString('utf8') : undefined;
  const text = decoded?.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text === undefined) {
    return {
      undecodable: { path: rel, text: bytes.toString('latin1') },
      finding: at(rel, positionOf(bytes, Math.max(0, firstInvalidUtf8(bytes))), 'encoding', 'the file is not valid UTF-8', 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).'),
    };
  }
  const refused = refuseText(rel, text, bytes);
  if (refused) return refused;
  // Hashing the bytes is cheaper than hashing the text (no re-encoding), and they determine the text.
  return { file: options.keys ? { path: rel, text, key: hash('sha256', bytes, 'base64url') } : { path: rel, text } };
}

function tooLarge(rel: string, size: number): Finding {
  return at(rel, { line: 1, column: 1 }, 'limit', `the file is ${describeBytes(size)}, over the limit of ${describeBytes(MAX_FILE_BYTES)} for an entry`, 'Split it into several entries and link them; an entry this large is not one topic.');
}

/** The finding that keeps decoded text out of parsing (a control character), as for a file read from disk. */
function refuseText(rel: string, text: string, bytes?: Buffer): { finding: Finding; undecodable: RawFile } | undefined {
  const control = firstControlCharacter(text);
  if (control === -1) return undefined;
  const before = Buffer.byteLength(text.slice(0, control));
  // Kept out of parsing like an undecodable file: its ID still silences links to it.
  return {
    undecodable: { path: rel, text },
    finding: at(rel, positionOf(bytes ?? Buffer.from(text.slice(0, control)), before), 'encoding', `the file holds ${describeCharacter(text, control)}`, 'Delete it: it is invisible in most editors, and readers\' apps would show it as garbage. Retype the text around it if unsure.'),
  };
}

/**
 * One entry file from text that is not (or not yet) on disk, such as an
 * editor's unsaved buffer: held to the same limits as a file read by
 * readEntryFile (size, invisible characters), so that the editor reports
 * what `validate` will.
 */
export function entryFromText(rel: string, rawText: string): Exclude<ReadOne, { gone: true }> {
  const size = Buffer.byteLength(rawText);
  if (size > MAX_FILE_BYTES) {
    return { finding: tooLarge(rel, size) };
  }
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  return refuseText(rel, text) ?? { file: { path: rel, text } };
}
