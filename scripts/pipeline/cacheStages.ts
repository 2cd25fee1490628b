/**
 * Puts the content cache in front of the stages that depend on one text
 * only: parsing and schema validation. A hit rebuilds the entry from the
 * cached data, with its remembered facts, and supplies its schema result;
 * a miss runs the stage and records what it found.
 */
import { parseEntry, type ParseResult } from '../load/parseEntry';
import type { ParseFile } from '../load/loadLibrary';
import { validateEntry } from '../validate/validateEntries';
import type { CachedText, ContentCache } from './openCache';
import { restore, strip } from './describeText';
import { describeTexts } from './describeTextsInWorkers';

export interface CachedStages {
  /** Works out, ahead of parse, what the cache does not know about these texts: in worker threads when there are many. */
  prepare(files: readonly { path: string; text: string }[]): Promise<void>;
  /** parseEntry, through the cache. */
  parse: ParseFile;
  /** After validation and checks: records in the cache what each file's text showed, facts learned on the way included. */
  record(): void;
}

/** The cached parse and the save step for one run. */
export function cacheStages(cache: ContentCache, options: { workersFrom?: number } = {}): CachedStages {
  // Per path: the text's key, the cached record (on a hit), and the parse result.
  const seen = new Map<string, { key: string; hit?: CachedText; parsed: ParseResult }>();
  // Records worked out by prepare(), by key: new to the cache, but no need to parse again.
  const prepared = new Map<string, CachedText>();
  return {
    async prepare(files) {
      const misses = files.filter((f) => !cache.get(cache.keyOf(f.text)));
      const records = await describeTexts(misses, options.workersFrom);
      misses.forEach((f, i) => {
        if (!records[i].unsafe) prepared.set(cache.keyOf(f.text), records[i]);
      });
    },
    parse(path, rawText) {
      const key = cache.keyOf(rawText);
      const hit = cache.get(key);
      const record = hit ?? prepared.get(key);
      const parsed = record ? restore(path, rawText, record) : parseEntry(path, rawText);
      seen.set(path, { key, hit, parsed });
      return parsed;
    },
    record() {
      for (const { key, hit, parsed } of seen.values()) {
        if (!parsed.entry) {
          cache.set(key, hit ?? prepared.get(key) ?? { load: strip(parsed.findings) }, !hit);
          continue;
        }
        const { facts, learned } = parsed.entry.file.memo();
        // Described ahead (by a worker, say) and nothing learned since: that record is the one to keep.
        const ahead = prepared.get(key);
        if (ahead && !learned) {
          cache.set(key, ahead, true);
          continue;
        }
        if (!parsed.entry.jsonSafe) continue;
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
