import { articlesWithRecords } from '../citations/articlesWithRecords';
import { provenanceOf, type ProvenanceSource } from '../citations/lockRecord';
import type { Check } from './check';
import { statusOf } from '../graph/buildLinkGraph';

/** What the record's provenance level says happened, and no more (docs/pubmed-lock.md). */
function howObtained(pmid: number | string, source: Exclude<ProvenanceSource, { type: 'fetched' }>): string {
  switch (source.type) {
    case 'imported':
      return `PMID ${pmid} was checked against a saved PubMed file (${source.file}, ${source.format}), not fetched from PubMed`;
    case 'transcribed':
      return `PMID ${pmid} was copied by hand from ${source.url} on ${source.date}, not fetched from PubMed`;
    case 'corroborated':
      return `PMID ${pmid} is only corroborated by others' citations and was never checked against PubMed`;
  }
}

/**
 * A cited PMID the lock has a record of, but not one fetched from PubMed:
 * imported, transcribed or corroborated (in a draft or an entry in review;
 * in a published entry that is pmid-unchecked's); the message says which. A warning
 * by default; `validate --strict` makes it an error. A PMID the lock has no
 * record of at all is pmid-not-in-lock's.
 */
const check: Check = {
  meta: { id: 'pmid-unverified', description: 'A cited PMID has a record in the lock, but not one fetched from PubMed.', defaultSeverity: 'warning', scope: 'entry' },
  create({ lock, flag }) {
    return {
      entry(entry, valid) {
        if (!valid) return;
        const shipped = statusOf(entry) === 'published';
        for (const { ref, pointer, record } of articlesWithRecords(entry, lock)) {
          // No record at all is pmid-not-in-lock's.
          if (!record) continue;
          const source = provenanceOf(record);
          if (source.type === 'fetched') continue;
          // A published entry citing a corroborated-only record is pmid-unchecked's error.
          if (source.type === 'corroborated' && shipped) continue;
          const hint = source.type === 'imported' ? 'Run `reflib pubmed sync` where PubMed can be reached to fetch it, and commit the lock.' : 'Run `reflib pubmed sync` where PubMed can be reached, or `reflib pubmed import` a saved PubMed file, and commit the lock.';
          flag({ data: { reference: ref.key, pmid: ref.pmid }, entry, pointer: `${pointer}/pmid`, hint, message: howObtained(ref.pmid, source) });
        }
      },
    };
  },
};

export default check;
