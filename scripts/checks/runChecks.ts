/** Runs every registered check over the loaded library and collects findings. */
import type { Finding } from '../core/diagnostic';
import { MAX_FINDINGS_PER_RULE } from '../core/limits';
import { locateInString, locatePointer, startOf } from '../core/locatePointer';
import type { SourceFile } from '../core/sourceFile';
import { buildLinkGraph, type LinkGraph } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import type { Check, CheckFinding, CheckVisitor, Place, RetiredBefore } from './check';
import { CHECKS } from './index';
import { LOCK_VERSION, type PubmedLock } from '../citations/lockRecord';

function span(place: Place) {
  if (place.range) return locateInString(place.entry.file, place.pointer, place.range[0], place.range[1]);
  return locatePointer(place.entry.file, place.pointer, place.target ?? 'value');
}

/**
 * The marker of an inline suppression comment (pipeline/applySuppressions.ts,
 * which this layer may not import). A file that holds it anywhere has every
 * finding located, since which ones a comment silences depends on their lines.
 */
const SUPPRESSION_MARKER = 'reflib-disable-next-line';

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
  /**
   * The run's configured severities by rule (reflib.config.yaml and the
   * command line), as applySeverity takes them. A rule set to `off` has its
   * findings dropped before they are located, except in files with a
   * suppression comment (which must still see them, to know whether it is
   * used). Defaults to none off.
   */
  severities?: Readonly<Record<string, string | undefined>>;
}

/** A finding flagged by a check, not yet located. */
interface Flagged {
  rule: string;
  finding: CheckFinding;
}

/**
 * Runs the checks over the entries. Each visitor sees every entry once: one
 * pass, no re-parsing. Findings come back in the order the checks flagged
 * them, located, with two savings that leave the pipeline's output as it
 * would be:
 *
 * - findings of a rule configured `off` are dropped unlocated (see `severities`);
 * - where one rule has more than MAX_FINDINGS_PER_RULE findings in one file
 *   (which capFindings cuts to the first MAX_FINDINGS_PER_RULE by position,
 *   plus a count that starts at the next), they are ordered by where they
 *   start, cheaply and without remembering it, and only the first
 *   MAX_FINDINGS_PER_RULE + 1 are located. They fill that group's first
 *   places in position order; each later place holds a copy of the last one
 *   located, standing in for a finding the cap drops unseen, so the group's
 *   size, and what capFindings makes of it, are unchanged.
 */
export function runChecks(options: RunChecksOptions): Finding[] {
  const { entries, valid, checks = CHECKS } = options;
  const graph = options.graph ?? buildLinkGraph(entries);
  const lock = options.lock ?? { lockVersion: LOCK_VERSION, records: {} };
  const flagged: Flagged[] = [];
  const retiredBefore = options.retiredBefore ?? new Map();
  // Entry-scoped checks flag into the entry's own list, which is remembered (see RuleMeta.scope).
  let current: Flagged[] = [];
  const visitors = checks.map((check) => {
    const perEntry = check.meta.scope === 'entry' || check.meta.scope === 'links';
    const visitor = check.create({
      graph,
      lock,
      retiredBefore,
      flag(finding) {
        (perEntry ? current : flagged).push({ rule: check.meta.id, finding });
      },
    });
    return { perEntry, visitor };
  });
  const entryScoped = visitors.filter((v) => v.perEntry && v.visitor.entry).map((v) => v.visitor);
  // Entry- and links-scoped checks flag into `current`, the list being remembered.
  const libraryScoped = visitors.filter((v) => !v.perEntry && v.visitor.entry).map((v) => v.visitor);
  const memoKey = checks === CHECKS ? lock : undefined;
  for (const entry of entries) {
    const isValid = valid.has(entry);
    const known = memoKey && entryMemo.get(entry);
    if (known && known.lock === memoKey && known.valid === isValid) current = known.flagged;
    else {
      current = [];
      for (const v of entryScoped) v.entry!(entry, isValid);
      if (memoKey) entryMemo.set(entry, { lock: memoKey, valid: isValid, flagged: current });
    }
    for (const f of current) flagged.push(f);
    for (const v of libraryScoped) v.entry!(entry, isValid);
  }
  visitLinks(graph, checks, visitors, flagged, (to) => (current = to), memoKey !== undefined);
  for (const { visitor } of visitors) visitor.end?.();
  return locateFindings(flagged, options.severities ?? {});
}

/**
 * Runs the links-scoped checks, entry by entry: the link index lists each
 * entry's links together. An entry whose links point at the same entry
 * objects as last time gets what was found then (see RuleMeta.scope).
 */
function visitLinks(graph: LinkGraph, checks: readonly Check[], visitors: readonly { perEntry: boolean; visitor: CheckVisitor }[], flagged: Flagged[], collectInto: (list: Flagged[]) => void, remember: boolean): void {
  const linkScoped = visitors.filter((v, i) => checks[i].meta.scope === 'links' && v.visitor.links).map((v) => v.visitor);
  if (linkScoped.length === 0) return;
  const { links, targets } = graph;
  for (let start = 0; start < links.length; ) {
    const source = links[start].source;
    let end = start + 1;
    while (end < links.length && links[end].source === source) end++;
    const known = remember ? linkMemo.get(source) : undefined;
    let same = known !== undefined && known.targets.length === end - start;
    for (let i = start; same && i < end; i++) same = known!.targets[i - start] === targets[i];
    if (same) for (const f of known!.flagged) flagged.push(f);
    else {
      const found: Flagged[] = [];
      collectInto(found);
      const own = links.slice(start, end);
      const theirs = targets.slice(start, end);
      for (const v of linkScoped) v.links!(source, own, theirs);
      for (const f of found) flagged.push(f);
      if (remember) linkMemo.set(source, { targets: theirs, flagged: found });
    }
    start = end;
  }
}

/** What the links-scoped checks found for each entry, with the entries its links pointed at then. */
const linkMemo = new WeakMap<LoadedEntry, { targets: readonly (LoadedEntry | undefined)[]; flagged: Flagged[] }>();

/**
 * What the entry-scoped checks flagged for each entry, with the lock and
 * validity they saw. A parsed entry is immutable and reused while its text
 * is unchanged (the parse cache of a watch or editor session), so an edit
 * runs these checks on the edited entry only. Kept only for the registered
 * checks, whose set never changes.
 */
const entryMemo = new WeakMap<LoadedEntry, { lock: PubmedLock; valid: boolean; flagged: Flagged[] }>();

/** A flagged finding with its place in the file: the full located Finding. */
function located({ rule, finding: r }: Flagged): Finding {
  return {
    file: r.entry.file.path,
    ...span(r),
    rule,
    message: r.message,
    hint: r.hint,
    entry: r.entry.id,
    related: r.related?.map((p) => ({ file: p.entry.file.path, ...span(p), message: p.message })),
    data: r.data,
  };
}

/** Drops what is off, groups by file and rule, and locates what the cap will show (see runChecks). */
function locateFindings(flagged: readonly Flagged[], severities: Readonly<Record<string, string | undefined>>): Finding[] {
  const marked = new Map<SourceFile, boolean>();
  const hasMarker = (file: SourceFile) => {
    let m = marked.get(file);
    if (m === undefined) marked.set(file, (m = file.text.includes(SUPPRESSION_MARKER)));
    return m;
  };
  const kept = flagged.filter((f) => !(Object.hasOwn(severities, f.rule) && severities[f.rule] === 'off' && !hasMarker(f.finding.entry.file)));
  // Groups of indexes into `kept`, by file then rule, in the order first seen.
  const groups: number[][] = [];
  const byFile = new Map<SourceFile, Map<string, number[]>>();
  kept.forEach((f, i) => {
    const file = f.finding.entry.file;
    let byRule = byFile.get(file);
    if (!byRule) byFile.set(file, (byRule = new Map()));
    const group = byRule.get(f.rule);
    if (group) group.push(i);
    else {
      byRule.set(f.rule, [i]);
      groups.push(byRule.get(f.rule)!);
    }
  });
  const out = new Array<Finding>(kept.length);
  for (const group of groups) {
    const file = kept[group[0]].finding.entry.file;
    if (group.length <= MAX_FINDINGS_PER_RULE || hasMarker(file)) {
      for (const i of group) out[i] = located(kept[i]);
      continue;
    }
    // capFindings sorts a group by line and column, stably: so do these keys.
    const keys = group.map((i) => {
      const r = kept[i].finding;
      return startOf(file, r.pointer, r.target ?? 'value', r.range);
    });
    const order = group.map((_, k) => k).sort((x, y) => keys[x].line - keys[y].line || keys[x].column - keys[y].column || x - y);
    let last: Finding | undefined;
    group.forEach((slot, k) => {
      if (k <= MAX_FINDINGS_PER_RULE) out[slot] = last = located(kept[group[order[k]]]);
      else out[slot] = { ...last! };
    });
  }
  return out;
}
