/**
 * index.html: what the library holds and what needs a reviewer's attention.
 * Entries by kind and status, citations by verification status, declared
 * conflicts of interest and industry ties (with where each was read) and
 * whether each reaches readers, every diagnostic,
 * the link graph, and what the next release would change.
 */
import type { Changelog } from '../release/diffReleases';
import { KIND_ORDER, STATUS_ORDER, type CitationFlag, type NextRelease } from './collectReportData';
import type { PageContext } from './createPageContext';
import { escapeHtml, escapeUrl } from './escapeHtml';
import type { GraphLayout } from './layoutGraph';
import { badge, kindBadge, kindLabel, statusBadge, verificationBadge, VERIFICATION } from './renderBadges';
import { renderDiagnosticsTable, renderLocation, renderRule } from './renderDiagnostics';
import { renderGraphLegend } from './renderGraphLegend';
import { renderGraphSvg } from './renderGraphSvg';
import { overviewLede } from './renderGraphPage';
import { isGroupId, type Overview } from './overviewGraph';
import { renderPage } from './renderPage';
import { externalLink, renderEntryLink } from './renderValue';
import { pageLink } from './renderReferences';
import { plural } from '../core/countWords';

const section = (id: string, title: string, body: string) => `<section class="card" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeHtml(title)}</h2>\n${body}\n</section>`;
const cell = (n: number) => `<td class="num${n === 0 ? ' zero' : ''}">${n}</td>`;

function renderMetrics(ctx: PageContext): string {
  const { data } = ctx;
  const count = (s: string) => data.entries.filter((e) => e.status === s).length;
  const articles = data.citations.filter((c) => c.type === 'article');
  const verified = articles.filter((c) => c.flags.includes('verified')).length;
  const unsurfaced = data.coi.filter((c) => !c.surfacedBy).length;
  const metric = (value: string | number, label: string, tone = '') => `<li class="metric${tone ? ` ${tone}` : ''}"><span class="value">${escapeHtml(String(value))}</span><span class="label">${escapeHtml(label)}</span></li>`;
  return `<ul class="metrics" aria-label="Key figures">
${metric(data.entries.length, 'entries')}
${metric(count('published'), 'published', 'good')}
${metric(count('draft') + count('review'), 'in draft or review', count('draft') + count('review') ? 'warn' : '')}
${metric(data.summary.errors, plural(data.summary.errors, 'error').replace(/^\d+ /, ''), data.summary.errors ? 'bad' : 'good')}
${metric(data.summary.warnings, plural(data.summary.warnings, 'warning').replace(/^\d+ /, ''), data.summary.warnings ? 'warn' : 'good')}
${metric(`${verified}/${articles.length}`, 'cited papers verified on PubMed', verified < articles.length ? 'warn' : 'good')}
${metric(unsurfaced, unsurfaced === 1 ? 'conflict of interest not surfaced' : 'conflicts of interest not surfaced', unsurfaced ? 'bad' : 'good')}
</ul>`;
}

function renderBuildState(ctx: PageContext): string {
  const { summary } = ctx.data;
  if (summary.errors > 0) return `<div class="callout danger" role="note"><p><strong>reflib build would refuse:</strong> ${plural(summary.errors, 'error')} to fix (see <a href="#diagnostics">Diagnostics</a>).</p></div>`;
  const warn = summary.warnings ? ` ${plural(summary.warnings, 'warning')} remain to review.` : '';
  return `<div class="callout ok" role="note"><p><strong>No errors:</strong> reflib build would succeed.${warn}</p></div>`;
}

function entryItem(e: { id: string; title: string; kind: string }, ctx: PageContext): string {
  return ctx.entryHref(e.id) ? renderEntryLink(e.id, ctx) : `${escapeHtml(e.title)} ${kindBadge(e.kind)} <code>${escapeHtml(e.id)}</code> <span class="small">(no longer in the library)</span>`;
}

function renderChangelog(c: Changelog, redirects: { from: string; to: string }[], ctx: PageContext): string {
  const out: string[] = [];
  const list = (title: string, items: string[], note = '') => {
    if (items.length) out.push(`<h3>${escapeHtml(title)} (${items.length})</h3>${note}<ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  };
  list('Added', c.added.map((e) => entryItem(e, ctx)));
  list('Changed', c.changed.map((e) => entryItem(e, ctx)));
  list('Retired', c.retired.map((e) => `${entryItem(e, ctx)} → redirects to ${renderEntryLink(e.replacedBy, ctx)}`));
  list('Removed without a redirect', c.removed.map((e) => entryItem(e, ctx)), '<p class="callout danger">Breaking: apps linking to these entries will get 404s. Restore the files with <code>status: retired</code> and <code>replaced_by</code>.</p>');
  list('References added', c.references.added.map((r) => escapeHtml(r)));
  list('References removed', c.references.removed.map((r) => escapeHtml(r)));
  list('Newly retracted references', c.references.newlyRetracted.map((r) => escapeHtml(r)));
  list('New redirects', redirects.map((r) => `${ctx.entryHref(r.from) ? renderEntryLink(r.from, ctx) : `<code>${escapeHtml(r.from)}</code>`} → ${renderEntryLink(r.to, ctx)}`), '<p class="small">Retired IDs that were never in a release, now redirected to their replacement.</p>');
  list('Conflict-of-interest declarations changed', c.coiChanged.map((x) => `${escapeHtml(x.title)} <span class="small">(${escapeHtml(x.reference)})</span>: ${escapeHtml(x.before)} → ${escapeHtml(x.after)}`));
  return out.join('\n') || '<p>No entries or references added, changed, retired or removed.</p>';
}

function renderNextRelease(next: NextRelease, ctx: PageContext): string {
  const blocked = ctx.data.buildBlocked ? `<p class="callout danger">The build refuses while there are errors; this is what it would release once they are fixed.</p>` : '';
  let body: string;
  switch (next.state) {
    case 'no-previous':
      body = '<p>dist/ holds no earlier release: the next build would be the first release, with every published entry.</p>';
      break;
    case 'unchanged':
      body = `<p>No content changes since release <strong>${escapeHtml(next.version)}</strong>: the next build would rebuild it byte for byte.</p>`;
      break;
    case 'unavailable':
      body = `<p>What the next release would change cannot be shown: ${escapeHtml(next.reason)}.</p>`;
      break;
    case 'changes': {
      const tone = next.bump === 'major' ? 'bad' : next.bump === 'minor' ? 'info' : 'muted';
      const from = next.changelog.from ? ` after ${escapeHtml(next.changelog.from)}` : '';
      body = `<p>The next build would make release <strong>${escapeHtml(next.version)}</strong>, ${badge(`${next.bump} release`, tone)}${from}.</p>${blocked}\n${renderChangelog(next.changelog, next.redirectsAdded, ctx)}`;
    }
  }
  return section('next-release', 'Next release', body);
}

function renderEntries(ctx: PageContext): string {
  const { data } = ctx;
  const kinds = [...KIND_ORDER, ...new Set(data.entries.map((e) => e.kind).filter((k) => !KIND_ORDER.includes(k)))];
  const statuses = [...STATUS_ORDER, ...new Set(data.entries.map((e) => e.status).filter((s) => !STATUS_ORDER.includes(s)))];
  // Every cell of the table, counted in one pass.
  const cells = new Map<string, number>();
  const bump = (key: string) => cells.set(key, (cells.get(key) ?? 0) + 1);
  for (const e of data.entries) {
    bump(`${e.kind}\0${e.status}`);
    bump(`${e.kind}\0`);
    bump(`\0${e.status}`);
    bump('\0');
  }
  const count = (k?: string, s?: string) => cells.get(`${k ?? ''}\0${s ?? ''}`) ?? 0;
  const matrix = `<div class="table-wrap"><table>
<caption>Entries by kind and status.</caption>
<thead><tr><th scope="col">Kind</th>${statuses.map((s) => `<th scope="col" class="num">${statusBadge(s)}</th>`).join('')}<th scope="col" class="num">Total</th></tr></thead>
<tbody>${kinds.map((k) => `<tr><th scope="row">${kindBadge(k)}</th>${statuses.map((s) => cell(count(k, s))).join('')}${cell(count(k))}</tr>`).join('')}</tbody>
<tfoot><tr><th scope="row">All kinds</th>${statuses.map((s) => cell(count(undefined, s))).join('')}${cell(count())}</tr></tfoot>
</table></div>`;
  const outgoing = new Map<string, Set<string>>();
  const incoming = new Map<string, Set<string>>();
  for (const e of data.graph.edges) {
    if (e.from === e.to) continue;
    outgoing.set(e.from, (outgoing.get(e.from) ?? new Set()).add(e.to));
    incoming.set(e.to, (incoming.get(e.to) ?? new Set()).add(e.from));
  }
  const rows = data.entries.map((e) => {
    const errors = e.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = e.diagnostics.filter((d) => d.severity === 'warning').length;
    const infos = e.diagnostics.length - errors - warnings;
    const findings = [errors ? badge(plural(errors, 'error'), 'bad') : '', warnings ? badge(plural(warnings, 'warning'), 'warn') : '', infos ? badge(`${infos} info`, 'info') : ''].filter(Boolean).join(' ') || '<span class="small">none</span>';
    return `<tr><td><a class="xref" href="${escapeUrl(ctx.entryHref(e.id)!)}">${escapeHtml(e.title)}</a></td><td>${kindBadge(e.kind)}</td><td>${statusBadge(e.status)}</td><td class="mono nowrap">${escapeHtml(e.updated ?? '')}</td>${cell(outgoing.get(e.id)?.size ?? 0)}${cell(incoming.get(e.id)?.size ?? 0)}<td>${findings}</td></tr>`;
  });
  const unpaged = data.summary.files - data.entries.length;
  const note = unpaged > 0 ? `<p class="small">${plural(unpaged, 'file')} ${unpaged === 1 ? 'has' : 'have'} no page here: unreadable, without a valid ID, or sharing another entry's ID. The diagnostics say which.</p>` : '';
  const list = `<div class="table-wrap"><table>
<caption>Every entry, by kind and title. Links count the other entries an entry links to and is linked from.</caption>
<thead><tr><th scope="col">Entry</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Updated</th><th scope="col" class="num">Links out</th><th scope="col" class="num">Links in</th><th scope="col">Findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>${note}`;
  return section('entries', 'Entries', `<h3>By kind and status</h3>\n${matrix}\n<h3>Every entry</h3>\n${list}`);
}

const FLAGS: CitationFlag[] = ['verified', 'imported', 'transcribed', 'corroborated', 'unverified', 'mismatched', 'not-found', 'retracted', 'corrected'];

function renderCitations(ctx: PageContext): string {
  const { citations } = ctx.data;
  const articles = citations.filter((c) => c.type === 'article');
  const web = citations.length - articles.length;
  const byFlag = FLAGS.map((f) => `<tr><th scope="row">${verificationBadge(f)}</th><td>${escapeHtml(VERIFICATION[f][2])}</td>${cell(articles.filter((c) => c.flags.includes(f)).length)}</tr>`);
  const summary = `<div class="table-wrap"><table>
<caption>Distinct cited papers by verification status (a paper cited by several entries counts once; retracted and corrected add to its status).</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col" class="num">Papers</th></tr></thead>
<tbody>${byFlag.join('')}</tbody>
<tfoot><tr><th scope="row" colspan="2">${plural(articles.length, 'cited paper')}, and ${plural(web, 'web source')} (not in PubMed)</th><td class="num">${articles.length}</td></tr></tfoot>
</table></div>`;
  const rows = citations.map((c) => {
    const flags = c.type === 'article' ? c.flags.map(verificationBadge).join(' ') : badge('Web source', 'muted');
    const byKey = new Map<string, string[]>();
    for (const x of c.citedBy) {
      const link = renderEntryLink(x.id, ctx, false);
      const list = byKey.get(x.key);
      if (list) list.push(link);
      else byKey.set(x.key, [link]);
    }
    const by = [...byKey].map(([key, links]) => `<p class="cited-as"><span class="small">as <code>${escapeHtml(key)}</code> by</span> ${links.join(', ')}</p>`).join('');
    const link = externalLink(c.url, c.type === 'article' ? c.source.replace('pmid:', 'PMID ') : 'Open');
    return `<tr><td><strong>${escapeHtml(c.title)}</strong><span class="hint">${escapeHtml(c.citation)}</span><span class="hint">${link}</span></td><td>${flags}</td><td>${by}</td></tr>`;
  });
  const all = `<div class="table-wrap"><table>
<caption>Every cited source, by title.</caption>
<thead><tr><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Cited by</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
  return section('citations', 'Citations', `<h3>By verification status</h3>\n${summary}\n<h3>Every cited source</h3>\n${all}`);
}

function renderCoi(ctx: PageContext): string {
  const { coi } = ctx.data;
  const intro = '<p class="prose">A declared conflict of interest, and an industry tie found outside the paper’s own declaration (such as an author’s employer), must reach readers: the entry needs a funding caveat that cites the reference and names the sponsor or party (rule <code>coi-unsurfaced</code>).</p>';
  if (!coi.length) return section('coi', 'Conflicts of interest', `${intro}<p>No cited paper declares a conflict of interest or has a recorded industry tie.</p>`);
  const rows = coi.map((c) => {
    const reached = c.surfacedBy
      ? `${badge('Surfaced', 'good')}<span class="hint">“${escapeHtml(c.surfacedBy)}”</span>`
      : `${badge('Not surfaced', 'bad')}${c.diagnostic ? `<span class="hint">${renderLocation(c.diagnostic, ctx)}</span>` : ''}`;
    const what = c.source === 'tie' ? badge('Industry tie', 'warn', 'Not in the paper’s own declaration.') : badge('Declared', 'warn', 'In the paper’s own declaration.');
    const pages = c.pages.map((p) => `${pageLink(p.url)} on ${escapeHtml(p.accessed)}`).join('; ');
    const where = pages ? `<span class="hint">${c.source === 'tie' ? 'Seen at' : 'Read at'} ${pages}</span>` : '';
    return `<tr><td><strong>${escapeHtml(c.title)}</strong><span class="hint">as <code>${escapeHtml(c.key)}</code>${c.statement ? `: ${escapeHtml(c.statement)}` : ''}</span>${where}</td><td>${what} ${escapeHtml(c.sponsors.join(', '))}</td><td>${renderEntryLink(c.entry, ctx)}</td><td>${reached}</td></tr>`;
  });
  return section('coi', 'Conflicts of interest', `${intro}<div class="table-wrap"><table>
<caption>Every reference with a declared conflict of interest or an industry tie, in each entry that cites it.</caption>
<thead><tr><th scope="col">Reference</th><th scope="col">Sponsors or party</th><th scope="col">Entry</th><th scope="col">Reaches readers</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`);
}

function renderAllDiagnostics(ctx: PageContext): string {
  const { diagnostics, summary } = ctx.data;
  if (!diagnostics.length) return section('diagnostics', 'Diagnostics', '<p>No findings: every check passed.</p>');
  const byRule = new Map<string, { severity: string; n: number }>();
  for (const d of diagnostics) byRule.set(d.rule, { severity: d.severity, n: (byRule.get(d.rule)?.n ?? 0) + 1 });
  const rules = [...byRule].sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : 1));
  const counts = `<p>${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info', 'infos')}${summary.suppressed ? `, ${summary.suppressed} suppressed in the sources` : ''}. By rule: ${rules.map(([r, x]) => `${renderRule(r, ctx)} ${x.n}`).join(' · ')}.</p>`;
  return section('diagnostics', 'Diagnostics', `${counts}\n${renderDiagnosticsTable(diagnostics, ctx, 'Every finding, by file and line. Locations link to the source file.')}`);
}

function renderGraphSection(ctx: PageContext, layout: GraphLayout, overview: Overview | undefined): string {
  // A group's node leads to the list of every entry.
  const svg = renderGraphSvg(layout, { href: (id) => (isGroupId(id) ? '#entries' : ctx.entryHref(id)), idPrefix: 'dash-graph', overview });
  const what = overview ? `<p>${overviewLede(overview, false)}</p>\n` : '';
  return section('graph', 'Link graph', `${what}<figure><div class="graph-wrap">${svg}</div><figcaption>Hover or focus an entry to highlight its links; click to open it. <a href="graph.html">The graph on its own page, with every link as a table</a>.</figcaption></figure>${renderGraphLegend(overview !== undefined)}`);
}

export function renderDashboard(ctx: PageContext, layout: GraphLayout, overview?: Overview): string {
  const { data } = ctx;
  const kinds = KIND_ORDER.map((k) => [k, data.entries.filter((e) => e.kind === k).length] as const).filter(([, n]) => n > 0);
  const toc = [['next-release', 'Next release'], ['entries', 'Entries'], ['graph', 'Link graph'], ['citations', 'Citations'], ['coi', 'Conflicts of interest'], ['diagnostics', 'Diagnostics']];
  const body = [
    '<h1>Library QA report</h1>',
    `<p class="lede">${plural(data.entries.length, 'entry', 'entries')} (${kinds.map(([k, n]) => `${n} ${escapeHtml(kindLabel(k, n !== 1).toLowerCase())}`).join(', ')}) in ${plural(data.summary.files, 'file')}: how far the citations are verified, which conflicts of interest reach readers, every finding, and what the next release would change.</p>`,
    `<nav aria-label="Sections"><ul class="toc">${toc.map(([id, t]) => `<li><a href="#${id}">${t}</a></li>`).join('')}</ul></nav>`,
    renderMetrics(ctx),
    renderBuildState(ctx),
    renderNextRelease(data.nextRelease, ctx),
    renderEntries(ctx),
    renderGraphSection(ctx, layout, overview),
    renderCitations(ctx),
    renderCoi(ctx),
    renderAllDiagnostics(ctx),
  ];
  return renderPage({ title: 'Dashboard', depth: 0, current: 'dashboard', body: body.join('\n') });
}
