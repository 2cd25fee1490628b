/** Runs every registered check over the loaded library and collects findings. */
import type { Finding } from '../diagnostics/diagnostic';
import { locateInString, locatePointer } from '../load/locatePointer';
import { buildLinkGraph, type LinkGraph } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import type { Check, Place } from './check';
import { CHECKS } from './index';

function span(place: Place) {
  if (place.range) return locateInString(place.entry.file, place.pointer, place.range[0], place.range[1]);
  return locatePointer(place.entry.file, place.pointer, place.target ?? 'value');
}

/**
 * Runs `checks` over `entries`. `valid` holds the entries that passed schema
 * validation. Each visitor sees every entry once: one pass, no re-parsing.
 */
export function runChecks(
  entries: readonly LoadedEntry[],
  valid: ReadonlySet<LoadedEntry>,
  checks: readonly Check[] = CHECKS,
  graph: LinkGraph = buildLinkGraph(entries),
): Finding[] {
  const findings: Finding[] = [];
  const visitors = checks.map((check) =>
    check.create({
      graph,
      report(r) {
        findings.push({
          file: r.entry.file.path,
          ...span(r),
          rule: check.meta.id,
          message: r.message,
          hint: r.hint,
          entry: r.entry.id,
          related: r.related?.map((p) => ({ file: p.entry.file.path, ...span(p), message: p.message })),
        });
      },
    }),
  );
  for (const entry of entries) for (const v of visitors) v.entry?.(entry, valid.has(entry));
  for (const v of visitors) v.end?.();
  return findings;
}
