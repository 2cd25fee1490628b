/**
 * runChecks locates only what the run will show: a rule turned off is not
 * located, and past MAX_FINDINGS_PER_RULE findings of one rule in one file
 * only the first MAX_FINDINGS_PER_RULE + 1 by position are, while what
 * capFindings makes of the group stays the same.
 */
import { describe, expect, it } from 'vitest';
import type { Check, CheckFinding } from '../../scripts/checks/check';
import { runChecks } from '../../scripts/checks/runChecks';
import { CHECKS } from '../../scripts/checks';
import { buildLinkGraph } from '../../scripts/graph/buildLinkGraph';
import { entry } from '../support/fixtures';
import uncitedFigure from '../../scripts/checks/uncited-figure';
import type { Finding } from '../../scripts/core/diagnostic';
import { MAX_FINDINGS_PER_RULE } from '../../scripts/core/limits';
import { locateInString, locatePointer } from '../../scripts/core/locatePointer';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { capFindings } from '../../scripts/pipeline/capFindings';
import { validateEntries } from '../../scripts/validate/validateEntries';

const REFERENCES = 'references:\n  - key: ods\n    type: web\n    title: Magnesium fact sheet\n    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/\n    accessed: 2026-11-23\n';
const HEAD = 'id: aaaa0001\nkind: topic\ntitle: A topic\nstatus: draft\nupdated: 2026-11-23\nsummary: A summary long enough for the schema.\noverview: What the topic covers.\n';

/** A topic with `sections` sections whose bodies say "1 mg" `repeats` times (section k's body is on line 10 + 2k). */
const bigTopic = (sections: number, repeats: number, extra = '') =>
  `${HEAD}${extra}sections:\n${Array.from({ length: sections }, (_, k) => `  - heading: Part ${k}\n    body: ${'1 mg '.repeat(repeats).trim()}\n`).join('')}${REFERENCES}`;

function load(text: string, path = 'entries/big.yaml'): LoadedEntry {
  const parsed = parseEntry(path, text);
  if (!parsed.entry) throw new Error(JSON.stringify(parsed.findings));
  return parsed.entry;
}

function run(entries: LoadedEntry[], checks: Check[], severities?: Record<string, string>): Finding[] {
  return runChecks({ entries, valid: new Set(validateEntries(entries).valid), checks, severities });
}

/** Remembered spans: what was located, and will be kept in the content cache. */
const spansRemembered = (entry: LoadedEntry) => Object.keys(entry.file.memo().facts).filter((k) => /^[ivc]/.test(k)).length;

/** A check that flags the given places, in the given order, under `rule`. */
function flagging(rule: string, places: Omit<CheckFinding, 'entry' | 'message'>[]): Check {
  return {
    meta: { id: rule, description: 'test', defaultSeverity: 'error' },
    create: ({ flag }) => ({
      entry(entry) {
        places.forEach((p, k) => flag({ entry, ...p, message: `m${k}`, data: { k } }));
      },
    }),
  };
}

/** What runChecks used to return: every finding located, in flag order (on a fresh parse, so nothing is shared). */
function locateAll(text: string, rule: string, places: Omit<CheckFinding, 'entry' | 'message'>[]): Finding[] {
  const entry = load(text);
  return places.map((p, k) => ({
    file: entry.file.path,
    ...(p.range ? locateInString(entry.file, p.pointer, p.range[0], p.range[1]) : locatePointer(entry.file, p.pointer, p.target ?? 'value')),
    rule,
    message: `m${k}`,
    hint: undefined,
    entry: entry.id,
    related: undefined,
    data: { k },
  }));
}

describe('runChecks', () => {
  describe('a large file with one rule far past the cap (30 sections of "1 mg" 6,400 times: 192,000 findings)', () => {
    const text = bigTopic(30, 6_400);
    const entry = load(text);
    const found = run([entry], [uncitedFigure]);

    it('keeps the group its full size, so capFindings counts the rest', () => {
      expect(text.length).toBeGreaterThan(960_000);
      expect(found).toHaveLength(192_000);
      const capped = capFindings(found);
      expect(capped).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
      expect(capped.slice(0, 3).map((f) => [f.line, f.column, f.endColumn, f.data?.figure])).toEqual([
        [10, 11, 15, '1 mg'],
        [10, 16, 20, '1 mg'],
        [10, 21, 25, '1 mg'],
      ]);
      expect(capped[MAX_FINDINGS_PER_RULE - 1]).toMatchObject({ line: 10, column: 11 + 5 * (MAX_FINDINGS_PER_RULE - 1) });
      expect(capped[MAX_FINDINGS_PER_RULE]).toMatchObject({ line: 10, column: 11 + 5 * MAX_FINDINGS_PER_RULE, message: 'and 191900 more uncited-figure findings in this file, from here on', data: { more: 191_900 } });
    });

    it('locates only the first MAX_FINDINGS_PER_RULE + 1 by position', () => {
      expect(spansRemembered(entry)).toBe(MAX_FINDINGS_PER_RULE + 1);
    });
  });

  describe('ordering past the cap, as capFindings orders', () => {
    // 150 guidance items, each "Take 1 mg." (item k's text on line 9 + k).
    const text = `${HEAD}guidance:\n${Array.from({ length: 150 }, () => '  - text: Take 1 mg.\n').join('')}${REFERENCES}`;
    const figure = (k: number) => ({ pointer: `/guidance/${k}/text`, range: [5, 9] as [number, number] });
    const item = (k: number) => ({ pointer: `/guidance/${k}` });
    const key = (k: number) => ({ pointer: `/guidance/${k}/text`, target: 'key' as const });

    it.each([
      ['in document order', Array.from({ length: 150 }, (_, k) => figure(k))],
      ['in reverse', Array.from({ length: 150 }, (_, k) => figure(149 - k))],
      ['interleaved by two', Array.from({ length: 150 }, (_, k) => figure(k % 2 ? 149 - k : k))],
      // Places that tie (same line and column) keep the order they were flagged in.
      ['with ties, around the cap', [...Array.from({ length: 120 }, (_, k) => figure(119 - k)), ...Array.from({ length: 40 }, () => figure(100)), figure(99), figure(101)]],
      ['mixing ranges, keys and items', Array.from({ length: 150 }, (_, k) => [figure, item, key][k % 3](149 - k))],
    ])('%s', (_name, places) => {
      const entry = load(text);
      const found = run([entry], [flagging('test-rule', places)]);
      expect(found).toHaveLength(places.length);
      expect(capFindings(found)).toEqual(capFindings(locateAll(text, 'test-rule', places)));
      expect(spansRemembered(entry)).toBeLessThanOrEqual(MAX_FINDINGS_PER_RULE + 1);
    });

    it('returns a group at or under the cap exactly as before, in flag order', () => {
      const places = Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, k) => figure(149 - k));
      expect(run([load(text)], [flagging('test-rule', places)])).toEqual(locateAll(text, 'test-rule', places));
    });

    it('locates every finding of a file with a suppression comment, whose lines decide what it silences', () => {
      const marked = text.replace('guidance:\n', 'guidance:\n  # reflib-disable-next-line test-rule -- a test\n');
      const places = Array.from({ length: 150 }, (_, k) => figure(149 - k));
      const entry = load(marked);
      expect(run([entry], [flagging('test-rule', places)])).toEqual(locateAll(marked, 'test-rule', places));
      expect(spansRemembered(entry)).toBe(150);
    });

    it('caps each file and rule on its own', () => {
      const a = load(text, 'entries/a.yaml');
      const b = load(text, 'entries/b.yaml');
      const places = Array.from({ length: 150 }, (_, k) => figure(k));
      const found = run([a, b], [flagging('one', places), flagging('two', places.slice(0, 10))]);
      expect(found).toHaveLength(2 * (150 + 10));
      expect(capFindings(found).map((f) => `${f.file} ${f.rule}`).filter((x, i, all) => all.indexOf(x) === i)).toEqual(['entries/a.yaml one', 'entries/a.yaml two', 'entries/b.yaml one', 'entries/b.yaml two']);
      expect([spansRemembered(a), spansRemembered(b)]).toEqual([MAX_FINDINGS_PER_RULE + 1, MAX_FINDINGS_PER_RULE + 1]);
    });
  });

  describe('a rule turned off', () => {
    it('is not located at all: the file is never parsed for positions', () => {
      const entry = load(bigTopic(2, 50));
      expect(run([entry], [uncitedFigure], { 'uncited-figure': 'off' })).toEqual([]);
      expect(entry.file.hasDocument).toBe(false);
      expect(spansRemembered(entry)).toBe(0);
    });

    it('leaves other rules, and other levels, alone', () => {
      const entry = load(bigTopic(1, 3));
      const other = flagging('other-rule', [{ pointer: '/title' }]);
      const found = run([entry], [uncitedFigure, other], { 'uncited-figure': 'off', 'other-rule': 'warning' });
      expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([['other-rule', 3, 8]]);
      expect(run([load(bigTopic(1, 3))], [uncitedFigure], { 'uncited-figure': 'warning' }).map((f) => [f.line, f.column])).toEqual([
        [10, 11],
        [10, 16],
        [10, 21],
      ]);
    });

    it('is still located in a file with a suppression comment, which must know whether it is used', () => {
      const entry = load(bigTopic(1, 3, '# reflib-disable-next-line uncited-figure -- a test\n'));
      expect(run([entry], [uncitedFigure], { 'uncited-figure': 'off' }).map((f) => [f.line, f.column])).toEqual([
        [11, 11],
        [11, 16],
        [11, 21],
      ]);
    });
  });
});

describe('runChecks remembers what entry-scoped checks found for each entry', () => {
  const lock = () => ({ lockVersion: 2, records: {} });
  /** Counts the calls of one entry-scoped check's entry visitor, through the registry the pipeline uses. */
  function counting(id: string): { calls: () => number; restore: () => void } {
    const check = CHECKS.find((c) => c.meta.id === id)!;
    const create = check.create;
    let calls = 0;
    check.create = (context) => {
      const visitor = create(context);
      return { entry: (entry, valid) => (calls++, visitor.entry!(entry, valid)) };
    };
    return { calls: () => calls, restore: () => (check.create = create) };
  }
  const topic = (n: number, cite = 'ods') => load(`${HEAD.replace('aaaa0001', `aaaa000${n}`)}sections:\n  - heading: Part\n    body: Text.\n    cite: [${cite}]\n${REFERENCES}`, `entries/t${n}.yaml`);

  it('declares scope entry only for checks that have an entry visitor and nothing else', () => {
    const context = { graph: buildLinkGraph([]), lock: lock(), retiredBefore: new Map(), flag: () => undefined };
    const scoped = CHECKS.filter((c) => c.meta.scope === 'entry');
    expect(scoped.length).toBeGreaterThanOrEqual(10);
    for (const c of scoped) expect(Object.keys(c.create(context)), c.meta.id).toEqual(['entry']);
    const linkScoped = CHECKS.filter((c) => c.meta.scope === 'links');
    expect(linkScoped.map((c) => c.meta.id).sort()).toEqual(['link-kind', 'unpublished-link']);
    for (const c of linkScoped) expect(Object.keys(c.create(context)), c.meta.id).toEqual(['links']);
    // Every other check sees the whole library: no entry-only visitor that the runner would not remember.
    for (const c of CHECKS.filter((c) => !c.meta.scope)) expect(Object.keys(c.create(context)), c.meta.id).toContain('end');
  });

  it('visits the links of an entry again only when the entry or one of its targets changed', () => {
    const spy = { calls: 0 };
    const check = CHECKS.find((c) => c.meta.id === 'link-kind')!;
    const create = check.create;
    check.create = (context) => {
      const visitor = create(context);
      return { links: (source, links, targets) => (spy.calls++, visitor.links!(source, links, targets)) };
    };
    try {
      const myth = (n: number) => load(entry('misconception', `bbbb000${n}`), `entries/m${n}.yaml`);
      const t = (n: number, links: string) => load(entry('topic', `aaaa000${n}`, links), `entries/t${n}.yaml`);
      const entries = [t(1, 'misconceptions: [bbbb0001]\n'), t(2, 'misconceptions: [bbbb0002]\n'), t(3, 'misconceptions: [aaaa0001]\n'), myth(1), myth(2)];
      const runAll = (list: LoadedEntry[]) => runChecks({ entries: list, valid: new Set(validateEntries(list).valid), lock: { lockVersion: 2, records: {} } });
      const first = runAll(entries);
      expect(first.filter((f) => f.rule === 'link-kind').map((f) => f.file)).toEqual(['entries/t3.yaml']);
      expect(spy.calls).toBe(3);
      expect(runAll(entries)).toEqual(first);
      expect(spy.calls).toBe(3);
      // bbbb0002 edited (a new parse): only t2, which links to it, is visited again.
      runAll([...entries.slice(0, 4), myth(2)]);
      expect(spy.calls).toBe(4);
    } finally {
      check.create = create;
    }
  });

  it('visits only the entries that are new, or whose validity or lock changed, and finds the same', () => {
    const spy = counting('cite-key');
    try {
      const entries = [1, 2, 3, 4, 5].map((n) => topic(n));
      const valid = new Set(validateEntries(entries).valid);
      const theLock = lock();
      expect(valid.size).toBe(5);
      const first = runChecks({ entries, valid, lock: theLock });
      expect(spy.calls()).toBe(5);
      expect(runChecks({ entries, valid, lock: theLock })).toEqual(first);
      expect(spy.calls()).toBe(5);
      // One entry edited (a new parse) to cite a key it does not define: only it is visited, and its finding appears.
      const edited = [...entries.slice(0, 4), topic(5, 'missing')];
      const again = runChecks({ entries: edited, valid: new Set(validateEntries(edited).valid), lock: theLock });
      expect(spy.calls()).toBe(6);
      expect(again.filter((f) => f.rule === 'cite-key').map((f) => f.file)).toEqual(['entries/t5.yaml']);
      // Another lock (a new lock text) visits everything again.
      const other = lock();
      runChecks({ entries, valid, lock: other });
      expect(spy.calls()).toBe(11);
      // An entry now counted invalid is visited again, with its new validity.
      runChecks({ entries, valid: new Set(entries.slice(1)), lock: other });
      expect(spy.calls()).toBe(12);
    } finally {
      spy.restore();
    }
  });
});
