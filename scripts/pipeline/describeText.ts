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
  if (!keepsAsJson(text, parsed.entry.data)) return { unsafe: true };
  const schema = validateEntry(parsed.entry);
  return {
    data: parsed.entry.data,
    plainNumbers: parsed.entry.file.plainNumbers,
    schema: { valid: schema.valid, findings: strip(schema.findings) },
    facts: parsed.entry.file.memo().facts,
  };
}

// Text that can make a number JSON cannot carry: .inf, .nan, -0, huge exponents or digit runs.
const ODD_NUMBER = /\.(?:inf|nan)|-\.?0|[eE]\+?\d{3}|[0-9a-fA-F]{200}/i;

/**
 * Whether the data survives JSON as it is: records cross to workers and to
 * the cache file as JSON, where Infinity, NaN and -0 would silently become
 * null or 0. Data that does not is parsed where it is used, and not cached.
 */
export function keepsAsJson(text: string, data: unknown): boolean {
  if (!ODD_NUMBER.test(text)) return true;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return false;
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push(child);
  }
  return true;
}

/** The parse result a record stands for: the entry rebuilt from its data, its schema result supplied. */
export function restore(path: string, text: string, record: CachedText): ParseResult {
  if (record.load) return { findings: place(path, record.load) };
  const entry = toEntry(new SourceFile(path, stripBom(text), undefined, record.plainNumbers === true, record.facts), record.data);
  const findings = place(path, record.schema!.findings).map((f) => (entry.id === undefined ? f : { ...f, entry: entry.id }));
  knownValidation(entry, { valid: record.schema!.valid, findings });
  return { entry, findings: [] };
}

