/** Small labelled badges: kind, status, verification, severity, conflict of interest. */
import { escapeHtml } from './escapeHtml';

type Tone = 'good' | 'info' | 'warn' | 'bad' | 'muted';

/** A badge with a tone (colour) and an optional tooltip. */
export function badge(text: string, tone: Tone, title?: string): string {
  return `<span class="badge b-${tone}"${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(text)}</span>`;
}

const KIND_LABELS: Record<string, [string, string]> = {
  topic: ['Topic', 'Topics'],
  'form-comparison': ['Form comparison', 'Form comparisons'],
  interaction: ['Interaction', 'Interactions'],
  'population-caution': ['Population caution', 'Population cautions'],
  misconception: ['Misconception', 'Misconceptions'],
};

/** A field or kind name for people: `brain_penetration` → `Brain penetration`. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function kindLabel(kind: string, plural = false): string {
  const known = KIND_LABELS[kind];
  return known ? known[plural ? 1 : 0] : humanize(kind);
}

/** A CSS class suffix for a kind, safe whatever the kind's spelling. */
export function kindClass(kind: string): string {
  return KIND_LABELS[kind] ? kind : 'unknown';
}

export function kindBadge(kind: string): string {
  return `<span class="kind k-${kindClass(kind)}"><span class="swatch" aria-hidden="true"></span>${escapeHtml(kindLabel(kind))}</span>`;
}

const STATUS: Record<string, [string, Tone, string]> = {
  published: ['Published', 'good', 'Apps get this entry.'],
  review: ['In review', 'info', 'Not published yet: apps do not get this entry.'],
  draft: ['Draft', 'warn', 'Not published yet: apps do not get this entry.'],
  retired: ['Retired', 'muted', 'Apps are redirected to its replacement.'],
};

export function statusBadge(status: string): string {
  const [text, tone, title] = STATUS[status] ?? [humanize(status || 'unknown'), 'bad', 'Not a known status.'];
  return badge(text, tone, title);
}

export const VERIFICATION: Record<string, [string, Tone, string]> = {
  verified: ['Verified', 'good', 'Fetched from PubMed, and it matches what the entry states.'],
  imported: ['Imported', 'info', "Matches a PubMed record read from a saved file (its SHA-256 is in the lock); not fetched from PubMed by reflib."],
  transcribed: ['Transcribed', 'warn', 'Matches a record a person copied by hand from a named page, on the date the lock gives; not fetched from PubMed.'],
  // Older bundles only: no longer produced.
  'hand-checked': ['Hand-entered', 'warn', 'Entered by hand (an older bundle); not fetched from PubMed.'],
  corroborated: ['Corroborated only', 'warn', "Seen only where others cite the paper; never checked against PubMed's record."],
  unverified: ['Unverified', 'warn', 'No PubMed record in the lock.'],
  mismatched: ['Mismatch', 'bad', "PubMed's record disagrees with the author, year, journal or title the entry states."],
  'not-found': ['Not on PubMed', 'bad', 'PubMed says this PMID does not exist.'],
  retracted: ['Retracted', 'bad', 'PubMed lists a retraction of this paper.'],
  corrected: ['Corrected', 'warn', 'PubMed lists an erratum or an expression of concern for this paper.'],
};

/** A badge for a verification status or a retracted / corrected flag. */
export function verificationBadge(flag: string): string {
  const [text, tone, title] = VERIFICATION[flag] ?? [humanize(flag), 'muted', ''];
  return badge(text, tone, title || undefined);
}

export function severityBadge(severity: string): string {
  const tone: Tone = severity === 'error' ? 'bad' : severity === 'warning' ? 'warn' : 'info';
  return badge(humanize(severity), tone);
}

/**
 * The declaration's status as a badge. `not-found` (looked for, none where it
 * should be) is muted like `not-checked`, but says something different; a
 * status this report does not know counts as not checked.
 */
export function coiBadge(coi: { status?: string; sponsors?: string[] } | undefined): string {
  if (coi?.status === 'declared') return badge(`Conflict of interest: ${(coi.sponsors ?? []).join(', ') || 'declared'}`, 'warn', 'The paper declares funding or a competing interest.');
  if (coi?.status === 'none-declared') return badge('No conflict declared', 'muted');
  if (coi?.status === 'not-found') return badge('COI: none found', 'muted', 'Looked for: no funding or conflict-of-interest statement was found where it should be. The pages searched are listed below.');
  return badge('Conflict of interest not checked', 'muted', 'Nobody has looked up this paper’s funding statement yet.');
}

/** An industry tie outside the paper's own declaration (an author's employer, say). */
export function tieBadge(party: string, relation?: string): string {
  return badge(`Industry tie: ${party}`, 'warn', relation);
}
