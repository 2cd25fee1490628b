/**
 * An entry's references as readers see them: the formatted citation (and its
 * English title), its verification status, retraction and correction notices
 * (and whether an editor has read each), the funding declaration with where
 * it was read (or looked for), industry ties outside it, the note for
 * readers, and links to PubMed, the DOI and PMC. The editors' own note is
 * shown too, marked as never shipped.
 */
import { escapeHtml, escapeUrl } from './escapeHtml';
import { badge, coiBadge, tieBadge, verificationBadge } from './renderBadges';
import { externalLink, isRecord, str } from './renderValue';

type Data = Record<string, unknown>;

/** Reference key → its number in the list (1-based), for `cite: [key]`. */
export function numberReferences(references: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (Array.isArray(references)) references.forEach((r, i) => isRecord(r) && typeof r.key === 'string' && !out.has(r.key) && out.set(r.key, i + 1));
  return out;
}

/** `[1, 3]` after a statement, linking to the references. */
export function renderCites(cite: unknown, numbers: ReadonlyMap<string, number>): string {
  if (!Array.isArray(cite) || cite.length === 0) return '';
  const parts = cite.map((key) => {
    const n = typeof key === 'string' ? numbers.get(key) : undefined;
    if (n === undefined) return `<span class="xref-broken" title="${escapeHtml(`No reference has the key ${String(key)}`)}">${escapeHtml(String(key))}</span>`;
    return `<a href="#ref-${n}" title="${escapeHtml(String(key))}" aria-label="${escapeHtml(`Reference ${n}`)}">${n}</a>`;
  });
  return ` <span class="cites">[${parts.join(', ')}]</span>`;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const records = (v: unknown): Data[] => (Array.isArray(v) ? v.filter(isRecord) : []);

const NOTICE_LABEL: Record<string, string> = { retraction: 'Retraction', erratum: 'Erratum', 'expression-of-concern': 'Expression of concern' };

/**
 * A link to a page the editors read, shown by its host, with the full address
 * as its tooltip. A URL that is not http(s) is shown as text and never linked.
 */
export function pageLink(url: unknown): string {
  const text = typeof url === 'string' ? url : '';
  let host: string | undefined;
  try {
    const parsed = new URL(text);
    host = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined;
  } catch {
    host = undefined;
  }
  if (!host) return `<span class="mono">${escapeHtml(text || 'an unnamed page')}</span>`;
  return `<a href="${escapeUrl(text)}" rel="noopener noreferrer" title="${escapeHtml(text)}">${escapeHtml(host)}</a>`;
}

/** `<link> on 2026-12-06 (the note)`. */
function pageRead(page: Data): string {
  const note = str(page.note);
  return `${pageLink(page.url)} on ${escapeHtml(str(page.accessed) ?? 'an unknown date')}${note ? ` (${escapeHtml(note)})` : ''}`;
}

const SOURCES_LEAD: Record<string, string> = { declared: 'Read at ', 'none-declared': 'Read at ', 'not-found': 'None found; looked for at: ' };

/** The declaration's statement, where it was read (or looked for), when, and the industry ties outside it. */
function renderCoiDetails(coi: Data | undefined): string[] {
  if (!coi) return [];
  const out: string[] = [];
  if (typeof coi.statement === 'string') out.push(`<p class="small"><strong>Funding and interests:</strong> ${escapeHtml(coi.statement)}</p>`);
  const sources = records(coi.sources);
  const checked = str(coi.checked);
  if (sources.length || checked) {
    const lead = SOURCES_LEAD[String(coi.status)] ?? 'Pages listed: ';
    const where = sources.length ? `${lead}${sources.map(pageRead).join('; ')}.` : '';
    out.push(`<p class="small coi-sources">${where}${where && checked ? ' ' : ''}${checked ? `Checked ${escapeHtml(checked)}.` : ''}</p>`);
  }
  const ties = records(coi.ties).map((t) => {
    const source = isRecord(t.source) ? t.source : {};
    const note = str(source.note);
    const seen = `seen at ${pageLink(source.url)} on ${escapeHtml(str(source.accessed) ?? 'an unknown date')}${note ? `; ${escapeHtml(note)}` : ''}`;
    return `<li><strong>Industry tie:</strong> ${escapeHtml(String(t.party ?? ''))} — ${escapeHtml(String(t.relation ?? ''))} <span class="small">(${seen})</span></li>`;
  });
  if (ties.length) out.push(`<ul class="plain small coi-ties">${ties.join('')}</ul>`);
  return out;
}

/** A badge per industry tie. */
function tieBadges(coi: Data | undefined): string[] {
  return records(coi?.ties).map((t) => tieBadge(String(t.party ?? ''), str(t.relation)));
}

/** Whether an editor has read a notice: not yet (readers are told so), or where and when. */
function readState(read: unknown): string {
  if (read === false) return ` ${badge('Not read yet', 'warn', 'No editor has read this notice; readers are shown it, and told it has not been read.')}`;
  if (isRecord(read)) return ` <span class="small">Read on ${escapeHtml(str(read.accessed) ?? 'an unknown date')} at ${pageLink(read.url)}${str(read.note) ? ` (${escapeHtml(str(read.note)!)})` : ''}.</span>`;
  return '';
}

/** The English title of a source not in English, and the editors' note for readers. */
function renderReaderLines(r: Data): string[] {
  const out: string[] = [];
  if (typeof r.titleEnglish === 'string') out.push(`<p class="small">English title: ${escapeHtml(r.titleEnglish)}</p>`);
  if (typeof r.readerNote === 'string') out.push(`<p class="small"><strong>Note for readers:</strong> ${escapeHtml(r.readerNote)}</p>`);
  return out;
}

const editorNote = (note: string) => `<p class="small"><strong>Editor’s note</strong> (not shown to readers): ${escapeHtml(note)}</p>`;

function renderArticle(r: Data, note: string | undefined): string {
  const badges: string[] = [verificationBadge(str(r.verification) ?? 'unverified')];
  const pn = isRecord(r.pubmedNotices) ? r.pubmedNotices : {};
  const retractions = list(pn.retractions);
  const errata = list(pn.errata);
  const concerns = list(pn.expressionsOfConcern);
  const notices = records(r.notices);
  if (r.retracted === true) badges.push(verificationBadge('retracted'));
  if (errata.length || notices.some((n) => n.type === 'erratum')) badges.push(badge('Erratum', 'warn', 'PubMed lists an erratum for this paper.'));
  if (concerns.length || notices.some((n) => n.type === 'expression-of-concern')) badges.push(badge('Expression of concern', 'warn', 'PubMed lists an expression of concern for this paper.'));
  const coi = isRecord(r.coi) ? r.coi : undefined;
  badges.push(coiBadge(coi as { status?: string; sponsors?: string[] } | undefined), ...tieBadges(coi));
  const out = [`<p class="citation">${escapeHtml(str(r.citation) ?? str(r.title) ?? '')}</p>`, ...renderReaderLines(r), `<div class="badges">${badges.join('')}</div>`];
  const acknowledged = new Set(notices.map((n) => String(n.pmid)));
  const items = notices.map((n) => `<li><strong>${escapeHtml(NOTICE_LABEL[String(n.type)] ?? String(n.type))}</strong> (PMID ${escapeHtml(String(n.pmid))}): ${escapeHtml(String(n.note ?? ''))}${readState(n.read)}</li>`);
  const unacknowledged = [
    ...retractions.map((p) => ['a retraction', p]),
    ...errata.map((p) => ['an erratum', p]),
    ...concerns.map((p) => ['an expression of concern', p]),
  ].filter(([, p]) => !acknowledged.has(p));
  for (const [what, p] of unacknowledged) items.push(`<li>PubMed lists ${what} (${escapeHtml(/^\d+$/.test(p) ? `PMID ${p}` : p)}) that this entry does not acknowledge.</li>`);
  if (items.length) out.push(`<ul class="plain small">${items.join('')}</ul>`);
  out.push(...renderCoiDetails(coi));
  const urls = isRecord(r.urls) ? r.urls : {};
  const links = [
    typeof urls.pubmed === 'string' ? externalLink(urls.pubmed, `PubMed ${String(r.pmid ?? '')}`.trim()) : '',
    typeof urls.doi === 'string' ? externalLink(urls.doi, 'DOI') : '',
    typeof urls.pmc === 'string' ? externalLink(urls.pmc, 'PMC full text') : '',
  ].filter(Boolean);
  if (links.length) out.push(`<p class="small">${links.join(' · ')}</p>`);
  if (note) out.push(editorNote(note));
  return out.join('\n');
}

function renderWeb(r: Data, note: string | undefined): string {
  // A study cited by its page carries a declaration; other pages have none.
  const coi = isRecord(r.coi) ? r.coi : undefined;
  const badges = [badge('Web source', 'muted', 'Not in PubMed: cited by URL and access date.'), ...(coi ? [coiBadge(coi as { status?: string; sponsors?: string[] }), ...tieBadges(coi)] : [])];
  const out = [`<p class="citation">${escapeHtml(str(r.citation) ?? str(r.title) ?? '')}</p>`, ...renderReaderLines(r), `<div class="badges">${badges.join('')}</div>`];
  out.push(...renderCoiDetails(coi));
  if (typeof r.url === 'string') out.push(`<p class="small">${externalLink(r.url, r.url)}</p>`);
  if (note) out.push(editorNote(note));
  return out.join('\n');
}

/** The numbered reference list. `raw` is the references as written, for the editors' notes. */
export function renderReferences(references: unknown, raw: unknown): string {
  if (!Array.isArray(references) || references.length === 0) return '<p>No references.</p>';
  const notes = new Map<string, string>();
  if (Array.isArray(raw)) for (const r of raw) if (isRecord(r) && typeof r.key === 'string' && typeof r.note === 'string') notes.set(r.key, r.note);
  const items = references.map((r, i) => {
    if (!isRecord(r)) return `<li id="ref-${i + 1}">${escapeHtml(String(r))}</li>`;
    const note = typeof r.key === 'string' ? notes.get(r.key) : undefined;
    return `<li id="ref-${i + 1}">${r.type === 'web' ? renderWeb(r, note) : renderArticle(r, note)}</li>`;
  });
  return `<ol class="refs">\n${items.join('\n')}\n</ol>`;
}
