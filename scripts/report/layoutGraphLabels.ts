/** The text of the graph: how titles are shortened and wrapped, and about how much room a label takes. */
import type { LaidNode } from './layoutGraphShapes';

/** The status of a node that stands for a group of entries (see overviewGraph). */
export const GROUP_STATUS = 'group';

/** The most characters of a title a dot's label shows. */
export const LABEL_CHARS = 46;
/** Label font size and a generous average glyph width (DejaVu Sans is wide), to keep labels inside the drawing. */
const LABEL_PX = 12;
const GLYPH = 0.62;

/** About how wide a label is drawn, in user units. */
export function labelWidth(text: string): number {
  return text.length * LABEL_PX * GLYPH;
}

/** The label drawn beside a dot: its title, and its status unless it is published or a group of entries (as the SVG renderer writes it). */
export function dotLabel(n: LaidNode): string {
  return `${n.lines[0]}${n.status === 'published' || n.status === GROUP_STATUS ? '' : ` (${n.status})`}`;
}

/** Wraps a title into at most `maxLines` lines of about `width` characters. */
export function wrapTitle(title: string, width: number, maxLines: number): string[] {
  const words = title.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
    return kept;
  }
  return lines.map((l) => truncate(l, width + 6));
}

/** Shortens text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
