/** Whether a `pmid` value is a well-formed PubMed ID, and if not, what it is instead: one answer for the check, `pubmed sync` and `pubmed status`. */

/** What a PMID field holds when it is not a PMID, and where that value belongs. */
export function diagnosePmid(value: unknown, source: string | undefined): { message: string; hint: string } | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) return { message: `${value} is not a PMID: a PMID is a positive whole number`, hint: 'Copy the PMID from the PubMed page, e.g. pmid: 33260549.' };
    if (source !== undefined && /^[+-]?0\d/.test(source)) return { message: `PMID ${source} has a leading zero`, hint: `PMIDs never start with 0: write pmid: ${value} if that is the ID PubMed shows.` };
    // YAML also reads 0x1337, 2.0152124e7 or +33260549 as whole numbers: a PMID is written as plain digits.
    if (source !== undefined && !/^\d+$/.test(source.trim())) return { message: `${source} is not written as a PMID`, hint: `Write the PMID as plain digits, e.g. pmid: ${value}, if that is the ID PubMed shows.` };
    if (value > 99_999_999) return { message: `${value} has ${String(value).length} digits: a PMID has at most 8`, hint: 'Check the number against the PubMed page.' };
    return undefined;
  }
  if (text === undefined) return { message: 'the PMID must be a number', hint: 'Write it as pmid: 33260549.' };
  const pubmedUrl = /^https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/(\d+)/i.exec(text);
  if (pubmedUrl) return { message: `"${text}" is a PubMed URL, not a PMID`, hint: `Write the number only: pmid: ${pubmedUrl[1]}.` };
  const pmcUrl = /\/(PMC\d+)/i.exec(text);
  if (/^PMC\d+$/i.test(text) || (pmcUrl && /^https?:/i.test(text))) {
    const pmcid = (pmcUrl?.[1] ?? text).toUpperCase();
    return { message: `"${text}" is a PubMed Central ID (PMCID), not a PMID`, hint: `Put it in pmcid: ${pmcid}, and give the PubMed ID (digits only, shown on the paper's PubMed page) in pmid.` };
  }
  const doi = /^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i.exec(text);
  if (doi) return { message: `"${text}" is a DOI, not a PMID`, hint: `Put it in doi: ${doi[1]}, and give the PubMed ID (digits only) in pmid.` };
  if (/^https?:\/\//i.test(text)) return { message: `"${text}" is a URL, not a PMID`, hint: 'A paper in PubMed is cited by its PMID; a web page is cited with type: web, url: and accessed:.' };
  const prefixed = /^PMID:?\s*(\d+)$/i.exec(text);
  if (prefixed) return { message: `"${text}" has a "PMID" prefix`, hint: `Write the number only: pmid: ${prefixed[1]}.` };
  if (/^\d+$/.test(text)) {
    if (text.startsWith('0')) return { message: `PMID "${text}" has a leading zero`, hint: 'PMIDs never start with 0: check the number against the PubMed page.' };
    if (text.length > 8) return { message: `"${text}" has ${text.length} digits: a PMID has at most 8`, hint: 'Check the number against the PubMed page.' };
    return { message: `PMID "${text}" is written as text`, hint: `Write it as a bare number, without quotes: pmid: ${text}.` };
  }
  return { message: `"${text}" is not a PMID`, hint: 'A PMID is the number PubMed shows as "PMID: 12345678": write pmid: 12345678.' };
}
