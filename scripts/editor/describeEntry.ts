/** What hovers and completion items say about an entry and a PMID, as Markdown. */
import { statusOf, titleOf } from '../graph/buildLinkGraph';
import type { LoadedEntry } from '../load/parseEntry';
import { describeProvenance, isRetracted, provenanceLevel, provenanceOf, type LockRecord } from '../citations/lockRecord';

/** Authors shown before "et al.". */
const SHOWN_AUTHORS = 3;

/** Markdown special characters escaped, so a title shows as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}

/** One line: authors, year, title, journal. */
export function describeCitation(record: LockRecord): string {
  const names = (record.authors ?? []).map((a) => a.name);
  const authors = names.length > SHOWN_AUTHORS ? `${names.slice(0, SHOWN_AUTHORS).join(', ')} et al.` : names.join(', ');
  const journal = record.journal?.abbreviation ?? record.journal?.title;
  return [authors, record.year && `(${record.year})`, record.title, journal && `${journal}.`].filter(Boolean).join(' ');
}

/** Hover text for an entry: title, kind and status, summary, file. */
export function describeEntry(entry: LoadedEntry): string {
  const data = entry.data as { summary?: unknown; replaced_by?: unknown } | null;
  const lines = [`**${escapeMarkdown(titleOf(entry) ?? '(untitled)')}**`, '', `\`${entry.id}\` · ${entry.kind ?? 'unknown kind'} · ${statusOf(entry) ?? 'no status'}`];
  if (statusOf(entry) === 'retired' && typeof data?.replaced_by === 'string') lines.push('', `Retired: replaced by \`${data.replaced_by}\`.`);
  if (typeof data?.summary === 'string') lines.push('', escapeMarkdown(data.summary));
  lines.push('', `*${entry.file.path}*`);
  return lines.join('\n');
}

/** Hover text for a PMID: the lock's citation and how far it was verified, or why there is none. */
export function describePmid(pmid: string, record: LockRecord | undefined): string {
  if (!record) return `**PMID ${pmid}** is not in pubmed-lock.json.\n\nRun \`reflib pubmed sync\` (online) or \`reflib pubmed import\` to record it.`;
  if (record.status === 'not-found') return `**PMID ${pmid}**: PubMed has no record with this ID (lock). Check the number.`;
  const lines = [`**PMID ${pmid}**: ${escapeMarkdown(describeCitation(record))}`];
  if (record.doi) lines.push('', `doi: ${escapeMarkdown(record.doi)}`);
  // As pmid-retracted decides: a retraction notice, or the publication type alone.
  if (isRetracted(record)) lines.push('', '**Retracted.**');
  if (record.errata?.length) lines.push('', `${record.errata.length} erratum notice(s).`);
  lines.push('', `Verification: **${provenanceLevel(record)}**. ${escapeMarkdown(describeProvenance(provenanceOf(record)))}`);
  return lines.join('\n');
}
