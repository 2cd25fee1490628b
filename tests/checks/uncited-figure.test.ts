import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import check from '../../scripts/checks/uncited-figure';
import { runCheck } from '../support/runCheck';
import { parseEntry } from '../../scripts/load/parseEntry';
import { validateEntries } from '../../scripts/validate/validateEntries';
import { copyRealLibrary, ODS_REFERENCES, runCliAsync } from '../support/fixtures';

const REFERENCES = ODS_REFERENCES;

/** A topic (no top-level cite): `body` starts at line 8. */
const topic = (body: string) => `id: aaaa0001
kind: topic
title: A topic
status: draft
updated: 2026-11-23
summary: A summary long enough for the schema.
overview: What the topic covers.
${body}${REFERENCES}`;

/** A misconception, cited at the top: `claim` is line 7, `extra` starts at line 11. */
const misconception = (claim: string, extra = '') => `id: aaaa0002
kind: misconception
title: A misconception
status: draft
updated: 2026-11-23
summary: A summary long enough for the schema.
claim: ${claim}
verdict: incorrect
correction: Above the upper limit it causes diarrhoea.
cite: [ods]
${extra}${REFERENCES}`;

/** A population caution with a threshold, cited at the top. */
const caution = `id: aaaa0003
kind: population-caution
title: Kidney disease
status: draft
updated: 2026-11-23
summary: With an eGFR below 30, take magnesium only under supervision.
population: People with an eGFR below 30 mL/min/1.73 m2
threshold:
  measure: eGFR
  comparator: <
  value: 30
  unit: mL/min/1.73 m2
caution: Magnesium can build up in the blood.
guidance: Only under medical supervision.
severity: high
caveats:
  - type: safety
    text: Above 350 mg a day it causes diarrhoea.
cite: [ods]
${REFERENCES}`;

/** A form comparison: its overview (line 8) is uncited; the form item's cite covers its quantities and prose. */
const forms = `id: aaaa0004
kind: form-comparison
title: Forms compared
status: draft
updated: 2026-11-23
summary: A summary long enough for the schema.
nutrient: magnesium
overview: The upper level is 350 mg a day.
forms:
  - form: L-threonate
    salt: magnesium L-threonate
    elemental:
      amount:
        value: 144
        unit: mg
        note: From 1.5 to 2 g of the salt.
      per_salt:
        min: 1.5
        max: 2
        unit: g
    absorption:
      rating: unknown
      note: No figure at 8 weeks.
    suits: [Memory, at 1 g a day]
    cite: [ods]
  - form: citrate
    salt: magnesium citrate
    absorption:
      rating: moderate
    suits: [General repletion, over 4 weeks]
    cite: [ods]
${REFERENCES}`;

/** Whether a fixture passes its schema: the rule is silent on one that does not, so a test of silence must know. */
const isValid = (text: string) => validateEntries([parseEntry('x.yaml', text).entry!]).valid.length === 1;

/** [line, column, figure] of each finding. */
const at = (text: string) => runCheck(check, { 'x.yaml': text }).map((f) => [f.line, f.column, f.data?.figure]);

describe('uncited-figure', () => {
  describe('finds each kind of figure in uncited prose, at the figure', () => {
    it.each([
      ['an amount with a rate', 'guidance:\n  - text: Take 30 mg a day.\n', [[9, 16, '30 mg a day']]],
      ['a range of weeks', 'guidance:\n  - text: Allow 4–8 weeks.\n', [[9, 17, '4–8 weeks']]],
      ['a range with "to"', 'guidance:\n  - text: Allow 4 to 8 weeks.\n', [[9, 17, '4 to 8 weeks']]],
      ['a decimal range of grams', 'guidance:\n  - text: It takes 1.5-2 g of the salt.\n', [[9, 20, '1.5-2 g']]],
      ['a threshold in a quoted string', 'guidance:\n  - text: "With an eGFR below 30: ask first."\n', [[9, 25, 'below 30']]],
      ['a threshold sign', 'guidance:\n  - text: Only when eGFR is ≥ 60.\n', [[9, 29, '≥ 60']]],
      ['a percentage', 'guidance:\n  - text: Intake fell by 7.2 %.\n', [[9, 26, '7.2 %']]],
      ['a spelled duration', 'guidance:\n  - text: Wait eight weeks.\n', [[9, 16, 'eight weeks']]],
      ['two figures in one text', 'guidance:\n  - text: 400 mg for 90 days.\n', [[9, 11, '400 mg'], [9, 22, '90 days']]],
      ['a figure across a line fold', 'guidance:\n  - text: >-\n      Take it for at least\n      4 to 8 weeks.\n', [[10, 19, 'at least 4 to 8 weeks']]],
      ['a figure in the overview, summary or title', '', []],
      ['a figure in a section body', 'sections:\n  - heading: Dose\n    body: Most take 300 mg.\n', [[10, 21, '300 mg']]],
      ['a figure in a caveat without cite', 'caveats:\n  - type: safety\n    text: Over 350 mg a day causes diarrhoea.\n', [[10, 11, 'Over 350 mg a day']]],
    ])('%s', (_name, body, expected) => {
      expect(at(topic(body))).toEqual(expected);
    });

    it('in root fields of a kind without a top-level cite', () => {
      const text = topic('').replace('overview: What the topic covers.', 'overview: Take 2 g a day.').replace('title: A topic', 'title: The 8-week plan');
      expect(at(text)).toEqual([
        [3, 12, '8-week'],
        [7, 16, '2 g a day'],
      ]);
    });
  });

  it('finds none of the non-figures', () => {
    const text = 'guidance:\n  - text: "In 2020 (Pickering, 2012; p < 0.05, p = 0.03): COVID-19, vitamin B6, omega-3, 5-HT, type 2 diabetes, a 24-hour urine, one night; see [[3ca17b72|the citrate form]] and [[30 mg]]; P value below 0.05, n > 40, more than 20 trials, at least 3 studies."\n';
    expect(isValid(topic(text))).toBe(true);
    expect(at(topic(text))).toEqual([]);
  });

  it('says what is wrong and what to do, with the figure as data', () => {
    const [f] = runCheck(check, { 'x.yaml': topic('guidance:\n  - text: Allow 4–8 weeks.\n') });
    expect(f).toMatchObject({
      rule: 'uncited-figure',
      line: 9,
      column: 17,
      endLine: 9,
      endColumn: 26,
      message: '"4–8 weeks" has no source: this text has no cite, and the figure is not in editorial_figures',
      hint: "Add cite: [key] to the statement that makes this claim, with the reference that gives the figure, or, if the figure is the editors' own, list it under editorial_figures with the reason.",
      data: { figure: '4–8 weeks' },
    });
  });

  describe('figures the scanner used to miss, at their exact place', () => {
    it.each([
      ['in the text of an inline link', 'guidance:\n  - text: See [[7a7a7a7a|1,000 mg at night for 8 weeks]].\n', [[9, 26, '1,000 mg'], [9, 48, '8 weeks']]],
      ['with a zero-width space', 'guidance:\n  - text: "Take 30\\u200bmg."\n', [[9, 17, '30 mg']]],
      ['with a right-to-left mark', 'guidance:\n  - text: Take 30\u200fmg.\n', [[9, 16, '30 mg']]],
      ['with an ideographic space', 'guidance:\n  - text: Take 30\u3000mg.\n', [[9, 16, '30 mg']]],
      ['with thin-spaced thousands', 'guidance:\n  - text: Take 10\u2009000 mg.\n', [[9, 16, '10 000 mg']]],
      ['with a leading point', 'guidance:\n  - text: Take .5 mg.\n', [[9, 16, '.5 mg']]],
      ['with "less than or equal to"', 'guidance:\n  - text: An eGFR less than or equal to 30.\n', [[9, 19, 'less than or equal to 30']]],
      ['with a plus', 'guidance:\n  - text: Adults 65+ years old.\n', [[9, 18, '65+ years']]],
      ['an age range', 'guidance:\n  - text: Adults of ages 18–65.\n', [[9, 21, 'ages 18–65']]],
      ['in ASCII micrograms', 'guidance:\n  - text: Take 10 ug.\n', [[9, 16, '10 ug']]],
    ])('%s', (_name, body, expected) => {
      expect(isValid(topic(body))).toBe(true);
      expect(at(topic(body))).toEqual(expected);
    });
  });

  describe('at the figure in every scalar style', () => {
    it.each([
      ['double-quoted, after escapes', 'guidance:\n  - text: "Say \\"no\\" \\u00e9: take 30 mg."\n', [[9, 36, '30 mg']]],
      ['single-quoted, after a doubled quote', "guidance:\n  - text: 'It''s 30 mg.'\n", [[9, 18, '30 mg']]],
      ['plain, on a continuation line', 'guidance:\n  - text: Take it\n      with 30 mg a day.\n', [[10, 12, '30 mg a day']]],
      ['literal, on a later line', 'guidance:\n  - text: |\n      First line.\n      Then 30 mg.\n', [[11, 12, '30 mg']]],
      ['folded, the same text twice', 'guidance:\n  - text: >-\n      30 mg and\n      30 mg again.\n', [[10, 7, '30 mg'], [11, 7, '30 mg']]],
      ['double-quoted across an escaped line break', 'guidance:\n  - text: "Take 30 mg and \\\n      40 mg."\n', [[9, 17, '30 mg'], [10, 7, '40 mg']]],
    ])('%s', (_name, body, expected) => {
      expect(at(topic(body))).toEqual(expected);
    });

    it('spans a figure folded across lines from its first character to its last', () => {
      const [f] = runCheck(check, { 'x.yaml': topic('guidance:\n  - text: >-\n      Take it for at least\n      4 to 8 weeks.\n') });
      expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([10, 19, 11, 19]);
    });
  });

  describe('the hint says where a cite can go', () => {
    const hint = (text: string) => runCheck(check, { 'x.yaml': text }).map((f) => [f.line, f.data?.figure, f.hint]);
    const uncitable = (field: string) =>
      `The ${field} cannot take cite: list the figure under editorial_figures with the reason (the editors' own, or restated from a statement that cites it), or move it into a statement that can take cite: [key].`;
    const CITE = "Add cite: [key] to the statement that makes this claim, with the reference that gives the figure, or, if the figure is the editors' own, list it under editorial_figures with the reason.";

    it.each([
      ["a topic's overview", topic('').replace('overview: What the topic covers.', 'overview: Take 2 g a day.'), [[7, '2 g a day', uncitable('overview')]]],
      ["a topic's summary", topic('').replace('summary: A summary long enough for the schema.', 'summary: A summary that says take 2 g a day.'), [[6, '2 g a day', uncitable('summary')]]],
      ["a topic's title", topic('').replace('title: A topic', 'title: The 8-week plan'), [[3, '8-week', uncitable('title')]]],
      ["a form comparison's overview", forms, [[8, '350 mg a day', uncitable('overview')]]],
      ["a form comparison's summary", forms.replace('overview: The upper level is 350 mg a day.', 'overview: No figures.').replace('summary: A summary long enough for the schema.', 'summary: The forms give 2 g a day.'), [[6, '2 g a day', uncitable('summary')]]],
      ['a guidance item', topic('guidance:\n  - text: Take 30 mg a day.\n'), [[9, '30 mg a day', CITE]]],
      ["a guidance item's timeframe", topic('guidance:\n  - text: Wait.\n    timeframe:\n      value: 8\n      unit: week\n'), [[11, '8 weeks', CITE]]],
      ['a section', topic('sections:\n  - heading: Dose\n    body: Most take 300 mg.\n'), [[10, '300 mg', CITE]]],
    ])('%s', (_name, text, expected) => {
      expect(isValid(text)).toBe(true);
      expect(hint(text)).toEqual(expected);
    });
  });

  describe('no longer reported', () => {
    it.each([
      ['p-values in words', 'guidance:\n  - text: "It worked (P value below 0.05; p-value less than 0.05; P < .05)."\n'],
      ['counts after a comparator', 'guidance:\n  - text: More than 20 trials and at least 3 studies (n > 40) found it.\n'],
      ['the ID of an inline link', 'guidance:\n  - text: See [[30 mg|the form]].\n'],
    ])('%s', (_name, body) => {
      expect(at(topic(body))).toEqual([]);
    });

    it('but a threshold after a measure, or with nothing after it, still is', () => {
      expect(at(topic('guidance:\n  - text: With eGFR below 30 in adults, or when it is under 15.\n'))).toEqual([
        [9, 21, 'below 30'],
        [9, 55, 'under 15'],
      ]);
    });
  });

  describe('where a cite covers a figure', () => {
    it.each([
      ['its own mapping', topic('guidance:\n  - text: Take 30 mg a day.\n    cite: [ods]\n')],
      ['an ancestor: a mechanism’s cite covers its pathways', topic('mechanisms:\n  - from: stress\n    to: loss\n    description: Over 2 weeks.\n    pathways:\n      - name: A path\n        description: It takes 8 hours.\n    cite: [ods]\n')],
      ['an ancestor: a form’s cite covers its elemental amount, notes and suits', forms.replace('overview: The upper level is 350 mg a day.', 'overview: No figures here.')],
      ['the root: claim, summary and an uncited caveat of a misconception', misconception('Take 600 mg a day.', 'caveats:\n  - type: safety\n    text: Over 350 mg a day causes diarrhoea.\n')],
      ['the root: a population caution’s threshold and prose', caution],
      ['its own mapping: an evidence item’s dose and duration', topic('evidence:\n  - design: Trial\n    outcome: Better after 8 weeks.\n    dose:\n      value: 400\n      unit: mg/day\n    duration:\n      value: 90\n      unit: day\n    cite: [ods]\n')],
    ])('%s', (_name, text) => {
      expect(isValid(text)).toBe(true);
      expect(at(text)).toEqual([]);
    });

    it('not from a sibling', () => {
      const body = 'guidance:\n  - text: Take 30 mg a day.\n    cite: [ods]\n  - text: Then 4 weeks off.\n';
      expect(at(topic(body))).toEqual([[11, 16, '4 weeks']]);
    });

    it('not from the items of the same list under another field (the form item does not cover the overview)', () => {
      expect(at(forms)).toEqual([[8, 30, '350 mg a day']]);
    });

    it('not when the mechanism has none: its pathways are uncited too', () => {
      const body = 'mechanisms:\n  - from: stress\n    to: loss\n    description: Over 2 weeks.\n    pathways:\n      - name: A path\n        description: It takes 8 hours.\n';
      expect(at(topic(body))).toEqual([
        [11, 18, 'Over 2 weeks'],
        [14, 31, '8 hours'],
      ]);
    });
  });

  describe('structured quantities', () => {
    it.each([
      ['a range timeframe, at its min', 'guidance:\n  - text: Wait.\n    timeframe:\n      min: 4\n      max: 8\n      unit: week\n', [[11, 12, '4–8 weeks']]],
      ['a single timeframe, at its value', 'guidance:\n  - text: Wait.\n    timeframe:\n      unit: week\n      value: 8\n', [[12, 14, '8 weeks']]],
    ])('reports %s without cite', (_name, body, expected) => {
      expect(at(topic(body))).toEqual(expected);
    });

    it('says it is a quantity', () => {
      const [f] = runCheck(check, { 'x.yaml': topic('guidance:\n  - text: Wait.\n    timeframe:\n      value: 8\n      unit: week\n') });
      expect(f.message).toBe('"8 weeks" has no source: this quantity has no cite, and the figure is not in editorial_figures');
    });
  });

  describe('editorial_figures', () => {
    const mark = (figure: string) => `editorial_figures:\n  - figure: ${figure}\n    reason: The library's own advice on how long to wait.\n`;

    it('covers the figure in prose and the matching quantity', () => {
      const body = 'guidance:\n  - text: Allow 4 to 8 weeks, then 4 to 8 weeks more.\n    timeframe:\n      min: 4\n      max: 8\n      unit: week\n' + mark('4 to 8 weeks');
      expect(isValid(topic(body))).toBe(true);
      expect(at(topic(body))).toEqual([]);
    });

    it('covers a figure it contains ("eGFR below 30" covers "below 30")', () => {
      expect(at(topic('guidance:\n  - text: With an eGFR below 30, ask first.\n' + mark('eGFR below 30')))).toEqual([]);
    });

    it('does not cover another spelling: dashes count', () => {
      expect(at(topic('guidance:\n  - text: Allow 4–8 weeks.\n' + mark('4 to 8 weeks')))).toEqual([
        [9, 17, '4–8 weeks'],
        [11, 13, '4 to 8 weeks'],
      ]);
    });

    it.each([
      ['"5 mg" against "25 mg"', '5 mg', 'Take 25 mg.'],
      ['"0" against "500 mg"', '0', 'Take 500 mg.'],
      ['"g" against "2 g"', 'g', 'Take 2 g.'],
      ['"0" against "20%"', '0', 'Take 20%.'],
    ])('does not let %s cover it, and reports both', (_name, figure, text) => {
      const findings = runCheck(check, { 'x.yaml': topic(`guidance:\n  - text: ${text}\n` + mark(`"${figure}"`)) });
      expect(findings.map((f) => [f.line, f.column, f.data?.figure])).toEqual([
        [9, 16, text.slice(5, -1)],
        [11, 13, figure],
      ]);
      expect(isValid(topic(`guidance:\n  - text: ${text}\n` + mark(`"${figure}"`)))).toBe(true);
    });

    it('lets a mark inside a figure cover it when it holds the figure’s number', () => {
      expect(at(topic('guidance:\n  - text: Up to 350 mg a day.\n' + mark('350 mg')))).toEqual([]);
    });

    it('reports a mark that matches no figure, at its figure', () => {
      const findings = runCheck(check, { 'x.yaml': topic(mark('6 weeks')) });
      expect(findings.map((f) => [f.line, f.column, f.message, f.data])).toEqual([[9, 13, 'editorial_figures lists "6 weeks", which matches no figure in this entry', { figure: '6 weeks' }]]);
    });
  });

  it('says nothing about an entry that does not match its schema', () => {
    expect(isValid(topic('sumary: A typo.\n'))).toBe(false);
    const body = 'sumary: A typo.\nguidance:\n  - text: Take 30 mg a day.\n' + 'editorial_figures:\n  - figure: 6 weeks\n    reason: Not in the text at all, but the entry is invalid.\n';
    expect(at(topic(body))).toEqual([]);
  });

  describe('hostile input', () => {
    it.each([
      ['a no-break space between number and unit', 'guidance:\n  - text: Take 30\u00a0mg.\n', [[9, 16, '30 mg']]],
      ['emoji before the figure', 'guidance:\n  - text: 💊 Take 30 mg.\n', [[9, 19, '30 mg']]],
      ['Arabic-Indic and full-width digits', 'guidance:\n  - text: Take ٣٠ mg or ３０ mg.\n', []],
      ['a huge number', `guidance:\n  - text: Take ${'9'.repeat(5_000)} mg.\n`, [[9, 16, `${'9'.repeat(5_000)} mg`]]],
      ['30,000 characters of digits and spaces', `guidance:\n  - text: "${'12 '.repeat(10_000)}"\n`, []],
      ['a long 1-1-1-… chain', `guidance:\n  - text: "1${'-1'.repeat(15_000)} weeks"\n`, []],
    ])('%s', (_name, body, expected) => {
      expect(at(topic(body))).toEqual(expected);
    });
  });
});

describe('uncited-figure on a copy of the real library, through the CLI', () => {
  it('reports exactly the seed’s three uncited statements, at their figures', async () => {
    const root = copyRealLibrary('reflib-uncited-');
    try {
      // A draft topic stating the figures the seed stated without a source, as plain uncited guidance.
      const ods = readFileSync(path.join(root, 'entries/cautions/kidney-disease.yaml'), 'utf8').match(/^ {2}- key: ods-magnesium\n(?: {4}.*\n| {6}.*\n)*/m)![0];
      const draft = [
        'id: f1e2d3c4',
        'kind: topic',
        'title: Figures without a source',
        'status: draft',
        'updated: 2026-12-06',
        'summary: A draft that states the seed’s figures without citing a source for them.',
        'overview: What the draft covers.',
        'guidance:',
        '  - text: "Kidney disease (eGFR below 30): supplementation should be supervised"',
        '  - text: L-threonate provides only 144 mg elemental magnesium per 1.5-2 g salt',
        '  - text: Allow 4-8 weeks of consistent supplementation before assessing wearable HRV trends',
        'references:',
        ods.trimEnd(),
        '',
      ].join('\n');
      writeFileSync(path.join(root, 'entries/topics/uncited-draft.yaml'), draft);
      const r = await runCliAsync(['validate', '--format', 'json', '--no-cache'], root);
      const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; column: number; endColumn: number; rule: string; severity: string; data?: { figure?: string } }[] };
      const ours = diagnostics.filter((d) => d.file === 'entries/topics/uncited-draft.yaml' && d.rule === 'uncited-figure');
      expect(ours.map((d) => [d.line, d.column, d.endColumn, d.severity, d.data?.figure])).toEqual([
        [9, 33, 41, 'error', 'below 30'],
        [10, 37, 43, 'error', '144 mg'],
        [10, 68, 75, 'error', '1.5-2 g'],
        [11, 17, 26, 'error', '4-8 weeks'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
