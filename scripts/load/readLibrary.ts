/**
 * Finds and reads the entry files under a library root. Reading is separate
 * from parsing so that parsing stays a pure function of text.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/diagnostic';
import { UsageError } from '../core/usageError';

/** The folder under the library root that holds entries. */
export const ENTRIES_DIR = 'entries';

export interface RawFile {
  /** Relative to the root, forward slashes. */
  path: string;
  text: string;
}

export interface ReadResult {
  files: RawFile[];
  /** Files that are not UTF-8, decoded as Latin-1 for best-effort use only. */
  undecodable: RawFile[];
  findings: Finding[];
}

async function walk(dir: string, out: string[]): Promise<void> {
  const items = await fs.readdir(dir, { withFileTypes: true });
  for (const item of items) {
    if (item.name.startsWith('.')) continue;
    const full = path.join(dir, item.name);
    if (item.isDirectory()) await walk(full, out);
    else if (/\.ya?ml$/i.test(item.name)) out.push(full);
  }
}

/** Lists `entries/**\/*.yaml` and `*.yml` under the root, sorted, as root-relative paths. */
export async function listEntryFiles(root: string): Promise<string[]> {
  const stat = await fs.stat(root).catch(() => null);
  if (!stat) throw new UsageError(`library root not found: ${root}`, 'Pass --root with the folder that holds entries/.');
  if (!stat.isDirectory()) throw new UsageError(`library root is not a folder: ${root}`);
  const dir = path.join(root, ENTRIES_DIR);
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) {
    throw new UsageError(`no entries/ folder in ${root}`, 'Run reflib in the library root, or pass --root.');
  }
  const found: string[] = [];
  await walk(dir, found);
  if (found.length === 0) throw new UsageError(`the library is empty: no .yaml files under ${dir}`, 'Add an entry, e.g. entries/topics/my-topic.yaml.', 'empty-library');
  return found.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

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
export async function readLibrary(root: string): Promise<ReadResult> {
  const paths = await listEntryFiles(root);
  const files: RawFile[] = [];
  const undecodable: RawFile[] = [];
  const findings: Finding[] = [];
  for (const rel of paths) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(root, rel));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new UsageError(`cannot read ${rel} (${code})`, 'Check that the file exists and is readable, or remove it.');
    }
    try {
      files.push({ path: rel, text: decoder.decode(bytes) });
    } catch {
      undecodable.push({ path: rel, text: bytes.toString('latin1') });
      const at = positionOf(bytes, Math.max(0, firstInvalidUtf8(bytes)));
      findings.push({
        file: rel,
        ...at,
        endLine: at.line,
        endColumn: at.column + 1,
        rule: 'encoding',
        message: 'the file is not valid UTF-8',
        hint: 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).',
      });
    }
  }
  return { files, undecodable, findings };
}
