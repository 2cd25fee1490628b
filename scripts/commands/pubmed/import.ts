/**
 * `reflib pubmed import FILE…`: PubMed records saved elsewhere (efetch XML or
 * MEDLINE text), read with the parser sync uses, written into the lock as
 * `imported` with each file's SHA-256. For an editor behind a firewall: the
 * file can come from anyone who can reach PubMed, and the hash lets anyone
 * holding the file check it is the one recorded.
 *
 * All or nothing: every file is read and checked first; if any is refused,
 * nothing is written. A fetched record is never replaced by an imported one.
 * A record for a PMID no entry cites is still imported (an editor may save
 * records before writing the entry), and the output says so.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/usageError';
import { recoverInterruptedWrites } from '../../core/writeAtomic';
import { resolveRoot } from '../../core/resolveRoot';
import { loadLibrary } from '../../load/loadLibrary';
import { citedPmids } from '../../citations/citedPmids';
import { diffRecords, type FieldChange } from '../../citations/diffRecords';
import { canonicalRecord, provenanceLevel, type LockRecord, type ProvenanceLevel } from '../../citations/lockRecord';
import { LOCK_FILE, readLock } from '../../citations/readLock';
import { writeLock } from '../../citations/writeLock';
import { PubmedFileError, readPubmedFile, type PubmedFile } from '../../pubmed/readPubmedFile';

/** The largest file read: a MEDLINE export of some ten thousand records. Larger is refused before it is read. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ImportOptions {
  cwd: string;
  root?: string;
  /** The saved files, relative to `cwd`. */
  files: string[];
  now?: () => Date;
  /** Refuse files larger than this; default MAX_IMPORT_BYTES. */
  maxBytes?: number;
}

export type ImportAction = 'added' | 'replaced' | 'unchanged' | 'kept-fetched';

export interface ImportedPmid {
  pmid: string;
  file: string;
  action: ImportAction;
  /** The level of the record it replaced or kept. */
  was?: ProvenanceLevel;
  changes: FieldChange[];
  cited: boolean;
}

export interface ImportResult {
  /** 0: imported (or nothing to change); 1: a file was refused and the lock left as it was. */
  exitCode: 0 | 1;
  output: string;
  pmids: ImportedPmid[];
  /** The located problems, when exitCode is 1. */
  errors: string[];
}

/** A file named for one PMID (33260549.xml, 33260549.txt…) must hold that PMID and no other. */
function expectedPmid(file: string): string | undefined {
  return /^([1-9]\d{0,7})\.(?:xml|txt|nbib|medline)$/i.exec(path.basename(file))?.[1];
}

const sameContent = (a: LockRecord, b: LockRecord) => JSON.stringify(canonicalRecord({ ...a, source: b.source })) === JSON.stringify(canonicalRecord(b));

async function readFile(cwd: string, name: string, maxBytes: number, imported: string): Promise<PubmedFile> {
  const full = path.resolve(cwd, name);
  let stat;
  try {
    stat = await fs.stat(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PubmedFileError(name, code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`);
  }
  if (!stat.isFile()) throw new PubmedFileError(name, 'not a file');
  if (stat.size > maxBytes) throw new PubmedFileError(name, `${stat.size} bytes, more than the ${maxBytes} a PubMed record file can reasonably be: split it, or check it is the right file`);
  if (stat.size === 0) throw new PubmedFileError(name, 'empty');
  const parsed = readPubmedFile(name, await fs.readFile(full), imported);
  const expected = expectedPmid(name);
  if (expected) {
    const held = parsed.records.map((r) => r.record.pmid);
    if (held.length !== 1 || held[0] !== expected) {
      throw new PubmedFileError(name, `named for PMID ${expected}, but holds ${held.length === 1 ? 'PMID' : 'PMIDs'} ${held.join(', ')}: a record saved under the wrong name?`, parsed.records[0]?.line);
    }
  }
  return parsed;
}

/** Imports the files into the lock under the root. */
export async function importRecords(options: ImportOptions): Promise<ImportResult> {
  if (options.files.length === 0) throw new UsageError('pubmed import needs at least one file', 'Give the saved PubMed files: reflib pubmed import records.xml pubmed-set.txt');
  const root = resolveRoot(options);
  const imported = (options.now ?? (() => new Date()))().toISOString();
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;

  await recoverInterruptedWrites(root, LOCK_FILE);
  const current = await readLock(root);
  if (current.findings.length) throw new UsageError(`${LOCK_FILE} is broken: ${current.findings[0].message} (line ${current.findings[0].line})`, 'Fix or restore it from git before importing; reflib validate shows every problem.');
  const lock = current.lock;

  // Read and check every file before touching the lock.
  const errors: string[] = [];
  const files: PubmedFile[] = [];
  const seenFiles = new Map<string, string>();
  for (const name of options.files) {
    try {
      const file = await readFile(options.cwd, name, maxBytes, imported);
      const twin = seenFiles.get(file.sha256);
      if (twin) throw new PubmedFileError(name, `the same bytes as ${twin}: give each file once`);
      seenFiles.set(file.sha256, name);
      files.push(file);
    } catch (error) {
      if (error instanceof PubmedFileError) errors.push(error.message);
      else throw error;
    }
  }

  // One record per PMID across the files: the same content twice is fine (the first file is recorded), different content is refused.
  const chosen = new Map<string, { record: LockRecord; file: string; line?: number }>();
  const notes: string[] = [];
  for (const file of files) {
    for (const { record, line } of file.records) {
      const earlier = chosen.get(record.pmid);
      if (!earlier) {
        chosen.set(record.pmid, { record, file: file.file, line });
      } else if (sameContent(record, earlier.record)) {
        notes.push(`PMID ${record.pmid} is also in ${file.file}, with the same content: recorded as from ${earlier.file}.`);
      } else {
        const diff = diffRecords(earlier.record, record).map((c) => c.field);
        errors.push(`${file.file}${line ? `:${line}` : ''}: PMID ${record.pmid} is also in ${earlier.file}${earlier.line ? `:${earlier.line}` : ''}, with different content${diff.length ? ` (${diff.join(', ')})` : ''}: which is PubMed's current record is not clear; import the one you trust`);
      }
    }
  }
  if (errors.length) {
    const output = [`Nothing imported: ${LOCK_FILE} is unchanged.`, ...errors.map((e) => `  ${e}`), ''].join('\n');
    return { exitCode: 1, output, pmids: [], errors };
  }

  const { library } = await loadLibrary(root);
  const cited = citedPmids(library.entries);
  const pmids: ImportedPmid[] = [];
  let changed = false;
  for (const [pmid, { record, file }] of chosen) {
    const before = lock.records[pmid];
    const base = { pmid, file, cited: cited.has(pmid), changes: [] as FieldChange[] };
    if (!before) {
      pmids.push({ ...base, action: 'added' });
    } else {
      const was = provenanceLevel(before);
      if (was === 'fetched') {
        pmids.push({ ...base, action: 'kept-fetched', was, changes: diffRecords(before, record) });
        continue;
      }
      const same = was === 'imported' && sameContent(record, before) && before.source.type === 'imported' && before.source.sha256 === (record.source as { sha256: string }).sha256;
      if (same) {
        pmids.push({ ...base, action: 'unchanged', was });
        continue;
      }
      pmids.push({ ...base, action: 'replaced', was, changes: diffRecords(before, record) });
    }
    lock.records[pmid] = record;
    changed = true;
  }
  if (changed) await writeLock(root, lock);

  const lines: string[] = [];
  const count = (a: ImportAction) => pmids.filter((p) => p.action === a).length;
  lines.push(changed
    ? `Imported ${count('added') + count('replaced')} record${count('added') + count('replaced') === 1 ? '' : 's'} from ${files.length} file${files.length === 1 ? '' : 's'} into ${LOCK_FILE} (${count('added')} added, ${count('replaced')} replaced, ${count('unchanged')} unchanged, ${count('kept-fetched')} kept as fetched).`
    : `Nothing changed in ${LOCK_FILE} (${count('unchanged')} unchanged, ${count('kept-fetched')} kept as fetched).`);
  for (const f of files) lines.push(`${f.file}: ${f.format === 'medline' ? 'MEDLINE text' : 'efetch XML'}, ${f.records.length} record${f.records.length === 1 ? '' : 's'}, SHA-256 ${f.sha256}`);
  for (const p of pmids) {
    const what = {
      added: 'added as imported',
      replaced: `replaced the ${p.was} record with an imported one`,
      unchanged: 'unchanged (already imported from the same file)',
      'kept-fetched': 'kept the record fetched from PubMed: an import never replaces one (pubmed sync refreshes it)',
    }[p.action];
    lines.push(`PMID ${p.pmid} (${p.file}): ${what}${p.cited ? '' : '; no entry cites it'}`);
    if (p.action === 'replaced' && p.changes.length) {
      lines.push(`  the saved record differs from the ${p.was} one it replaces:`);
      for (const ch of p.changes) lines.push(`    ${ch.field}: "${ch.before}" → "${ch.after}"`);
    }
    if (p.action === 'kept-fetched' && p.changes.length) lines.push(`  the saved record differs from the fetched one in: ${p.changes.map((c) => c.field).join(', ')}`);
  }
  lines.push(...notes);
  if (changed && pmids.some((p) => p.cited && p.action !== 'kept-fetched')) lines.push('Imported records are checked against the saved file, not fetched: reflib validate compares them with the entries; pubmed sync replaces them when PubMed can be reached.');
  return { exitCode: 0, output: lines.join('\n') + '\n', pmids, errors: [] };
}
