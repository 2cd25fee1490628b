/**
 * The github format stays within what GitHub shows (10 annotations per level
 * per step), puts errors and changed files first, and says how many it left
 * out; the job summary lists every finding, escaped, within 1 MiB.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../scripts/core/diagnostic';
import { ANNOTATIONS_PER_LEVEL_PER_STEP, formatGithub } from '../../scripts/formatters/formatGithub';
import { escapeMarkdown, formatStepSummary, STEP_SUMMARY_LIMIT_BYTES } from '../../scripts/formatters/formatStepSummary';
import type { RunResult } from '../../scripts/pipeline/runResult';
import { unescapeMarkdown } from '../support/formatterFixtures';

const diag = (file: string, line: number, severity: Severity, rule = 'schema', message = `${rule} at ${file}:${line}`): Diagnostic => ({
  file,
  line,
  column: 3,
  endLine: line,
  endColumn: 9,
  severity,
  rule,
  message,
});

const runResult = (diagnostics: Diagnostic[], files = 30): RunResult => ({
  diagnostics,
  summary: {
    files,
    entries: files,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
    suppressed: 0,
  },
  sources: new Map(),
});

/** A deterministic shuffle, so print order cannot come from input order. */
function shuffle<T>(list: T[]): T[] {
  const out = [...list];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** 15 errors, 14 warnings and 13 infos over 14 files: 42 findings. */
function manyFindings(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < 15; i++) out.push(diag(`entries/f${String(i % 14).padStart(2, '0')}.yaml`, 10 + i, 'error', 'schema'));
  for (let i = 0; i < 14; i++) out.push(diag(`entries/f${String(13 - i).padStart(2, '0')}.yaml`, 40 + i, 'warning', 'unused-reference'));
  for (let i = 0; i < 13; i++) out.push(diag(`entries/f${String(i).padStart(2, '0')}.yaml`, 1, 'info', 'orphan'));
  return shuffle(out);
}

interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Parses workflow-command lines back. */
function parseAnnotations(out: string): Annotation[] {
  expect(out.endsWith('\n')).toBe(true);
  return out
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2].split(',').map((p) => p.split('=')).map(([k, v]) => [k, unescapeData(v)]));
      return { level: m![1], props, message: unescapeData(m![3]) };
    });
}

const countLevels = (list: Annotation[]) => ({
  error: list.filter((a) => a.level === 'error').length,
  warning: list.filter((a) => a.level === 'warning').length,
  notice: list.filter((a) => a.level === 'notice').length,
});

const omittedCount = (a: Annotation) => Number(/^reflib: (\d+) findings? (?:was|were) not annotated/.exec(a.message)?.[1]);

describe('formatGithub', () => {
  it('uses the documented limits', () => {
    expect(ANNOTATIONS_PER_LEVEL_PER_STEP).toEqual({ error: 10, warning: 10, notice: 10 });
  });

  it('prints at most 10 annotations per level for 42 findings, errors first, and says how many it left out', () => {
    const findings = manyFindings();
    const list = parseAnnotations(formatGithub(runResult(findings)));
    expect(countLevels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(list.map((a) => a.level)).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), ...Array(10).fill('notice')]);
    // 9 findings and the closing notice share the 10 notice slots.
    const last = list[list.length - 1];
    expect(last.props).toEqual({ title: 'reflib' });
    expect(omittedCount(last)).toBe(42 - 29);
    expect(last.message).toContain('5 errors, 4 warnings, 4 notices');
    expect(last.message).toContain('run reflib validate');
    // Within a level: by file, then line.
    const errors = list.filter((a) => a.level === 'error').map((a) => [a.props.file, Number(a.props.line)]);
    expect(errors).toEqual([...errors].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : (a[1] as number) - (b[1] as number))));
    expect(errors[0]).toEqual(['entries/f00.yaml', 10]);
  });

  it('annotates the files the change touches first, within each level', () => {
    const findings = manyFindings();
    // f13 sorts last: without the change set its error (line 23) and its warnings are left out.
    const plain = parseAnnotations(formatGithub(runResult(findings)));
    expect(plain.some((a) => a.props.file === 'entries/f13.yaml')).toBe(false);
    const list = parseAnnotations(formatGithub(runResult(findings), { changedFiles: new Set(['entries/f13.yaml', 'entries/f12.yaml']) }));
    expect(countLevels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    const firstOf = (level: string) => list.filter((a) => a.level === level).slice(0, 2).map((a) => [a.props.file, a.props.line]);
    expect(firstOf('error')).toEqual([
      ['entries/f12.yaml', '22'],
      ['entries/f13.yaml', '23'],
    ]);
    expect(firstOf('warning')).toEqual([
      ['entries/f12.yaml', '41'],
      ['entries/f13.yaml', '40'],
    ]);
    expect(firstOf('notice')).toEqual([['entries/f12.yaml', '1'], ['entries/f00.yaml', '1']]);
  });

  it('still leads with errors when warnings are in changed files', () => {
    const list = parseAnnotations(formatGithub(runResult([diag('entries/b.yaml', 1, 'warning'), diag('entries/z.yaml', 9, 'error')]), { changedFiles: new Set(['entries/b.yaml']) }));
    expect(list.map((a) => [a.level, a.props.file])).toEqual([
      ['error', 'entries/z.yaml'],
      ['warning', 'entries/b.yaml'],
    ]);
  });

  it('prints everything, with no closing notice, when each level fits', () => {
    const findings = [
      ...Array.from({ length: 10 }, (_, i) => diag('entries/a.yaml', i + 1, 'error')),
      ...Array.from({ length: 10 }, (_, i) => diag('entries/a.yaml', i + 20, 'warning')),
      ...Array.from({ length: 10 }, (_, i) => diag('entries/a.yaml', i + 40, 'info')),
    ];
    const list = parseAnnotations(formatGithub(runResult(shuffle(findings))));
    expect(countLevels(list)).toEqual({ error: 10, warning: 10, notice: 10 });
    expect(list.every((a) => a.props.file === 'entries/a.yaml')).toBe(true);
  });

  it('gives up one notice slot to the closing notice when only notices overflow', () => {
    const list = parseAnnotations(formatGithub(runResult(Array.from({ length: 11 }, (_, i) => diag('entries/a.yaml', i + 1, 'info')))));
    expect(countLevels(list)).toEqual({ error: 0, warning: 0, notice: 10 });
    expect(omittedCount(list[9])).toBe(2);
  });

  it('gives up one notice slot when errors overflow, even with 10 infos', () => {
    const findings = [...Array.from({ length: 11 }, (_, i) => diag('entries/a.yaml', i + 1, 'error')), ...Array.from({ length: 10 }, (_, i) => diag('entries/b.yaml', i + 1, 'info'))];
    const list = parseAnnotations(formatGithub(runResult(findings)));
    expect(countLevels(list)).toEqual({ error: 10, warning: 0, notice: 10 });
    expect(omittedCount(list[19])).toBe(2);
    expect(list[19].message).toContain('1 error, 1 notice');
  });

  it('points to the job summary when one was written', () => {
    const list = parseAnnotations(formatGithub(runResult(manyFindings()), { summaryWritten: true }));
    expect(list[list.length - 1].message).toMatch(/see the job summary for every finding\.$/);
  });

  it('prints nothing for a clean run', () => {
    expect(formatGithub(runResult([]))).toBe('');
  });

  it('prefixes paths with the library folder inside the repository', () => {
    const list = parseAnnotations(formatGithub(runResult([diag('entries/a.yaml', 1, 'error')]), { pathPrefix: 'library/' }));
    expect(list[0].props.file).toBe('library/entries/a.yaml');
  });
});

interface Listed {
  file: string;
  rule: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  url?: string;
}


/** Reads the findings back out of a summary: file and rule from the headings, the rest from each item. */
function parseSummary(md: string): { listed: Listed[]; leftOut: number } {
  const listed: Listed[] = [];
  let file = '';
  let rule = '';
  let leftOut = 0;
  for (const line of md.split('\n')) {
    const h3 = /^### (.+?)( \*\(changed\)\*)?$/.exec(line);
    const h4 = /^#### (.+) \(\d+\)$/.exec(line);
    const item = /^- (?:\[(.+?)\]\((\S+?)\)|(\S+)) \*\*(error|warning|info)\*\* (.*)$/.exec(line);
    const cut = /^\*\*(\d+) findings? (?:was|were) left out\*\*/.exec(line);
    if (h3) file = unescapeMarkdown(h3[1]);
    else if (h4) rule = unescapeMarkdown(h4[1]);
    else if (item) {
      const where = unescapeMarkdown(item[1] ?? item[3]);
      const m = /^(.*):(\d+):(\d+)$/.exec(where)!;
      expect(m[1]).toBe(file);
      const [message] = item[5].split(' — ');
      listed.push({ file, rule, line: Number(m[2]), column: Number(m[3]), severity: item[4], message: unescapeMarkdown(message), url: item[2] });
    } else if (cut) leftOut = Number(cut[1]);
  }
  return { listed, leftOut };
}

const key = (d: { file: string; rule: string; line: number; column: number; severity: string; message: string }) => JSON.stringify([d.file, d.rule, d.line, d.column, d.severity, d.message]);

describe('formatStepSummary', () => {
  const links = { serverUrl: 'https://github.com', repository: 'acme/health', sha: 'c0ffee'.padEnd(40, '0') };

  it('lists every one of 42 findings once, grouped by file then rule, with totals', () => {
    const findings = manyFindings();
    const md = formatStepSummary(runResult(findings), { links });
    expect(md.split('\n')[0]).toBe('## reflib validate: 15 errors, 14 warnings, 13 info');
    expect(md).toContain('42 findings in 14 files; 30 files checked.');
    const { listed, leftOut } = parseSummary(md);
    expect(leftOut).toBe(0);
    expect(listed.map(key).sort()).toEqual(findings.map(key).sort());
    // Each file heading once, each rule once per file.
    const headings = md.split('\n').filter((l) => l.startsWith('### '));
    expect(new Set(headings).size).toBe(headings.length);
    expect(headings).toHaveLength(14);
    expect(listed.every((l) => l.url === `https://github.com/acme/health/blob/${links.sha}/${l.file}#L${l.line}`)).toBe(true);
  });

  it('puts changed files first and marks them', () => {
    const md = formatStepSummary(runResult(manyFindings()), { changedFiles: new Set(['entries/f13.yaml']) });
    expect(md.split('\n').find((l) => l.startsWith('### '))).toBe('### entries/f13.yaml *(changed)*');
  });

  it('writes plain file:line:column without links', () => {
    const { listed } = parseSummary(formatStepSummary(runResult([diag('entries/a.yaml', 4, 'error')])));
    expect(listed).toEqual([{ file: 'entries/a.yaml', rule: 'schema', line: 4, column: 3, severity: 'error', message: 'schema at entries/a.yaml:4', url: undefined }]);
  });

  it('escapes untrusted messages: no HTML, links, code spans or table cells get through', () => {
    const hostile = 'a | b <script>alert(1)</script> `code` [x](https://evil.example) **bold** <img src=x onerror=alert(1)> &amp;\n# heading\n| c |';
    const md = formatStepSummary(runResult([{ ...diag('entries/a (1).yaml', 2, 'warning'), message: hostile, hint: '<b>hint</b>' }]), { links });
    expect(md).not.toMatch(/<(script|img|b)\b/i);
    expect(md).not.toMatch(/(^|[^\\])[|`]/m);
    expect(md).not.toContain('](https://evil');
    expect(md.split('\n').filter((l) => l.startsWith('#')).map((l) => l.split(' ')[0])).toEqual(['##', '###', '####']);
    const { listed } = parseSummary(md);
    expect(listed).toHaveLength(1);
    expect(listed[0].message).toBe(hostile);
    expect(listed[0].file).toBe('entries/a (1).yaml');
    // Parentheses in the path are encoded, so they cannot end the link early.
    expect(listed[0].url).toBe(`https://github.com/acme/health/blob/${links.sha}/entries/a%20%281%29.yaml#L2`);
  });

  it('escapeMarkdown leaves plain words alone', () => {
    expect(escapeMarkdown('unknown field "sumary" in entries/a-b.yaml')).toBe('unknown field "sumary" in entries/a-b.yaml');
  });

  it('stays within 1 MiB, and says how many findings it left out', () => {
    const big = 'x'.repeat(40_000);
    const findings = manyFindings().map((d) => ({ ...d, message: `${d.message} ${big}` }));
    const md = formatStepSummary(runResult(findings), { links });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    const { listed, leftOut } = parseSummary(md);
    expect(leftOut).toBeGreaterThan(0);
    expect(listed.length + leftOut).toBe(42);
    expect(new Set(listed.map(key)).size).toBe(listed.length);
    expect(md.trimEnd().split('\n').pop()).toMatch(/^\*\*\d+ findings were left out\*\*: GitHub shows at most 1 MiB of job summary per step\. Run `reflib validate` to see every finding\.$/);
  });

  it('fits a smaller budget exactly', () => {
    for (const maxBytes of [600, 1500, 4000]) {
      const md = formatStepSummary(runResult(manyFindings()), { maxBytes });
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(maxBytes);
      const { listed, leftOut } = parseSummary(md);
      expect(listed.length + leftOut).toBe(42);
    }
  });

  it('says so when there is nothing to report', () => {
    expect(formatStepSummary(runResult([], 3))).toBe('## reflib validate: no problems\n\n3 files checked.\n');
  });
});
