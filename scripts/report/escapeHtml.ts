/**
 * Escaping for the report's HTML. Every piece of text from the library goes
 * through one of these before it reaches a page: titles, prose, file names,
 * diagnostics, IDs. Nothing from an entry is ever written as markup.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element's content or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '');
  // Most text has nothing to escape: then it is returned as it is, without a pass that rebuilds it.
  return SPECIAL.test(text) ? text.replace(ALL_SPECIAL, (c) => ENTITIES[c]) : text;
}

const SPECIAL = /[&<>"']/;
const ALL_SPECIAL = /[&<>"']/g;

/**
 * A URL for an href: only relative paths, fragments and http(s)/mailto URLs
 * are kept; anything else (javascript:, data:, …) becomes `#`. The result is
 * escaped for an attribute.
 */
export function escapeUrl(url: string): string {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase())) return '#';
  return escapeHtml(trimmed);
}

/** Encodes a relative file path for a URL, segment by segment. */
export function encodePath(rel: string): string {
  return rel
    .split('/')
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}
