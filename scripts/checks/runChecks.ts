/** Runs every registered check over the loaded library and collects findings. */
import type { Finding } from '../core/diagnostic';
import { locateInString, locatePointer } from '../core/locatePointer';
import { buildLinkGraph, type LinkGraph } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import type { Check, Place, RetiredBefore } from './check';
import { CHECKS } from './index';
import { LOCK_VERSION, type PubmedLock } from '../citations/lockRecord';

function span(place: Place) {
  if (place.range) return locateInString(place.entry.file, place.pointer, place.range[0], place.range[1]);
  return locatePointer(place.entry.file, place.pointer, place.target ?? 'value');
}

export interface RunChecksOptions {
  entries: readonly LoadedEntry[];
  /** The entries that passed schema validation. */
  valid: ReadonlySet<LoadedEntry>;
  /** Defaults to every registered check. */
  checks?: readonly Check[];
  /** Defaults to a graph built from `entries`. */
  graph?: LinkGraph;
  /** Defaults to an empty lock (every PMID unverified). */
  lock?: PubmedLock;
  /** IDs retired in earlier releases; defaults to none. */
  retiredBefore?: ReadonlyMap<string, RetiredBefore>;
}

/** Runs the checks over the entries. Each visitor sees every entry once: one pass, no re-parsing. */
export function runChecks(options: RunChecksOptions): Finding[] {
  const { entries, valid, checks = CHECKS } = options;
  const graph = options.graph ?? buildLinkGraph(entries);
  const lock = options.lock ?? { lockVersion: LOCK_VERSION, records: {} };
  const findings: Finding[] = [];
  const retiredBefore = options.retiredBefore ?? new Map();
  const visitors = checks.map((check) =>
    check.create({
      graph,
      lock,
      retiredBefore,
      flag(r) {
        findings.push({
          file: r.entry.file.path,
          ...span(r),
          rule: check.meta.id,
          message: r.message,
          hint: r.hint,
          entry: r.entry.id,
          related: r.related?.map((p) => ({ file: p.entry.file.path, ...span(p), message: p.message })),
          data: r.data,
        });
      },
    }),
  );
  const entryVisitors = visitors.filter((v) => v.entry);
  for (const entry of entries) {
    const isValid = valid.has(entry);
    for (const v of entryVisitors) v.entry!(entry, isValid);
  }
  for (const v of visitors) v.end?.();
  return findings;
}
