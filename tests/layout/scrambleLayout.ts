/** Puts a canonical entry text out of layout the way an editor might, without changing its data. */

/** The top-level blocks of a text: each key line with the lines under it; line 1 (the modeline) stays apart. */
function topLevelBlocks(text: string): { head: string; blocks: string[] } {
  const [head, ...rest] = text.split('\n');
  const blocks: string[] = [];
  for (const line of rest.slice(0, -1)) {
    if (/^\S/.test(line)) blocks.push(line);
    else blocks[blocks.length - 1] += `\n${line}`;
  }
  return { head, blocks };
}

/** The text with its top-level keys in reverse order, one-line lists as block lists, and CRLF line endings. Line 1 stays first. */
export function scrambleLayout(text: string): string {
  const { head, blocks } = topLevelBlocks(text);
  const reordered = [head, ...blocks.reverse()].join('\n') + '\n';
  return reordered
    .replace(/^(\w+): \[(.*)\]$/gm, (_, key: string, items: string) => `${key}:\n${items.split(', ').map((i) => `  - ${i}`).join('\n')}`)
    .replace(/\n/g, '\r\n');
}
