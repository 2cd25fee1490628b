/** graph.html: the link graph, large, with the same links as a table for readers who cannot use the picture. */
import type { PageContext } from './createPageContext';
import { escapeHtml } from './escapeHtml';
import type { GraphLayout } from './layoutGraph';
import { kindBadge, statusBadge } from './renderBadges';
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

export function renderGraphPage(ctx: PageContext, layout: GraphLayout): string {
  const { data } = ctx;
  const svg = renderGraphSvg(layout, { href: (id) => ctx.entryHref(id), idPrefix: 'full-graph' });
  const rows = data.entries.map((e) => {
    const own = data.links.get(e.id);
    const out = group((own?.out ?? []).filter((x) => x.to !== e.id).map((x) => ({ key: x.to, field: x.field })));
    const inc = group((own?.in ?? []).filter((x) => x.from !== e.id).map((x) => ({ key: x.from, field: x.field })));
    const status = e.status === 'published' ? '' : ` ${statusBadge(e.status)}`;
    return `<tr><th scope="row">${renderEntryLink(e.id, ctx, false)}${status}</th><td>${kindBadge(e.kind)}</td><td>${linkList(out, ctx)}</td><td>${linkList(inc, ctx)}</td></tr>`;
  });
  const body = `<h1>Link graph</h1>
<p class="lede">Every entry and every link between entries: ${data.graph.nodes.length} entries, ${data.graph.edges.length} links (one per source, target and field) between ${layout.edges.length} pairs of entries. Links to missing IDs are left out; the dashboard lists them as findings.</p>
<section class="card" id="graph" aria-labelledby="graph-h"><h2 id="graph-h">The graph</h2>
<figure><div class="graph-wrap">${svg}</div><figcaption>Hover or focus an entry to highlight the entries it links to or from; click it to open its page.</figcaption></figure>
${renderGraphLegend()}
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
