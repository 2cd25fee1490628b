/**
 * Prose as readers see it: text escaped, inline links `[[id]]` and
 * `[[id|label]]` turned into links to the entry pages, paragraphs kept.
 */
import { findInlineLinks } from '../graph/findInlineLinks';
import { escapeHtml, escapeUrl } from './escapeHtml';

/** What prose needs to know about the other entries. */
export interface LinkResolver {
  /** The page of the entry with this ID, relative to the current page; undefined when no page exists. */
  href(id: string): string | undefined;
  /** The title a link without a label shows. */
  title(id: string): string | undefined;
}

/** One line of text, escaped, with its inline links rendered. */
export function renderInline(text: string, links: LinkResolver): string {
  let out = '';
  let at = 0;
  for (const l of findInlineLinks(text)) {
    out += escapeHtml(text.slice(at, l.from));
    const href = links.href(l.target);
    const title = links.title(l.target);
    if (href && title !== undefined) {
      out += `<a class="xref" href="${escapeUrl(href)}">${escapeHtml(l.label || title)}</a>`;
    } else {
      out += `<span class="xref-broken" title="${escapeHtml(`No entry has ID ${l.target}`)}">${escapeHtml(l.label || `[[${l.target}]]`)}</span>`;
    }
    at = l.to;
  }
  return out + escapeHtml(text.slice(at));
}

/** A block of prose: paragraphs at blank lines, line breaks kept within them. */
export function renderProse(text: string, links: LinkResolver): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.split('\n').map((line) => renderInline(line, links)).join('<br>')}</p>`)
    .join('\n');
}
