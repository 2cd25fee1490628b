/**
 * What `reflib new` writes for each kind: every required field, as a
 * placeholder that validate reports as "fill this in".
 */
import type { Kind } from '../../core/loadSchemas';
import { placeholder as p } from '../../model/placeholders';

const reference = {
  key: p('a short key for the source, e.g. pickering2020'),
  type: p('article (a paper with a PubMed ID) or web (a page cited by URL)'),
};
// A function, so that no two fields share one array (YAML would write an anchor and alias).
const cite = () => [p('the key of the reference that supports this')];

/** The kind-specific required fields, with placeholders. */
export const TEMPLATES: Record<Kind, Record<string, unknown>> = {
  topic: {
    overview: p('the opening explanation of the topic'),
  },
  'form-comparison': {
    nutrient: p('the nutrient whose forms are compared, e.g. magnesium'),
    forms: [1, 2].map((n) => ({
      form: p(`form ${n} as readers know it, e.g. citrate`),
      salt: p(`the compound, e.g. magnesium citrate`),
      absorption: { rating: p('low, moderate, high or unknown') },
      suits: [p('what the form is suited to')],
      cite: cite(),
    })),
  },
  interaction: {
    agents: [p('the first agent, e.g. magnesium'), p('the second agent')],
    issue: p('what happens when they meet'),
    guidance: p('what a reader should do about it'),
    evidence_level: p('strong, moderate, limited or theoretical'),
    cite: cite(),
  },
  'population-caution': {
    population: p('who the caution applies to'),
    caution: p('what the risk is'),
    guidance: p('what a reader in this group should do'),
    severity: p('low, moderate or high'),
    cite: cite(),
  },
  misconception: {
    claim: p('the claim as people make it'),
    verdict: p('incorrect, unsupported, misleading or oversimplified'),
    correction: p('what the evidence supports instead'),
    cite: cite(),
  },
};

/** The reference list every new entry starts with. */
export const REFERENCES = () => [{ ...reference }];

/** Where each kind's files go under entries/. */
export const FOLDERS: Record<Kind, string> = {
  topic: 'topics',
  'form-comparison': 'forms',
  interaction: 'interactions',
  'population-caution': 'cautions',
  misconception: 'misconceptions',
};
