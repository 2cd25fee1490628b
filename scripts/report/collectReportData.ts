/**
 * Gathers what the report shows from a checked library: every entry with the
 * view apps get (or would get once published), citations by verification
 * status, declared conflicts of interest and whether each is surfaced, the
 * link graph, the diagnostics, and what the next release would change.
 * Pure data: rendering is elsewhere, and nothing here reads the clock.
 */
import type { CheckedLibrary } from '../pipeline/checkLibrary';
import { PER_PMID_RULES } from '../pipeline/groupByPmid';
import { planRelease } from '../release/assembleRelease';
import type { Bump } from '../release/computeVersion';
import type { Changelog } from '../release/diffReleases';
import type { Manifest } from '../bundle/manifest';
import { graphData, type GraphData } from '../graph/graphData';
import { compileLibrary, type BundleEntry, type CompiledLibrary } from '../release/compileLibrary';
import type { Diagnostic } from '../core/diagnostic';
import type { Summary } from '../pipeline/runResult';
import { buildLinkGraph, statusOf, titleOf } from '../graph/buildLinkGraph';
import { linkFields } from '../graph/linkFields';
import type { LoadedEntry } from '../load/parseEntry';
import type { Reference } from '../model/references';
import { findCoiSurfacing } from '../citations/findCoiSurfacing';
import type { Kind } from '../core/loadSchemas';
import { resolveReference, type ResolvedArticle, type ResolvedReference, type Verification } from '../citations/resolveCitation';

export const KIND_ORDER = ['topic', 'form-comparison', 'interaction', 'population-caution', 'misconception'];
export const STATUS_ORDER = ['draft', 'review', 'published', 'retired'];

/** Only IDs of this shape get a page: they are safe as file names. */
export const PAGE_ID = /^[0-9a-f]{8}$/;

export interface ReportEntry {
  id: string;
  kind: string;
  title: string;
  status: string;
  /** Root-relative path of the source file. */
  file: string;
  summary?: string;
  updated?: string;
  /** The entry matched its schema. */
  valid: boolean;
  /**
   * What readers see: for a published entry, the compiled entry exactly as
   * the bundle carries it; for a draft, review or retired entry, the same
   * compile as if it were published; for an invalid entry, the data as written.
   */
  view: Record<string, unknown>;
  /** How `view` was made. */
  viewSource: 'bundle' | 'preview' | 'as-written';
  /** For a retired entry, the ID it names as its replacement. */
  replacedBy?: string;
  /** Diagnostics in this entry's file. */
  diagnostics: Diagnostic[];
  /** The references as written (the view's are resolved), for the editors' notes. */
  rawReferences?: unknown;
  /** The kind's link fields (those holding entry IDs), as its schema declares them. */
  linkFields: string[];
}

export type CitationFlag = Verification | 'retracted' | 'corrected';

export interface CitationRow {
  /** `pmid:<n>` or `url:<url>`. */
  source: string;
  type: 'article' | 'web';
  title: string;
  citation: string;
  url: string;
  /** Every verification status the source has across the entries citing it, plus retracted / corrected. */
  flags: CitationFlag[];
  citedBy: { id: string; key: string }[];
}

/** A page where a declaration was read, or a tie seen, and when. */
export interface CoiPage {
  url: string;
  accessed: string;
  note?: string;
}

export interface CoiRow {
  entry: string;
  key: string;
  title: string;
  /** The paper's own declaration, or an industry tie recorded beside it. */
  source: 'declared' | 'tie';
  /** The declared sponsors, or the tie's party. */
  sponsors: string[];
  statement?: string;
  /** Where the declaration was read, or where the tie was seen. */
  pages: CoiPage[];
  /** The funding caveat that cites the reference and names a sponsor, when there is one. */
  surfacedBy?: string;
  /** The coi-unsurfaced diagnostic, when there is one. */
  diagnostic?: Diagnostic;
}

export type NextRelease =
  | { state: 'no-previous' }
  | { state: 'unchanged'; version: string }
  | { state: 'changes'; version: string; bump: Bump; changelog: Changelog; redirectsAdded: { from: string; to: string }[] }
  | { state: 'unavailable'; reason: string };

export interface ReportData {
  /** From the report folder to the library root, with forward slashes, e.g. `../..`. */
  rootHref: string;
  /** Rules that have a page under docs/rules/ in the root. */
  documentedRules: ReadonlySet<string>;
  /** Sorted by kind, then title, then ID. */
  entries: ReportEntry[];
  byId: ReadonlyMap<string, ReportEntry>;
  graph: GraphData;
  /** The graph's edges by entry, leaving and arriving (a self-link is in both): built once, so a page costs its own links, not the whole graph. */
  links: ReadonlyMap<string, { out: GraphData['edges']; in: GraphData['edges'] }>;
  diagnostics: Diagnostic[];
  summary: Summary;
  citations: CitationRow[];
  coi: CoiRow[];
  /** The rows of `coi` by entry ID. */
  coiByEntry: ReadonlyMap<string, CoiRow[]>;
  nextRelease: NextRelease;
  /** Errors would make `reflib build` refuse. */
  buildBlocked: boolean;
}

type Data = Record<string, unknown>;

/** The entry with its status replaced, for compiling a preview. */
function withStatus(e: LoadedEntry, status: string): LoadedEntry {
  return { ...e, data: { ...(e.data as Data), status } };
}

/** Compiles entries as if those with the given statuses were published. */
function compilePreview(checked: CheckedLibrary, statuses: readonly string[]): Map<string, BundleEntry> {
  const promote = (e: LoadedEntry) => (statuses.includes(statusOf(e) ?? '') ? withStatus(e, 'published') : e);
  const all = checked.library.entries.map(promote);
  const promoted = new Map(checked.library.entries.map((e, i) => [e, all[i]]));
  const graph = buildLinkGraph(all, checked.library.unreadableIds);
  // Only the promoted entries are compiled: the others' views come from elsewhere, and an entry's compile depends only on the graph.
  const valid = checked.valid.filter((e) => statuses.includes(statusOf(e) ?? '')).map((e) => promoted.get(e) ?? promote(e));
  return new Map(compileLibrary({ valid, graph, lock: checked.lock }).entries.map((e) => [e.id, e]));
}

function tryCompile<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The graph's edges by entry, leaving and arriving, in one pass. */
export function indexLinks(graph: GraphData): ReportData['links'] {
  const links = new Map<string, { out: GraphData['edges']; in: GraphData['edges'] }>();
  const linksOf = (id: string) => links.get(id) ?? links.set(id, { out: [], in: [] }).get(id)!;
  for (const edge of graph.edges) {
    linksOf(edge.from).out.push(edge);
    linksOf(edge.to).in.push(edge);
  }
  return links;
}

/** Groups items by a key, keeping their order: one pass. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Case-insensitive, then exact: the same order on every machine (no locale data involved). */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function byKindTitle(a: ReportEntry, b: ReportEntry): number {
  const ka = KIND_ORDER.indexOf(a.kind) >>> 0;
  const kb = KIND_ORDER.indexOf(b.kind) >>> 0;
  return ka - kb || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || compareText(a.title, b.title) || (a.id < b.id ? -1 : 1);
}

/**
 * The diagnostics as each entry page needs them: a finding about one PMID is
 * reported once, at its first citation (groupByPmid.ts), so every other
 * citation in `related` gets a copy placed there, pointing back at the first.
 * The dashboard's counts keep using the grouped list.
 */
function withEverySite(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const out = [...diagnostics];
  for (const d of diagnostics) {
    if (!PER_PMID_RULES.has(d.rule) || !d.related?.length) continue;
    const first = { file: d.file, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, message: 'first cited here, where this finding is reported' };
    for (const r of d.related) {
      const { message: _also, ...place } = r;
      out.push({ ...d, ...place, related: [first] });
    }
  }
  return out;
}

function collectEntries(checked: CheckedLibrary, real: CompiledLibrary | undefined): ReportEntry[] {
  const validSet = new Set(checked.valid);
  const bundle = new Map((real?.entries ?? []).map((e) => [e.id, e]));
  const needsPreview = checked.valid.some((e) => statusOf(e) !== 'published') || !real;
  const drafts = needsPreview ? tryCompile(() => compilePreview(checked, real ? ['draft', 'review'] : ['draft', 'review', 'published'])) : undefined;
  const retired = checked.valid.some((e) => statusOf(e) === 'retired') ? tryCompile(() => compilePreview(checked, ['draft', 'review', 'retired'])) : undefined;
  const diagnosticsByFile = groupBy(withEverySite(checked.result.diagnostics), (d) => d.file);
  const out: ReportEntry[] = [];
  for (const [id, e] of checked.graph.byId) {
    if (!PAGE_ID.test(id)) continue;
    const data = (e.data ?? {}) as Data;
    const status = statusOf(e) ?? 'unknown';
    const valid = validSet.has(e);
    let view: Record<string, unknown> | undefined;
    let viewSource: ReportEntry['viewSource'] = 'as-written';
    if (valid) {
      view = status === 'published' ? bundle.get(id) ?? drafts?.get(id) : status === 'retired' ? retired?.get(id) : drafts?.get(id);
      if (view) viewSource = status === 'published' && bundle.has(id) ? 'bundle' : 'preview';
    }
    out.push({
      id,
      kind: e.kind ?? 'unknown',
      title: titleOf(e) ?? id,
      status,
      file: e.file.path,
      summary: typeof data.summary === 'string' ? data.summary : undefined,
      updated: typeof data.updated === 'string' ? data.updated : undefined,
      valid,
      view: view ?? data,
      viewSource,
      replacedBy: typeof data.replaced_by === 'string' ? data.replaced_by : undefined,
      diagnostics: diagnosticsByFile.get(e.file.path) ?? [],
      rawReferences: data.references,
      linkFields: (linkFields().get(e.kind as Kind) ?? []).map((f) => f.field),
    });
  }
  return out.sort(byKindTitle);
}

const FLAG_ORDER: CitationFlag[] = ['verified', 'imported', 'transcribed', 'corroborated', 'unverified', 'mismatched', 'not-found', 'retracted', 'corrected'];

function flagsOf(r: ResolvedArticle): CitationFlag[] {
  const flags: CitationFlag[] = [r.verification];
  if (r.retracted) flags.push('retracted');
  const p = r.pubmedNotices;
  if (p.errata.length + p.expressionsOfConcern.length > 0 || r.notices.some((n) => n.type !== 'retraction')) flags.push('corrected');
  return flags;
}

function collectCitations(checked: CheckedLibrary, ids: ReadonlySet<string>): CitationRow[] {
  const rows = new Map<string, CitationRow>();
  for (const e of checked.valid) {
    if (!e.id || !ids.has(e.id)) continue;
    for (const ref of ((e.data as Data).references as Reference[] | undefined) ?? []) {
      const r: ResolvedReference | undefined = tryCompile(() => resolveReference(ref, checked.lock));
      if (!r) continue;
      const source = r.type === 'article' ? `pmid:${r.pmid}` : `url:${r.url}`;
      const row = rows.get(source) ?? { source, type: r.type, title: r.title, citation: r.citation, url: r.type === 'article' ? r.urls.pubmed : r.url, flags: [], citedBy: [] };
      if (r.type === 'article') for (const f of flagsOf(r)) if (!row.flags.includes(f)) row.flags.push(f);
      row.citedBy.push({ id: e.id, key: r.key });
      rows.set(source, row);
    }
  }
  const list = [...rows.values()];
  for (const row of list) {
    row.flags.sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
    row.citedBy.sort((a, b) => (a.id + a.key < b.id + b.key ? -1 : 1));
  }
  return list.sort((a, b) => compareText(a.title, b.title) || (a.source < b.source ? -1 : 1));
}

/** Declared conflicts of interest and industry ties, and whether each reaches readers: the coi-unsurfaced rule's own answer. */
function collectCoi(checked: CheckedLibrary, ids: ReadonlySet<string>): CoiRow[] {
  const rows: CoiRow[] = [];
  const unsurfaced = new Map(checked.result.diagnostics.filter((d) => d.rule === 'coi-unsurfaced').map((d) => [`${d.file}\0${d.data?.reference}\0${d.data?.tie ?? ''}`, d]));
  for (const e of checked.valid) {
    if (!e.id || !ids.has(e.id)) continue;
    for (const { ref, source, sponsors, surfacedBy } of findCoiSurfacing(e)) {
      const diagnostic = unsurfaced.get(`${e.file.path}\0${ref.key}\0${source === 'tie' ? sponsors[0] : ''}`);
      const tie = source === 'tie' ? ref.coi?.ties?.find((t) => t.party === sponsors[0]) : undefined;
      const statement = tie ? `Industry tie (not in the paper's own declaration): ${tie.relation}` : ref.coi?.statement;
      const pages: CoiPage[] = tie ? [tie.source] : [...(ref.coi?.sources ?? [])];
      rows.push({ entry: e.id, key: ref.key, title: ref.title, source, sponsors, statement, pages, surfacedBy: surfacedBy?.text, diagnostic });
    }
  }
  return rows.sort((a, b) => (a.entry + a.key < b.entry + b.key ? -1 : 1));
}

/** What `reflib build` would release next, compared with the newest release in dist/. */
function collectNextRelease(compiled: CompiledLibrary | undefined, releases: readonly Manifest[]): NextRelease {
  const previous = releases[releases.length - 1];
  if (!previous) return { state: 'no-previous' };
  if (!compiled) return { state: 'unavailable', reason: 'the library could not be compiled' };
  // Provenance does not affect the version or the changelog; a fixed value keeps the report deterministic.
  const release = tryCompile(() => planRelease(compiled, { manifest: previous }, { sourceCommit: null, created: previous.created }));
  if (!release) return { state: 'unavailable', reason: 'the release could not be assembled' };
  if (release.bump === 'none') return { state: 'unchanged', version: release.version };
  // Retiring an entry that was never released adds a redirect (a minor release) that the changelog does not list.
  const listed = new Set(release.changelog.retired.map((r) => r.id));
  const redirectsAdded = Object.entries(release.manifest.redirects)
    .filter(([from, to]) => previous.redirects[from] !== to && !listed.has(from))
    .map(([from, to]) => ({ from, to }))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  return { state: 'changes', version: release.version, bump: release.bump, changelog: release.changelog, redirectsAdded };
}

export interface CollectOptions {
  /** From the report folder to the library root, with forward slashes. */
  rootHref: string;
  /** Manifests of the releases in dist/, oldest first. */
  releases: readonly Manifest[];
  documentedRules?: ReadonlySet<string>;
}

/** Collects everything the report shows. */
export function collectReportData(checked: CheckedLibrary, options: CollectOptions): ReportData {
  const real = tryCompile(() => compileLibrary(checked));
  const entries = collectEntries(checked, real);
  const ids = new Set(entries.map((e) => e.id));
  const graph = graphData(checked.graph);
  graph.nodes = graph.nodes.filter((n) => ids.has(n.id));
  graph.edges = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const coi = collectCoi(checked, ids);
  return {
    rootHref: options.rootHref,
    documentedRules: options.documentedRules ?? new Set(),
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    graph,
    diagnostics: checked.result.diagnostics,
    summary: checked.result.summary,
    citations: collectCitations(checked, ids),
    coi,
    coiByEntry: groupBy(coi, (c) => c.entry),
    links: indexLinks(graph),
    nextRelease: collectNextRelease(real, options.releases),
    buildBlocked: checked.result.summary.errors > 0,
  };
}
