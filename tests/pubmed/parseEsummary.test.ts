import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EutilsError } from '../../scripts/pubmed/eutilsErrors';
import { decodeEntities, parseEsummary, toPlainText } from '../../scripts/pubmed/parseEsummary';

const FIXTURES = path.resolve(__dirname, '../fixtures/pubmed');
const readJson = (rel: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(FIXTURES, rel), 'utf8'));

/** The real esummary reply recorded by astrocite: five records, one unknown uid, one top-level error. */
const recorded = () => readJson('astrocite-eutils/pubmed.json');

describe('parseEsummary on the recorded reply', () => {
  const { records, notFound, errors } = parseEsummary(recorded());

  it('reads every real record, keyed by uid', () => {
    expect([...records.keys()]).toEqual(['125352', '34744', '363666', '273457', '23463']);
  });

  it('reads all fields of uid 125352', () => {
    expect(records.get('125352')).toEqual({
      pmid: '125352',
      status: 'found',
      title: 'Fibrinolysis in patients with ischemic heart disease (in relation to the etiologic factor of myocardial infarction).',
      authors: [{ name: 'Sassa H' }, { name: 'Ito T' }, { name: 'Niwa T' }, { name: 'Matsui E' }],
      journal: { abbreviation: 'Jpn Circ J', title: 'Japanese circulation journal' },
      year: 1975,
      volume: '39',
      issue: '5',
      pages: '525-30',
      publicationTypes: ['Journal Article'],
    });
  });

  it.each([
    ['34744', '[Sessions of the 49th Congress of the Japanese Society for Hygiene. Abstracts].', undefined, ['Congresses'], 1979],
    ['363666', "[Circumscribed dermoplasty for persistent anterior nasal septal bleeding (author's transl)].", ['Beck C'], ['Journal Article'], 1978],
    ['273457', '"The eternal triangle" or--"how to live with a third party".', ['Czarnecki ES'], ['Journal Article'], 1977],
    ['23463', '[Double pelvic ring fracture combined with fracture of the femoral neck].', ['Salacz T'], ['Journal Article'], 1977],
  ])('uid %s: title, authors, publication types, year', (uid, title, authors, types, year) => {
    const r = records.get(uid)!;
    expect(r.title).toBe(title);
    expect(r.authors?.map((a) => a.name)).toEqual(authors);
    expect(r.publicationTypes).toEqual(types);
    expect(r.year).toBe(year);
  });

  it('has no DOI or PMCID where the recorded articleids hold only pubmed/rid/eid', () => {
    for (const r of records.values()) {
      expect(r.doi).toBeUndefined();
      expect(r.pmcid).toBeUndefined();
    }
  });

  it('lists uid 2345234523452345 ("cannot get document summary") as not found, not as a record', () => {
    expect(notFound).toEqual(['2345234523452345']);
    expect(records.has('2345234523452345')).toBe(false);
  });

  it('reports the top-level error that stands beside "result"', () => {
    expect(errors).toEqual(['Invalid uid whoopsthisisanerror at position=49']);
  });
});

describe('parseEsummary on constructed variants of the recorded reply', () => {
  /** The recorded reply with uid 125352 changed by `edit`, and the top-level error removed. */
  function variant(edit: (doc: Record<string, unknown>) => void) {
    const json = recorded();
    delete json.error;
    edit((json.result as Record<string, Record<string, unknown>>)['125352']);
    return parseEsummary(json);
  }

  it('has no errors once the top-level error is gone', () => {
    expect(variant(() => {}).errors).toEqual([]);
  });

  it('reads errata, retractions and expressions of concern from references[] and ignores other reftypes', () => {
    const r = variant((doc) => {
      doc.references = [
        { refsource: 'Open Heart. 2018 Apr 5;5(1):e000668corr1', reftype: 'Erratum in', pmid: 29632683, note: '' },
        { refsource: 'Jpn Circ J. 1976;40:1', reftype: 'Retraction in', pmid: '1234567', note: '' },
        { refsource: 'Jpn Circ J. 1977;41:2', reftype: 'Expression of concern in', pmid: 0, note: '' },
        { refsource: 'Jpn Circ J. 1975;39:600', reftype: 'Comment in', pmid: 7654321, note: '' },
      ];
    }).records.get('125352')!;
    expect(r.errata).toEqual([{ pmid: '29632683', citation: 'Open Heart. 2018 Apr 5;5(1):e000668corr1' }]);
    expect(r.retractions).toEqual([{ pmid: '1234567', citation: 'Jpn Circ J. 1976;40:1' }]);
    expect(r.expressionsOfConcern).toEqual([{ citation: 'Jpn Circ J. 1977;41:2' }]);
  });

  it.each([
    ['doi and pmc', [{ idtype: 'doi', value: '10.1136/x' }, { idtype: 'pmc', value: 'PMC5442267' }], { doi: '10.1136/x', pmcid: 'PMC5442267' }],
    ['a bare PMC number', [{ idtype: 'pmc', value: '5442267' }], { pmcid: 'PMC5442267' }],
  ])('reads %s from articleids', (_, articleids, expected) => {
    const r = variant((doc) => {
      doc.articleids = articleids;
    }).records.get('125352')!;
    expect(r).toMatchObject(expected);
  });

  it('takes the year from sortpubdate when pubdate has none', () => {
    expect(variant((doc) => (doc.pubdate = '')).records.get('125352')!.year).toBe(1975);
  });

  it('keeps Author and CollectiveName, drops editors and blank names', () => {
    const r = variant((doc) => {
      doc.authors = [
        { name: 'Sassa H', authtype: 'Author' },
        { name: 'Jones B', authtype: 'Editor' },
        { name: '', authtype: 'Author' },
        { name: 'WHI Investigators', authtype: 'CollectiveName' },
      ];
    }).records.get('125352')!;
    expect(r.authors).toEqual([{ name: 'Sassa H' }, { name: 'WHI Investigators' }]);
  });

  it('keeps a per-uid error other than "cannot get document summary" as an error', () => {
    const json = recorded();
    delete json.error;
    (json.result as Record<string, unknown>)['34744'] = { uid: '34744', error: 'something else' };
    expect(parseEsummary(json).errors).toEqual(['34744: something else']);
  });
});

describe('parseEsummary on astrocite\'s SYNTHETIC edge cases (hand-edited, not a PubMed record)', () => {
  it('decodes the escaped markup in titles and entities in journal names', () => {
    const r = parseEsummary(readJson('astrocite-eutils/pubmed-edge-cases.json')).records.get('12345')!;
    expect(r.title).toBe('Testing various edge cases.');
    expect(r.journal).toEqual({ abbreviation: 'J Astrocite', title: 'Astrocite & Testing Journal' });
    expect(r.authors).toEqual([{ name: 'Smith' }, { name: 'Climate Change Research Group.' }]);
  });
});

describe('parseEsummary on replies that are errors or not esummary at all', () => {
  it.each([
    ['a rate-limit body', { error: 'API rate limit exceeded', count: '5', limit: '3' }, ['API rate limit exceeded']],
    ['an esummaryresult message', { header: {}, esummaryresult: ['Empty id list - nothing todo'] }, ['Empty id list - nothing todo']],
  ])('returns the error of %s', (_, json, expected) => {
    expect(parseEsummary(json).errors).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['an object without result or error', { header: {} }],
    ['a result without uids', { result: {} }],
    ['a uid without its summary', { result: { uids: ['1'] } }],
    ['authors that are not a list', { result: { uids: ['1'], 1: { uid: '1', authors: 'Smith J' } } }],
  ])('throws an EutilsError for %s', (_, json) => {
    expect(() => parseEsummary(json)).toThrow(EutilsError);
    expect(() => parseEsummary(json)).toThrow(/malformed esummary reply/);
  });
});

describe('toPlainText and decodeEntities', () => {
  it.each([
    ['Effect of &lt;i&gt;Lactobacillus&lt;/i&gt; on r&lt;sup&gt;2&lt;/sup&gt;', true, 'Effect of Lactobacillus on r2'],
    ['the <i>TERT</i>  gene\n region, p &lt; 0.05', false, 'the TERT gene region, p < 0.05'],
    ['p&lt;0.05 and &#x3b1;/&#946; &amp;amp;', true, 'p<0.05 and α/β &amp;'],
  ])('%j → %j', (input, escaped, expected) => {
    expect(toPlainText(input, escaped)).toBe(expected);
  });

  it('decodes in one pass and leaves unknown entities alone', () => {
    expect(decodeEntities('&amp;lt; &bogus; &#0;')).toBe('&lt; &bogus; &#0;');
  });
});
