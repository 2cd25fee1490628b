/**
 * The link graph as inline SVG: boxes for the hubs, dots for the rest, one
 * line per linked pair with arrowheads. Every entry is a link to its page.
 *
 * Highlighting needs no JavaScript: hovering or focusing an entry dims
 * everything that is not linked to it (CSS :has), and a page can pre-render
 * the highlight for one entry and its neighbours (`focus`).
 */
import { escapeHtml, escapeUrl } from './escapeHtml';
import { kindClass } from './renderBadges';
import { dotLabel } from './layoutGraphLabels';
import { DOT_RADIUS, type GraphLayout, type LaidNode } from './layoutGraph';
import { GROUP_STATUS, type Overview } from './overviewGraph';

export interface GraphSvgOptions {
  /** The page of an entry, relative to the page the SVG is on. */
  href(id: string): string | undefined;
  /** Highlight this entry and its neighbours; dim the rest. */
  focus?: string;
  /** Makes the SVG's title and description IDs unique on the page. */
  idPrefix?: string;
  /** The layout is of this overview of a larger graph (see overviewGraph). */
  overview?: Overview;
}

const LINE_HEIGHT = 15;

function describeNode(n: LaidNode): string {
  if (n.status === GROUP_STATUS) return `${n.title}, drawn as one`;
  const status = n.status === 'published' ? '' : `, ${n.status}`;
  return `${n.title} (${n.kind}${status}, ${n.id})`;
}

/** Per-entry hover rules: hovering or focusing entry i keeps only class x<i> lit. */
function hoverCss(layout: GraphLayout): string {
  return layout.nodes
    .map((n) => {
      const on = `.rg:has(.n${n.index}:hover,.n${n.index}:focus-visible)`;
      return `${on} :is(.node,.edge):not(.x${n.index}){opacity:.12}${on} :is(.node,.edge).x${n.index}{opacity:1}${on} .edge.x${n.index}{color:var(--edge-hot)}${on} .edge.x${n.index} path{stroke-width:2}`;
    })
    .join('\n');
}

function renderNode(n: LaidNode, layout: GraphLayout, index: ReadonlyMap<string, number>, options: GraphSvgOptions): string {
  const near = layout.neighbours.get(n.id) ?? new Set<string>();
  const lit = [n.index];
  for (const m of near) lit.push(index.get(m)!);
  lit.sort((a, b) => a - b);
  const state = options.focus === undefined ? '' : n.id === options.focus ? ' focus' : near.has(options.focus) ? ' near' : ' dim';
  const cls = `node n${n.index} ${lit.map((i) => `x${i}`).join(' ')} k-${kindClass(n.kind)} s-${n.status.replace(/[^a-z-]/g, '') || 'unknown'}${state}`;
  let shape: string;
  if (n.side === 'centre') {
    const top = n.y - n.height / 2;
    const textTop = top + (n.height - n.lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT * 0.75;
    const tspans = n.lines.map((l, i) => `<tspan x="${r(n.x)}" y="${r(textTop + i * LINE_HEIGHT)}">${escapeHtml(l)}</tspan>`).join('');
    shape = `<rect x="${r(n.x - n.width / 2)}" y="${r(top)}" width="${r(n.width)}" height="${r(n.height)}" rx="7"/><text class="hub-label" text-anchor="middle">${tspans}</text>`;
  } else {
    const left = n.side === 'left';
    const label = dotLabel(n);
    shape = `<circle cx="${r(n.x)}" cy="${r(n.y)}" r="${DOT_RADIUS}"/><text class="dot-label" x="${r(n.x + (left ? -12 : 12))}" y="${r(n.y)}" dy="0.35em" text-anchor="${left ? 'end' : 'start'}">${escapeHtml(label)}</text>`;
  }
  const href = options.href(n.id);
  const title = `<title>${escapeHtml(describeNode(n))}</title>`;
  if (!href) return `<g class="${cls}">${title}${shape}</g>`;
  return `<a class="${cls}" href="${escapeUrl(href)}" aria-label="${escapeHtml(describeNode(n))}">${title}${shape}</a>`;
}

const r = (n: number) => {
  const v = Math.round(n * 10) / 10;
  return Object.is(v, -0) ? '0' : String(v);
};

/** Renders the laid-out graph as an SVG element for embedding in a page. */
export function renderGraphSvg(layout: GraphLayout, options: GraphSvgOptions): string {
  const prefix = options.idPrefix ?? 'graph';
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const focus = options.focus ? byId.get(options.focus) : undefined;
  const { overview } = options;
  const label = focus
    ? `Link graph of the library, with ${focus.title} and the ${layout.neighbours.get(focus.id)?.size ?? 0} entries it links to or from highlighted`
    : overview
      ? `Overview of the link graph of the library: the ${overview.hubs.length} most-linked of its ${overview.entries} entries, and the other ${overview.entries - overview.hubs.length} as one node per kind`
      : `Link graph of the library: ${layout.nodes.length} entries and ${layout.edges.length} linked pairs`;
  const desc = overview
    ? 'Topics stand in the middle as boxes; the other entries are dots grouped by kind on the left and right. A ringed node stands for all the other entries of its kind, and a line to it for all the links to or from them, with their number. Arrows point from the entry that links to the entry it links to. Each entry links to its page; every link is listed as text in the table of links.'
    : 'Topics stand in the middle as boxes; the other entries are dots grouped by kind on the left and right. Arrows point from the entry that links to the entry it links to. Each entry links to its page; the same links are listed as text below the graph.';
  const edges = layout.edges
    .map((e) => {
      const a = byId.get(e.a)!;
      const b = byId.get(e.b)!;
      const state = focus === undefined ? '' : e.a === focus.id || e.b === focus.id ? ' hot' : ' dim';
      const what = [
        e.forward.length ? `${a.title} → ${b.title} (${e.forward.join(', ')})` : '',
        e.backward.length ? `${b.title} → ${a.title} (${e.backward.join(', ')})` : '',
      ].filter(Boolean).join('; ');
      const arrows = e.arrows.map((p) => `<polygon points="${p}"/>`).join('');
      return `<g class="edge x${a.index} x${b.index}${state}"><title>${escapeHtml(what)}</title><path d="${e.path}"/>${arrows}</g>`;
    })
    .join('\n');
  // Draw the highlighted edges last, so they sit on top.
  const ordered = focus ? edges.split('\n').sort((x, y) => Number(x.includes(' hot"')) - Number(y.includes(' hot"'))).join('\n') : edges;
  const index = new Map(layout.nodes.map((m) => [m.id, m.index]));
  const nodes = layout.nodes.map((n) => renderNode(n, layout, index, options)).join('\n');
  return [
    `<svg class="rg${focus ? ' has-focus' : ''}" xmlns="http://www.w3.org/2000/svg" viewBox="${r(layout.minX)} ${r(layout.minY)} ${r(layout.width)} ${r(layout.height)}" width="${r(layout.width)}" height="${r(layout.height)}" role="group" aria-labelledby="${prefix}-title ${prefix}-desc">`,
    `<title id="${prefix}-title">${escapeHtml(label)}</title>`,
    `<desc id="${prefix}-desc">${escapeHtml(desc)}</desc>`,
    `<style>${hoverCss(layout)}</style>`,
    `<g class="edges">${ordered}</g>`,
    `<g class="nodes">${nodes}</g>`,
    '</svg>',
  ].join('\n');
}
