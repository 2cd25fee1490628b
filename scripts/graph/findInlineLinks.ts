/**
 * Inline links in prose: `[[3ca17b72]]` or `[[3ca17b72|the form comparison]]`.
 */

export interface InlineLink {
  /** What stands before the `|`, trimmed: normally an 8-hex entry ID. */
  target: string;
  label?: string;
  /** Offsets of the whole `[[…]]` in the string. */
  from: number;
  to: number;
}

// No `]` or newline inside the brackets, so one bad link cannot swallow a paragraph.
const INLINE = /\[\[([^\]|\n]*)(?:\|([^\]\n]*))?\]\]/g;

/** Finds every inline link in a string, in order. */
export function findInlineLinks(text: string): InlineLink[] {
  if (!text.includes('[[')) return [];
  const out: InlineLink[] = [];
  for (const m of text.matchAll(INLINE)) {
    const link: InlineLink = { target: m[1].trim(), from: m.index!, to: m.index! + m[0].length };
    if (m[2] !== undefined) link.label = m[2].trim();
    out.push(link);
  }
  return out;
}
