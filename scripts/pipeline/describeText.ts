/** One text as the content cache keeps it, and back: what a worker computes and the main thread restores. */
import type { Finding } from '../core/diagnostic';
import { SourceFile } from '../core/sourceFile';
import { parseEntry, stripBom, toEntry, type ParseResult } from '../load/parseEntry';
import { knownValidation, validateEntry } from '../validate/validateEntries';
import type { CachedText, StoredFinding } from './openCache';

/** Findings without their file: the same text can sit at several paths. */
export const strip = (findings: readonly Finding[]): StoredFinding[] => findings.map(({ file: _file, ...rest }) => rest);
const place = (file: string, findings: readonly StoredFinding[] | undefined): Finding[] => (findings ?? []).map((f) => ({ file, ...f }));

/**
 * What one text shows, as the cache keeps it: parsed, validated, and the
 * spans its findings needed. A pure function of path and text, so it can
 * run in a worker (see describeTextsInWorkers.ts).
 */
export function describeText(path: string, text: string): CachedText {
  const parsed = parseEntry(path, text);
  if (!parsed.entry) return { load: strip(parsed.findings) };
  if (!parsed.entry.jsonSafe) return { unsafe: true };
  const schema = validateEntry(parsed.entry);
  return {
    data: parsed.entry.data,
    plainNumbers: parsed.entry.file.plainNumbers,
    schema: { valid: schema.valid, findings: strip(schema.findings) },
    facts: parsed.entry.file.memo().facts,
  };
}

/** The parse result a record stands for: the entry rebuilt from its data, its schema result supplied. */
export function restore(path: string, text: string, record: CachedText): ParseResult {
  if (record.load) return { findings: place(path, record.load) };
  const entry = toEntry(new SourceFile(path, stripBom(text), undefined, record.plainNumbers === true, record.facts), record.data, true);
  const findings = place(path, record.schema!.findings).map((f) => (entry.id === undefined ? f : { ...f, entry: entry.id }));
  knownValidation(entry, { valid: record.schema!.valid, findings });
  return { entry, findings: [] };
}

