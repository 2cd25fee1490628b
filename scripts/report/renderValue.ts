/**
 * Generic rendering of entry data: amounts, link targets, lists and nested
 * fields as readable HTML. Used for fields the kind renderers do not know,
 * and for entries that did not match their schema.
 */
import type { PageContext } from './createPageContext';
import { escapeHtml, escapeUrl } from './escapeHtml';
import { humanize, kindBadge, statusBadge } from './renderBadges';
import { renderInline, renderProse } from './renderProse';

type Data = Record<string, unknown>;

export const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const TIME_UNITS = new Set(['day', 'week', 'month', 'year']);

/** `{value: 400, unit: mg/day}` → `400 mg/day`; `{min: 4, max: 8, unit: week}` → `4–8 weeks`. */
export function formatQuantity(q: Data, withNote = true): string | undefined {
  const unit = str(q.unit);
  if (!unit) return undefined;
  const value = typeof q.value === 'number' ? q.value : undefined;
  const min = typeof q.min === 'number' ? q.min : undefined;
  const max = typeof q.max === 'number' ? q.max : undefined;
  let amount: string;
  let plural: boolean;
  if (value !== undefined) [amount, plural] = [String(value), value !== 1];
  else if (min !== undefined && max !== undefined) [amount, plural] = [`${min}–${max}`, true];
  else return undefined;
  const shownUnit = TIME_UNITS.has(unit) && plural ? `${unit}s` : unit;
  const note = str(q.note);
  return `${amount} ${shownUnit}${note && withNote ? ` (${note})` : ''}`;
}

export const isQuantity = (v: unknown): boolean => isRecord(v) && typeof v.unit === 'string' && (typeof v.value === 'number' || (typeof v.min === 'number' && typeof v.max === 'number'));

/** A link to another entry, from an ID or a bundle link object `{id, kind, title}`. */
export function renderEntryLink(target: unknown, ctx: PageContext, withKind = true): string {
  const id = typeof target === 'string' ? target : isRecord(target) ? str(target.id) : undefined;
  if (!id) return '';
  const entry = ctx.data.byId.get(id);
  const title = entry?.title ?? (isRecord(target) ? str(target.title) : undefined);
  const href = ctx.entryHref(id);
  if (!href || title === undefined) return `<span class="xref-broken" title="${escapeHtml(`No entry has ID ${id}`)}">${escapeHtml(id)}</span>`;
  const kind = withKind && entry ? ` ${kindBadge(entry.kind)}` : '';
  const status = entry && entry.status !== 'published' ? ` ${statusBadge(entry.status)}` : '';
  return `<a class="xref" href="${escapeUrl(href)}">${escapeHtml(title)}</a>${kind}${status}`;
}

/** Any value as HTML. Strings are prose, with inline links. */
export function renderValue(value: unknown, ctx: PageContext): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return renderProse(value, ctx.links);
  if (typeof value === 'number' || typeof value === 'boolean') return escapeHtml(String(value));
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      return `<ul class="plain">${value.map((v) => `<li>${typeof v === 'string' ? renderInline(v, ctx.links) : escapeHtml(String(v))}</li>`).join('')}</ul>`;
    }
    return value.map((v) => `<div class="item">${renderValue(v, ctx)}</div>`).join('\n');
  }
  if (isRecord(value)) {
    if (isQuantity(value)) return escapeHtml(formatQuantity(value));
    if (typeof value.id === 'string' && typeof value.title === 'string' && typeof value.kind === 'string') return renderEntryLink(value, ctx);
    const rows = Object.entries(value).map(([k, v]) => `<dt>${escapeHtml(humanize(k))}</dt><dd>${renderValue(v, ctx)}</dd>`);
    return `<dl class="fields">${rows.join('')}</dl>`;
  }
  return escapeHtml(String(value));
}

/** An external link (PubMed, DOI, a web source), opened without sending a referrer. */
export function externalLink(url: string, text: string): string {
  return `<a href="${escapeUrl(url)}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}
