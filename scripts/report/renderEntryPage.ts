/**
 * One page per entry, as a reader of an app would see it: title, summary,
 * the kind's fields as readable sections, links to other entries, formatted
 * citations with their status, and conflict-of-interest caveats up front.
 * Reviewers also get the entry's status, its findings, and its place in the
 * link graph.
 */
import type { PageContext } from './createPageContext';
import type { ReportEntry } from './collectReportData';
import { escapeHtml, escapeUrl } from './escapeHtml';
import type { GraphLayout } from './layoutGraph';
import { badge, humanize, kindBadge, kindLabel, statusBadge } from './renderBadges';
import { renderDiagnosticsTable } from './renderDiagnostics';
import { renderGraphSvg } from './renderGraphSvg';
import { renderPage } from './renderPage';
import { renderInline, renderProse } from './renderProse';
import { numberReferences, renderCites, renderReferences } from './renderReferences';
import { formatQuantity, isQuantity, isRecord, renderEntryLink, renderValue } from './renderValue';
import { renderGraphLegend } from './renderGraphLegend';

type Data = Record<string, unknown>;
type Cites = ReadonlyMap<string, number>;

/** Fields every kind has, rendered in the page frame rather than as sections. */
const FRAME = new Set(['id', 'kind', 'title', 'status', 'replaced_by', 'updated', 'summary', 'tags', 'references', 'caveats', 'backlinks']);

const section = (id: string, title: string, body: string) => `<section class="card" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(title)}</h2>\n${body}\n</section>`;
const items = (v: unknown): Data[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const prose = (v: unknown, ctx: PageContext) => (typeof v === 'string' ? renderProse(v, ctx.links) : renderValue(v, ctx));
const inline = (v: unknown, ctx: PageContext) => (typeof v === 'string' ? renderInline(v, ctx.links) : renderValue(v, ctx));

function fieldRows(rows: [string, string | undefined][]): string {
  const kept = rows.filter(([, html]) => html);
  return kept.length ? `<dl class="fields">${kept.map(([k, html]) => `<dt>${escapeHtml(k)}</dt><dd>${html}</dd>`).join('')}</dl>` : '';
}

function quantity(v: unknown): string | undefined {
  return isQuantity(v) ? escapeHtml(formatQuantity(v as Data)) : undefined;
}

const RATING_TONE: Record<string, 'good' | 'info' | 'warn' | 'muted'> = { high: 'good', moderate: 'info', low: 'warn', unknown: 'muted' };

function rating(v: unknown, ctx: PageContext): string | undefined {
  if (!isRecord(v) || typeof v.rating !== 'string') return undefined;
  const note = typeof v.note === 'string' ? ` ${renderInline(v.note, ctx.links)}` : '';
  return `${badge(humanize(v.rating), RATING_TONE[v.rating] ?? 'muted')}${note}`;
}

function bullets(v: unknown, ctx: PageContext): string | undefined {
  return Array.isArray(v) && v.length ? `<ul>${v.map((x) => `<li>${inline(x, ctx)}</li>`).join('')}</ul>` : undefined;
}

/** The sections of a topic. */
function renderTopic(v: Data, ctx: PageContext, cites: Cites): [string[], string[]] {
  const out: string[] = [];
  if (v.overview !== undefined) out.push(section('overview', 'Overview', `<div class="prose">${prose(v.overview, ctx)}</div>`));
  const mechanisms = items(v.mechanisms);
  if (mechanisms.length) {
    const body = mechanisms.map((m) => {
      const pathways = items(m.pathways).map((p) => [String(p.name ?? ''), prose(p.description, ctx)] as [string, string]);
      return `<div class="item"><h3>${escapeHtml(String(m.from ?? ''))} → ${escapeHtml(String(m.to ?? ''))}${renderCites(m.cite, cites)}</h3><div class="prose">${prose(m.description, ctx)}</div>${pathways.length ? `<h4 class="small">Pathways</h4>${fieldRows(pathways)}` : ''}</div>`;
    });
    out.push(section('mechanisms', 'How it works', body.join('\n')));
  }
  const evidence = items(v.evidence);
  if (evidence.length) {
    const body = evidence.map((s) => {
      const rows = fieldRows([
        ['Participants', typeof s.participants === 'number' ? escapeHtml(String(s.participants)) : undefined],
        ['Population', s.population !== undefined ? inline(s.population, ctx) : undefined],
        ['Duration', quantity(s.duration)],
        ['Dose', quantity(s.dose)],
        ['Intervention', s.intervention !== undefined ? prose(s.intervention, ctx) : undefined],
        ['Outcome', s.outcome !== undefined ? prose(s.outcome, ctx) : undefined],
      ]);
      const limit = typeof s.caveat === 'string' ? `<p class="limit"><strong>Limitation:</strong> ${renderInline(s.caveat, ctx.links)}</p>` : '';
      return `<div class="item"><h3>${escapeHtml(String(s.design ?? 'Study'))}${renderCites(s.cite, cites)}</h3>${rows}${limit}</div>`;
    });
    out.push(section('evidence', 'Evidence', body.join('\n')));
  }
  const guidance = items(v.guidance);
  if (guidance.length) {
    const body = guidance.map((g) => {
      const when = isQuantity(g.timeframe) ? ` ${badge(formatQuantity(g.timeframe as Data)!, 'info', 'Timeframe')}` : '';
      return `<li>${inline(g.text, ctx)}${when}${renderCites(g.cite, cites)}</li>`;
    });
    out.push(section('guidance', 'What to do', `<ul class="prose">${body.join('')}</ul>`));
  }
  items(v.sections).forEach((s, i) => {
    out.push(section(`section-${i + 1}`, String(s.heading ?? `Section ${i + 1}`), `<div class="prose">${prose(s.body, ctx)}</div>${renderCites(s.cite, cites) ? `<p class="small">Sources:${renderCites(s.cite, cites)}</p>` : ''}`));
  });
  return [out, ['overview', 'mechanisms', 'evidence', 'guidance', 'sections']];
}

function renderForms(v: Data, ctx: PageContext, cites: Cites): [string[], string[]] {
  const out: string[] = [];
  if (v.overview !== undefined) out.push(section('overview', 'How to read this comparison', `<div class="prose">${prose(v.overview, ctx)}</div>`));
  const forms = items(v.forms);
  if (forms.length) {
    const elemental = (f: Data, withNotes = true) => {
      const e = isRecord(f.elemental) ? f.elemental : undefined;
      const amount = e && isQuantity(e.amount) ? formatQuantity(e.amount as Data, false) : undefined;
      const salt = e && isQuantity(e.per_salt) ? formatQuantity(e.per_salt as Data, false) : undefined;
      const notes = e ? [e.amount, e.per_salt].map((q) => (isRecord(q) && typeof q.note === 'string' ? q.note : '')).filter(Boolean) : [];
      if (!amount) return undefined;
      return `${escapeHtml(`${amount}${salt ? ` per ${salt} of salt` : ''}`)}${withNotes && notes.length ? `<span class="hint">${escapeHtml(notes.join(' '))}</span>` : ''}`;
    };
    const glance = forms.map((f) => {
      const r = (x: unknown) => (isRecord(x) && typeof x.rating === 'string' ? badge(humanize(x.rating), RATING_TONE[x.rating] ?? 'muted') : '—');
      return `<tr><th scope="row">${escapeHtml(humanize(String(f.form ?? '')))}</th><td>${escapeHtml(String(f.salt ?? ''))}</td><td>${r(f.absorption)}</td><td>${r(f.brain_penetration)}</td><td>${elemental(f, false) ?? '—'}</td></tr>`;
    });
    const table = `<div class="table-wrap"><table><caption>Ratings are coarse and relative; “unknown” means the sources do not settle it.</caption><thead><tr><th scope="col">Form</th><th scope="col">Salt</th><th scope="col">Absorption</th><th scope="col">Brain penetration</th><th scope="col">Elemental content</th></tr></thead><tbody>${glance.join('')}</tbody></table></div>`;
    const cards = forms.map((f) => {
      const rows = fieldRows([
        ['Salt', f.salt !== undefined ? inline(f.salt, ctx) : undefined],
        ['Elemental content', elemental(f)],
        ['Absorption', rating(f.absorption, ctx)],
        ['Brain penetration', rating(f.brain_penetration, ctx)],
        ['Suits', bullets(f.suits, ctx)],
        ['Not for', bullets(f.not_for, ctx)],
        ['Note', f.note !== undefined ? prose(f.note, ctx) : undefined],
      ]);
      return `<div class="item"><h3>${escapeHtml(humanize(String(f.form ?? 'Form')))}${renderCites(f.cite, cites)}</h3>${rows}</div>`;
    });
    const nutrient = typeof v.nutrient === 'string' ? `<p>Forms of <strong>${escapeHtml(v.nutrient)}</strong> compared.</p>` : '';
    out.push(section('forms', 'The forms at a glance', `${nutrient}${table}`));
    out.push(section('each-form', 'Each form', cards.join('\n')));
  }
  return [out, ['nutrient', 'overview', 'forms']];
}

const EVIDENCE_TONE: Record<string, 'good' | 'info' | 'warn' | 'bad'> = { strong: 'good', moderate: 'info', limited: 'warn', theoretical: 'warn' };
const SEVERITY_TONE: Record<string, 'info' | 'warn' | 'bad'> = { low: 'info', moderate: 'warn', high: 'bad' };
const VERDICT_TONE: Record<string, 'info' | 'warn' | 'bad'> = { incorrect: 'bad', unsupported: 'warn', misleading: 'warn', oversimplified: 'info' };

function sources(v: Data, cites: Cites): string {
  const c = renderCites(v.cite, cites);
  return c ? `<p class="small">Sources:${c}</p>` : '';
}

function renderInteraction(v: Data, ctx: PageContext, cites: Cites): [string[], string[]] {
  const agents = Array.isArray(v.agents) ? `<ul class="chips">${v.agents.map((a) => `<li>${escapeHtml(String(a))}</li>`).join('')}</ul>` : '';
  const level = typeof v.evidence_level === 'string' ? badge(`Evidence: ${v.evidence_level}`, EVIDENCE_TONE[v.evidence_level] ?? 'muted') : '';
  const out = [
    section('interaction', 'What interacts', `${fieldRows([['Agents', agents || undefined], ['Evidence level', level || undefined]])}`),
    section('issue', 'What happens', `<div class="prose">${prose(v.issue, ctx)}</div>`),
    section('guidance', 'What to do', `<div class="prose">${prose(v.guidance, ctx)}</div>${sources(v, cites)}`),
  ];
  return [out, ['agents', 'evidence_level', 'issue', 'guidance', 'cite']];
}

function renderCaution(v: Data, ctx: PageContext, cites: Cites): [string[], string[]] {
  const t = isRecord(v.threshold) ? v.threshold : undefined;
  const threshold = t ? escapeHtml(`${String(t.measure ?? '')} ${String(t.comparator ?? '')} ${String(t.value ?? '')} ${String(t.unit ?? '')}`.trim()) : undefined;
  const severity = typeof v.severity === 'string' ? badge(`${humanize(v.severity)} severity`, SEVERITY_TONE[v.severity] ?? 'warn') : undefined;
  const out = [
    section('population', 'Who this is for', `<div class="prose">${prose(v.population, ctx)}</div>${fieldRows([['Threshold', threshold], ['Severity', severity]])}`),
    section('caution', 'The risk', `<div class="prose">${prose(v.caution, ctx)}</div>`),
    section('guidance', 'What to do', `<div class="prose">${prose(v.guidance, ctx)}</div>${sources(v, cites)}`),
  ];
  return [out, ['population', 'threshold', 'severity', 'caution', 'guidance', 'cite']];
}

function renderMisconception(v: Data, ctx: PageContext, cites: Cites): [string[], string[]] {
  const verdict = typeof v.verdict === 'string' ? `<p>Verdict: ${badge(humanize(v.verdict), VERDICT_TONE[v.verdict] ?? 'warn')}</p>` : '';
  const out = [
    section('claim', 'The claim', `<blockquote class="claim">${prose(v.claim, ctx)}</blockquote>${verdict}`),
    section('correction', 'What the evidence says', `<div class="prose">${prose(v.correction, ctx)}</div>${sources(v, cites)}`),
  ];
  return [out, ['claim', 'verdict', 'correction', 'cite']];
}

const KIND_RENDERERS: Record<string, (v: Data, ctx: PageContext, cites: Cites) => [string[], string[]]> = {
  topic: renderTopic,
  'form-comparison': renderForms,
  interaction: renderInteraction,
  'population-caution': renderCaution,
  misconception: renderMisconception,
};

/** Funding caveats and declared conflicts of interest, shown before the content. */
function renderFunding(entry: ReportEntry, v: Data, ctx: PageContext, cites: Cites): string {
  const funding = items(v.caveats).filter((c) => c.type === 'funding');
  const unsurfaced = (ctx.data.coiByEntry.get(entry.id) ?? []).filter((c) => !c.surfacedBy);
  if (!funding.length && !unsurfaced.length) return '';
  const list = funding.map((c) => `<li>${inline(c.text, ctx)}${renderCites(c.cite, cites)}</li>`);
  const missing = unsurfaced.map((c) =>
    c.source === 'tie'
      ? `<li><strong>Not surfaced:</strong> ${escapeHtml(c.key)} has an industry tie to ${escapeHtml(c.sponsors.join(', '))}${c.statement ? ` (“${escapeHtml(c.statement)}”)` : ''}, but no funding caveat cites it and names the party.</li>`
      : `<li><strong>Not surfaced:</strong> ${escapeHtml(c.key)} declares ${escapeHtml(c.sponsors.join(', ') || 'a conflict of interest')}${c.statement ? ` (“${escapeHtml(c.statement)}”)` : ''}, but no funding caveat cites it and names the sponsor.</li>`,
  );
  const cls = unsurfaced.length ? 'danger' : 'funding';
  return `<section class="callout ${cls}" id="funding" aria-labelledby="funding-h"><h2 id="funding-h">Funding and conflicts of interest</h2><ul>${[...missing, ...list].join('')}</ul></section>`;
}

function renderOtherCaveats(v: Data, ctx: PageContext, cites: Cites): string {
  const caveats = items(v.caveats).filter((c) => c.type !== 'funding');
  if (!caveats.length) return '';
  const tone = (t: unknown) => (t === 'safety' ? 'bad' : 'info');
  const body = caveats.map((c) => `<li>${badge(humanize(String(c.type ?? 'caveat')), tone(c.type))} ${inline(c.text, ctx)}${renderCites(c.cite, cites)}</li>`);
  return section('caveats', 'Caveats', `<ul class="plain prose">${body.join('')}</ul>`);
}

/** Figures the entry gives without a citation on purpose, with the reasons (shipped to apps as they are). */
function renderEditorialFigures(v: Data): string {
  const figures = items(v.editorial_figures);
  if (!figures.length) return '';
  const body = figures.map((f) => `<li><strong>${escapeHtml(String(f.figure ?? ''))}</strong> — ${escapeHtml(String(f.reason ?? ''))}</li>`);
  return section('editorial-figures', 'Figures without a citation', `<p class="small">Given without a citation on purpose (rule <code>uncited-figure</code>); apps show these with the reasons.</p><ul class="plain prose">${body.join('')}</ul>`);
}

function renderStatusNote(entry: ReportEntry, ctx: PageContext): string {
  if (!entry.valid) return `<div class="callout danger" role="note"><p><strong>Does not match its schema.</strong> Apps cannot get this entry until it does; it is shown as written. See the findings below.</p></div>`;
  if (entry.status === 'draft' || entry.status === 'review') {
    const what = entry.status === 'draft' ? 'Draft' : 'In review';
    return `<div class="callout note" role="note"><p><strong>${what}: not published.</strong> Apps do not get this entry yet. It is shown here as they would show it once published.</p></div>`;
  }
  if (entry.status === 'retired') {
    const to = entry.replacedBy ? renderEntryLink(entry.replacedBy, ctx) : 'no replacement (see the findings)';
    return `<div class="callout note" role="note"><p><strong>Retired.</strong> Apps redirect readers to ${to}. Its last content is shown below.</p></div>`;
  }
  if (entry.viewSource !== 'bundle') return `<div class="callout note" role="note"><p>The library could not be compiled, so this page shows the entry as it would be published.</p></div>`;
  return '';
}

function renderTags(v: Data): string {
  if (!isRecord(v.tags)) return '';
  const rows = Object.entries(v.tags)
    .filter(([, list]) => Array.isArray(list) && list.length)
    .map(([group, list]) => [humanize(group), `<ul class="chips">${(list as unknown[]).map((t) => `<li>${escapeHtml(String(t))}</li>`).join('')}</ul>`] as [string, string]);
  return rows.length ? fieldRows(rows) : '';
}

/** Link fields, then every entry that links here (any status, with the fields). */
function renderLinks(entry: ReportEntry, v: Data, ctx: PageContext): string {
  const parts: string[] = [];
  for (const field of entry.linkFields) {
    const value = v[field];
    const targets = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    if (!targets.length) continue;
    parts.push(`<h3>${escapeHtml(humanize(field))}</h3><ul class="plain">${targets.map((t) => `<li>${renderEntryLink(t, ctx)}</li>`).join('')}</ul>`);
  }
  const incoming = new Map<string, string[]>();
  for (const e of ctx.data.links.get(entry.id)?.in ?? []) {
    if (e.from === entry.id) continue;
    const fields = incoming.get(e.from);
    if (fields) fields.push(e.field);
    else incoming.set(e.from, [e.field]);
  }
  const from = [...incoming].sort(([a], [b]) => (a < b ? -1 : 1));
  parts.push(`<h3>Linked from</h3>${from.length ? `<ul class="plain">${from.map(([id, fields]) => `<li>${renderEntryLink(id, ctx)} <span class="small">in ${escapeHtml(fields.join(', '))}</span></li>`).join('')}</ul>` : '<p class="small">No entry links here.</p>'}`);
  return section('links', 'Links', parts.join('\n'));
}

/** The page for one entry. */
/** `overview`: graph.html draws an overview of the graph, not every entry. */
export function renderEntryPage(entry: ReportEntry, ctx: PageContext, layout: GraphLayout, overview = false): string {
  const v = entry.view;
  const asWritten = entry.viewSource === 'as-written';
  const cites = numberReferences(v.references);
  const meta = [
    kindBadge(entry.kind),
    statusBadge(entry.status),
    `<span>ID <code>${escapeHtml(entry.id)}</code></span>`,
    entry.updated ? `<span>Updated ${escapeHtml(entry.updated)}</span>` : '',
    `<a class="mono" href="${escapeUrl(ctx.fileHref(entry.file))}">${escapeHtml(entry.file)}</a>`,
  ].filter(Boolean);
  const parts: string[] = [
    `<nav class="crumbs" aria-label="Breadcrumb"><a href="../index.html">Dashboard</a> › <a href="../index.html#entries">${escapeHtml(kindLabel(entry.kind, true))}</a></nav>`,
    `<h1>${escapeHtml(entry.title)}</h1>`,
    `<div class="meta">${meta.join('')}</div>`,
    renderStatusNote(entry, ctx),
    entry.summary ? `<p class="summary">${renderInline(entry.summary, ctx.links)}</p>` : '',
    renderTags(v),
  ];
  if (!asWritten) parts.push(renderFunding(entry, v, ctx, cites));
  const findings = entry.diagnostics.length
    ? renderDiagnosticsTable(entry.diagnostics, ctx, `${entry.diagnostics.length} finding${entry.diagnostics.length === 1 ? '' : 's'} in ${entry.file}.`)
    : `<p>No findings in <code>${escapeHtml(entry.file)}</code>.</p>`;
  parts.push(section('findings', 'Review findings', findings));
  const handled = new Set([...FRAME, ...entry.linkFields]);
  if (!asWritten) handled.add('editorial_figures');
  const renderer = asWritten ? undefined : KIND_RENDERERS[entry.kind];
  if (renderer) {
    const [sections, fields] = renderer(v, ctx, cites);
    for (const s of sections) parts.push(s);
    for (const f of fields) handled.add(f);
  }
  // Anything else the entry holds (a field this report does not know yet, or an invalid entry), generically.
  for (const [key, value] of Object.entries(v)) {
    if (handled.has(key) || value === undefined) continue;
    parts.push(section(`field-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`, humanize(key), renderValue(value, ctx)));
  }
  if (!asWritten) parts.push(renderOtherCaveats(v, ctx, cites));
  else if (v.caveats !== undefined) parts.push(section('caveats', 'Caveats', renderValue(v.caveats, ctx)));
  if (!asWritten) parts.push(renderEditorialFigures(v));
  parts.push(renderLinks(entry, v, ctx));
  parts.push(section('references', 'References', asWritten ? renderValue(v.references, ctx) : renderReferences(v.references, entry.rawReferences)));
  if (layout.nodes.some((n) => n.id === entry.id)) {
    const svg = renderGraphSvg(layout, { href: (id) => ctx.entryHref(id), focus: entry.id, idPrefix: 'entry-graph' });
    const around = new Set<string>();
    const own = ctx.data.links.get(entry.id);
    for (const e of own?.out ?? []) if (e.to !== entry.id) around.add(e.to);
    for (const e of own?.in ?? []) if (e.from !== entry.id) around.add(e.from);
    const n = around.size;
    const shown = layout.nodes.length - 1;
    const whole = layout.nodes.length === ctx.data.graph.nodes.length;
    const caption = whole
      ? `This entry and the ${n} ${n === 1 ? 'entry' : 'entries'} it links to or from are highlighted. Hover or focus any entry to see its own links; click to open it.`
      : `This entry and ${shown < n ? `${shown} of the ${n}` : `the ${n}`} ${n === 1 ? 'entry' : 'entries'} it links to or from; <a href="../graph.html">${overview ? 'an overview of the whole graph' : 'the whole graph'}</a> is on its own page.`;
    parts.push(section('graph', 'Place in the link graph', `<figure><div class="graph-wrap">${svg}</div><figcaption>${caption}</figcaption></figure>${renderGraphLegend()}`));
  }
  return renderPage({ title: entry.title, depth: 1, current: 'entry', body: parts.filter(Boolean).join('\n') });
}
