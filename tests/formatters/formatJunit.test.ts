/**
 * JUnit XML, read back with a real XML parser: a passing case per clean
 * file, a failing case per error (rule id as classname, file and line in the
 * name), warnings and infos never failures, counts that add up.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../scripts/core/diagnostic';
import { CLEAN_CLASSNAME, formatJunit } from '../../scripts/formatters/formatJunit';
import type { RunResult } from '../../scripts/pipeline/runResult';

const diag = (file: string, line: number, severity: Severity, rule: string, message = `${rule} problem`): Diagnostic => ({
  file,
  line,
  column: 5,
  endLine: line,
  endColumn: 9,
  severity,
  rule,
  message,
});

const runResult = (diagnostics: Diagnostic[], files: string[]): RunResult => ({
  diagnostics,
  summary: {
    files: files.length,
    entries: files.length,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
    suppressed: 0,
  },
  sources: new Map(files.map((f) => [f, 'id: x\n'])),
});

type Attrs = Record<string, string>;
interface Case extends Attrs {
  failure?: any;
}
interface Suite {
  attrs: Attrs;
  cases: Case[];
  systemOut?: string;
}

/** Parses the report; attributes keep their string form, entities are decoded. */
function parse(xml: string): { root: Attrs; suites: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    htmlEntities: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name),
  }).parse(xml);
  const { testsuite = [], ...root } = doc.testsuites;
  const suites = (testsuite as any[]).map(({ testcase = [], 'system-out': systemOut, ...attrs }) => ({ attrs, cases: testcase, systemOut }));
  return { root, suites };
}

/** 41 findings: 17 errors over 6 files (two rules), 14 warnings, 10 infos, and 4 clean files. */
function library(): { result: RunResult; errors: Diagnostic[] } {
  const files = Array.from({ length: 12 }, (_, i) => `entries/f${String(i).padStart(2, '0')}.yaml`);
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < 17; i++) diagnostics.push(diag(files[i % 6], 3 + i, 'error', i % 2 ? 'schema' : 'cite-key', `error number ${i}`));
  for (let i = 0; i < 14; i++) diagnostics.push(diag(files[4 + (i % 4)], 50 + i, 'warning', 'unused-reference', `warning ${i}`));
  for (let i = 0; i < 10; i++) diagnostics.push(diag(files[i % 8], 1, 'info', 'orphan', `info ${i}`));
  return { result: runResult(diagnostics.reverse(), files), errors: diagnostics.filter((d) => d.severity === 'error') };
}

describe('formatJunit', () => {
  it('has a failing case per error, named for dashboards, and a passing case per clean file', () => {
    const { result, errors } = library();
    const { root, suites } = parse(formatJunit(result, {}));
    // 17 errors, plus files f06..f11 without errors (f06 and f07 have only warnings and infos).
    expect(root).toMatchObject({ name: 'reflib', tests: String(17 + 6), failures: '17', errors: '0' });
    expect(suites.map((s) => s.attrs.name)).toEqual(Array.from({ length: 12 }, (_, i) => `entries/f${String(i).padStart(2, '0')}.yaml`));

    const failing = suites.flatMap((s) => s.cases.filter((c) => c.failure));
    expect(failing).toHaveLength(errors.length);
    for (const c of failing) expect(c.failure).toHaveLength(1);
    const expected = errors.map((d) => ({ classname: d.rule, name: `${d.file}:${d.line}:5 ${d.message}` }));
    expect(failing.map((c) => ({ classname: c.classname, name: c.name })).sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(
      expected.sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    // GitLab keys cases by classname + name: every one is distinct.
    expect(new Set(failing.map((c) => `${c.classname}\0${c.name}`)).size).toBe(failing.length);
    expect(failing[0].failure[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/^error number \d+$/) });

    const passing = suites.flatMap((s) => s.cases.filter((c) => !c.failure));
    expect(passing.map((c) => [c.classname, c.name])).toEqual(['f06', 'f07', 'f08', 'f09', 'f10', 'f11'].map((f) => [CLEAN_CLASSNAME, `entries/${f}.yaml`]));
  });

  it('keeps counts consistent per suite, and lists warnings and infos without failing on them', () => {
    const { result } = library();
    const { suites } = parse(formatJunit(result, {}));
    for (const s of suites) {
      expect(Number(s.attrs.tests)).toBe(s.cases.length);
      expect(Number(s.attrs.failures)).toBe(s.cases.filter((c) => c.failure).length);
    }
    const f07 = suites.find((s) => s.attrs.name === 'entries/f07.yaml')!;
    expect(f07.attrs).toMatchObject({ tests: '1', failures: '0' });
    expect(f07.systemOut!.split('\n')).toEqual([
      'entries/f07.yaml:1:5 info orphan: info 7',
      ...[3, 7, 11].map((i) => `entries/f07.yaml:${50 + i}:5 warning unused-reference: warning ${i}`),
    ]);
    const warnings = suites.flatMap((s) => (s.systemOut ?? '').split('\n')).filter((l) => / warning /.test(l));
    expect(warnings).toHaveLength(14);
    expect(suites.find((s) => s.attrs.name === 'entries/f10.yaml')!.systemOut).toBeUndefined();
  });

  it('carries hostile text intact: markup, quotes, line breaks; drops what XML cannot hold', () => {
    const message = 'a <b> & "c" \'d\' ]]> tab\there\nsecond line\u0001\ud800';
    const d = { ...diag('entries/x "y".yaml', 2, 'error', 'schema', message), hint: 'Fix <it>.' };
    const { suites } = parse(formatJunit(runResult([d], ['entries/x "y".yaml']), {}));
    const c = suites[0].cases[0];
    expect(suites[0].attrs.name).toBe('entries/x "y".yaml');
    expect(c.classname).toBe('schema');
    expect(c.name).toBe('entries/x "y".yaml:2:5 a <b> & "c" \'d\' ]]> tab here second line\u0001\ud800'.replace(/[\u0001\ud800]/g, ''));
    expect(c.failure[0].message).toBe('a <b> & "c" \'d\' ]]> tab\there\nsecond line');
    expect(c.failure[0]['#text']).toBe('entries/x "y".yaml:2:5 error schema: a <b> & "c" \'d\' ]]> tab\there\nsecond line\nFix <it>.');
  });

  it('lists every file of a clean run as passing', () => {
    const { root, suites } = parse(formatJunit(runResult([], ['entries/a.yaml', 'entries/b.yaml']), {}));
    expect(root).toMatchObject({ tests: '2', failures: '0' });
    expect(suites.flatMap((s) => s.cases.map((c) => c.name))).toEqual(['entries/a.yaml', 'entries/b.yaml']);
  });
});
