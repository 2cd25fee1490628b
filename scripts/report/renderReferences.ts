/**
 * An entry's references as readers see them: the formatted citation, its
 * verification status, retraction and correction notices, the funding
 * declaration, and links to PubMed, the DOI and PMC.
 */
import { escapeHtml } from './escapeHtml';
import { badge, coiBadge, verificationBadge } from './renderBadges';
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

const NOTICE_LABEL: Record<string, string> = { retraction: 'Retraction', erratum: 'Erratum', 'expression-of-concern': 'Expression of concern' };

function renderArticle(r: Data, note: string | undefined): string {
  const badges: string[] = [verificationBadge(str(r.verification) ?? 'unverified')];
  const pn = isRecord(r.pubmedNotices) ? r.pubmedNotices : {};
  const retractions = list(pn.retractions);
  const errata = list(pn.errata);
  const concerns = list(pn.expressionsOfConcern);
  const notices = Array.isArray(r.notices) ? r.notices.filter(isRecord) : [];
  if (r.retracted === true) badges.push(verificationBadge('retracted'));
  if (errata.length || notices.some((n) => n.type === 'erratum')) badges.push(badge('Erratum', 'warn', 'PubMed lists an erratum for this paper.'));
  if (concerns.length || notices.some((n) => n.type === 'expression-of-concern')) badges.push(badge('Expression of concern', 'warn', 'PubMed lists an expression of concern for this paper.'));
  const coi = isRecord(r.coi) ? r.coi : undefined;
  badges.push(coiBadge(coi as { status?: string; sponsors?: string[] } | undefined));
  const out = [`<p class="citation">${escapeHtml(str(r.citation) ?? str(r.title) ?? '')}</p>`, `<div class="badges">${badges.join('')}</div>`];
  const acknowledged = new Set(notices.map((n) => String(n.pmid)));
  const items = notices.map((n) => `<li><strong>${escapeHtml(NOTICE_LABEL[String(n.type)] ?? String(n.type))}</strong> (PMID ${escapeHtml(String(n.pmid))}): ${escapeHtml(String(n.note ?? ''))}</li>`);
  const unacknowledged = [
    ...retractions.map((p) => ['a retraction', p]),
    ...errata.map((p) => ['an erratum', p]),
    ...concerns.map((p) => ['an expression of concern', p]),
  ].filter(([, p]) => !acknowledged.has(p));
  for (const [what, p] of unacknowledged) items.push(`<li>PubMed lists ${what} (${escapeHtml(/^\d+$/.test(p) ? `PMID ${p}` : p)}) that this entry does not acknowledge.</li>`);
  if (items.length) out.push(`<ul class="plain small">${items.join('')}</ul>`);
  if (coi && typeof coi.statement === 'string') out.push(`<p class="small"><strong>Funding and interests:</strong> ${escapeHtml(coi.statement)}</p>`);
  const urls = isRecord(r.urls) ? r.urls : {};
  const links = [
    typeof urls.pubmed === 'string' ? externalLink(urls.pubmed, `PubMed ${String(r.pmid ?? '')}`.trim()) : '',
    typeof urls.doi === 'string' ? externalLink(urls.doi, 'DOI') : '',
    typeof urls.pmc === 'string' ? externalLink(urls.pmc, 'PMC full text') : '',
  ].filter(Boolean);
  if (links.length) out.push(`<p class="small">${links.join(' · ')}</p>`);
  if (note) out.push(`<p class="small"><strong>Editor’s note</strong> (not shown to readers): ${escapeHtml(note)}</p>`);
  return out.join('\n');
}

function renderWeb(r: Data, note: string | undefined): string {
  const out = [`<p class="citation">${escapeHtml(str(r.citation) ?? str(r.title) ?? '')}</p>`, `<div class="badges">${badge('Web source', 'muted', 'Not in PubMed: cited by URL and access date.')}</div>`];
  if (typeof r.url === 'string') out.push(`<p class="small">${externalLink(r.url, r.url)}</p>`);
  if (note) out.push(`<p class="small"><strong>Editor’s note</strong> (not shown to readers): ${escapeHtml(note)}</p>`);
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
