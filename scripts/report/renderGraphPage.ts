/** graph.html: the link graph, large, with the same links as a table for readers who cannot use the picture. */
import type { PageContext } from './createPageContext';
import { escapeHtml } from './escapeHtml';
import type { GraphLayout } from './layoutGraph';
import { kindBadge, kindLabel, statusBadge } from './renderBadges';
import { isGroupId, type Overview } from './overviewGraph';
import { renderGraphLegend } from './renderGraphLegend';
import { renderGraphSvg } from './renderGraphSvg';
import { renderPage } from './renderPage';
import { renderEntryLink } from './renderValue';

/** Links of one entry, grouped by the entry at the other end: `Title (related, sections)`. */
function linkList(pairs: [string, string[]][], ctx: PageContext): string {
  if (!pairs.length) return '<span class="small">none</span>';
  return `<ul class="plain">${pairs.map(([id, fields]) => `<li>${renderEntryLink(id, ctx, false)} <span class="small">(${escapeHtml(fields.join(', '))})</span></li>`).join('')}</ul>`;
}

function group(edges: { key: string; field: string }[]): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const e of edges) {
    const list = m.get(e.key) ?? [];
    if (!list.includes(e.field)) list.push(e.field);
    m.set(e.key, list);
  }
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** What an overview shows, and what it leaves out; `table`: the page lists every link in a table below. */
export function overviewLede(o: Overview, table = true): string {
  const inner = o.groups.reduce((n, g) => n + g.inner, 0);
  const groups = o.groups.map((g) => `${g.entries} ${escapeHtml(kindLabel(g.kind, g.entries !== 1).toLowerCase())}`).join(', ');
  return `${o.entries} entries and ${o.links} links (one per source, target and field): too many to draw one by one. The graph shows the ${o.hubs.length} most-linked entries, and the other entries as one node per kind (${groups || 'none'}), with the links to and from them summed; ${inner} ${inner === 1 ? 'link' : 'links'} between two grouped entries of the same kind ${inner === 1 ? 'is' : 'are'} not drawn.${table ? ' Every link is in the table below.' : ''}`;
}

/** `overview`: the layout is of this overview of the graph (see overviewGraph); a group's node leads to the table. */
export function renderGraphPage(ctx: PageContext, layout: GraphLayout, overview?: Overview): string {
  const { data } = ctx;
  const svg = renderGraphSvg(layout, { href: (id) => (isGroupId(id) ? '#links' : ctx.entryHref(id)), idPrefix: 'full-graph', overview });
  const rows = data.entries.map((e) => {
    const own = data.links.get(e.id);
    const out = group((own?.out ?? []).filter((x) => x.to !== e.id).map((x) => ({ key: x.to, field: x.field })));
    const inc = group((own?.in ?? []).filter((x) => x.from !== e.id).map((x) => ({ key: x.from, field: x.field })));
    const status = e.status === 'published' ? '' : ` ${statusBadge(e.status)}`;
    return `<tr><th scope="row">${renderEntryLink(e.id, ctx, false)}${status}</th><td>${kindBadge(e.kind)}</td><td>${linkList(out, ctx)}</td><td>${linkList(inc, ctx)}</td></tr>`;
  });
  const body = `<h1>Link graph</h1>
<p class="lede">${overview ? overviewLede(overview) : `Every entry and every link between entries: ${data.graph.nodes.length} entries, ${data.graph.edges.length} links (one per source, target and field) between ${layout.edges.length} pairs of entries.`} Links to missing IDs are left out; the dashboard lists them as findings.</p>
<section class="card" id="graph" aria-labelledby="graph-h"><h2 id="graph-h">${overview ? 'An overview of the graph' : 'The graph'}</h2>
<figure><div class="graph-wrap">${svg}</div><figcaption>Hover or focus an entry to highlight the entries it links to or from; click it to open its page.${overview ? ' Each entry’s page shows its own neighbourhood.' : ''}</figcaption></figure>
${renderGraphLegend(overview !== undefined)}
</section>
<section class="card" id="links" aria-labelledby="links-h"><h2 id="links-h">The links as a table</h2>
<div class="table-wrap"><table><caption>Each entry with the entries it links to and the entries that link to it, and the fields the links are in.</caption>
<thead><tr><th scope="col">Entry</th><th scope="col">Kind</th><th scope="col">Links to</th><th scope="col">Linked from</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
</section>`;
  return renderPage({ title: 'Link graph', depth: 0, current: 'graph', body });
}
