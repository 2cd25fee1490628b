/**
 * Puts the content cache in front of the stages that depend on one text
 * only: parsing and schema validation. A hit rebuilds the entry from the
 * cached data, with its remembered facts, and supplies its schema result;
 * a miss runs the stage and records what it found.
 */
import type { Finding } from '../core/diagnostic';
import { SourceFile } from '../core/sourceFile';
import { parseEntry, stripBom, toEntry, type ParseResult } from '../load/parseEntry';
import type { ParseFile } from '../load/loadLibrary';
import { knownValidation, validateEntry } from '../validate/validateEntries';
import type { CachedText, ContentCache, StoredFinding } from './openCache';

const strip = (findings: readonly Finding[]): StoredFinding[] =>
  findings.map(({ file: _file, ...rest }) => rest);
const place = (file: string, findings: readonly StoredFinding[] | undefined): Finding[] => (findings ?? []).map((f) => ({ file, ...f }));

export interface CachedStages {
  /** parseEntry, through the cache. */
  parse: ParseFile;
  /** After validation and checks: records in the cache what each file's text showed, facts learned on the way included. */
  record(): void;
}

/** The cached parse and the save step for one run. */
export function cacheStages(cache: ContentCache): CachedStages {
  // Per path: the text's key, the cached record (on a hit), and the parse result.
  const seen = new Map<string, { key: string; hit?: CachedText; parsed: ParseResult }>();
  return {
    parse(path, rawText) {
      const key = cache.keyOf(rawText);
      const hit = cache.get(key);
      let parsed: ParseResult;
      if (hit?.load) {
        parsed = { findings: place(path, hit.load) };
      } else if (hit?.schema) {
        const entry = toEntry(new SourceFile(path, stripBom(rawText), undefined, hit.plainNumbers === true, hit.facts), hit.data);
        const findings = place(path, hit.schema.findings).map((f) => (entry.id === undefined ? f : { ...f, entry: entry.id }));
        knownValidation(entry, { valid: hit.schema.valid, findings });
        parsed = { entry, findings: [] };
      } else {
        parsed = parseEntry(path, rawText);
      }
      seen.set(path, { key, hit, parsed });
      return parsed;
    },
    record() {
      for (const { key, hit, parsed } of seen.values()) {
        if (!parsed.entry) {
          cache.set(key, hit ?? { load: strip(parsed.findings) }, !hit);
          continue;
        }
        const { facts, learned } = parsed.entry.file.memo();
        const schema = validateEntry(parsed.entry);
        const record: CachedText = {
          data: parsed.entry.data,
          plainNumbers: parsed.entry.file.plainNumbers,
          schema: { valid: schema.valid, findings: strip(schema.findings) },
          facts,
        };
        cache.set(key, record, !hit || learned);
      }
    },
  };
}
