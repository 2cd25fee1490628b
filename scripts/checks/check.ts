/**
 * The shape of a check, after ESLint's rules: `meta` describes it, `create`
 * returns visitors that see every entry and then the end of the library.
 * Checks flag findings; they never print and never choose their severity
 * (the runner applies the rule's configured severity).
 */
import type { FindingData, RelatedLocation, Severity } from '../core/diagnostic';
import type { Target } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';
import type { Link, LinkGraph } from '../graph/buildLinkGraph';
import type { PubmedLock } from '../citations/lockRecord';

export interface RuleMeta {
  /** Stable rule id; for a check, also its file name. */
  id: string;
  /** One line: what the rule reports. */
  description: string;
  /** The severity unless configuration says otherwise. */
  defaultSeverity: Severity;
  /**
   * `entry`: the check has only an `entry` visitor, and what it flags for an
   * entry depends on nothing but that entry, whether it is valid, and the
   * lock. The runner then reuses an entry's findings while those three are
   * unchanged, so an edit re-checks one entry, not the library. Anything
   * that looks at other entries (the link graph) or keeps state across
   * entries is `library`, the default.
   *
   * `links`: the check has only a `links` visitor, and what it flags for an
   * entry's links depends on nothing but that entry and the entries they
   * point at. The runner reuses the findings while the entry and every
   * target are the same objects (unchanged texts).
   */
  scope?: 'entry' | 'links' | 'library';
}

/** Where a check points: an entry and a JSON Pointer into it. */
export interface Place {
  entry: LoadedEntry;
  pointer: string;
  /** `key` points at a mapping key, `value` (the default) at the value. */
  target?: Target;
  /** A [from, to) range inside the string value at `pointer`, e.g. an inline link. */
  range?: [number, number];
}

/** What a check flags: a place, what is wrong, and what to do. */
export interface CheckFinding extends Place {
  message: string;
  hint?: string;
  related?: (Place & { message: string })[];
  /** Facts for other code (the report, an editor), e.g. `{reference: key}`, so nothing matches on message text. */
  data?: FindingData;
}

/** An ID an earlier release redirected: the first release that did, and where the newest one sends it. */
export interface RetiredBefore {
  version: string;
  replacedBy: string;
}

export interface CheckContext {
  /** The link index over every parsed entry, built once before checks run. */
  graph: LinkGraph;
  /** The PubMed lock: PubMed's metadata for cited PMIDs. Checks read it; nothing goes online. */
  lock: PubmedLock;
  /** IDs retired (redirected) in earlier releases under dist/, with the release that first redirected each. */
  retiredBefore: ReadonlyMap<string, RetiredBefore>;
  /** Records a finding for this check's rule. */
  flag(finding: CheckFinding): void;
}

export interface CheckVisitor {
  /**
   * Called once per parsed entry, in path order. `valid` says whether it
   * passed its schema; only then may a check rely on the entry's shape.
   */
  entry?(entry: LoadedEntry, valid: boolean): void;
  /**
   * Called once per entry that has links, in path order, with its links and
   * the entry each points at (undefined: none), as the link index has them.
   * For checks whose `meta.scope` is `links`.
   */
  links?(entry: LoadedEntry, links: readonly Link[], targets: readonly (LoadedEntry | undefined)[]): void;
  /** Called after every entry has been seen. */
  end?(): void;
}

export interface Check {
  meta: RuleMeta;
  create(context: CheckContext): CheckVisitor;
}

export type { RelatedLocation };
