/** Whether a reference acknowledges a notice PubMed links to its paper: the one rule pmid-retracted and pmid-erratum share. */
import type { ArticleReference, Notice } from '../model/references';

/**
 * True when the reference's `notices` has one of `type` naming the notice's
 * PMID. A notice PubMed gives without a PMID is acknowledged by any notice
 * of that type.
 */
export function acknowledgesNotice(ref: ArticleReference, type: Notice['type'], noticePmid: string | undefined): boolean {
  return (ref.notices ?? []).some((n) => n.type === type && (!noticePmid || String(n.pmid) === noticePmid));
}
