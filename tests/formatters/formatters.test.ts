import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../scripts/formatters/formatGithub';
import { formatJson } from '../../scripts/formatters/formatJson';
import { codeFrame, formatText } from '../../scripts/formatters/formatText';
import { d, result } from '../support/formatterFixtures';

const plain = (_: unknown, t: string) => t;

describe('codeFrame', () => {
  it('shows the line before and after, and underlines the span', () => {
    expect(codeFrame('one\ntwo three\nfour\n', { line: 2, column: 5, endLine: 2, endColumn: 10 }, plain)).toBe(
      ['    1 | one', '  > 2 | two three', '      |     ^^^^^', '    3 | four'].join('\n'),
    );
  });

  it('underlines at least one character and to the end of the line for multi-line spans', () => {
    expect(codeFrame('a: |\n  x\n', { line: 1, column: 4, endLine: 2, endColumn: 1 }, plain).split('\n')[1]).toBe('      |    ^');
    expect(codeFrame('abc\n', { line: 1, column: 4, endLine: 1, endColumn: 4 }, plain).split('\n')[1]).toBe('      |    ^');
  });
});

describe('formatText', () => {
  it('groups by file, with position, severity, rule, frame and hint', () => {
    const out = formatText(result([d]), { color: false });
    expect(out).toContain('entries/a, b.yaml  (entry 3ca17b72)');
    expect(out).toContain('  2:1  error  unknown field "sumary"  schema');
    expect(out).toContain('  > 2 | sumary: x');
    expect(out).toContain('hint: Did you mean "summary"?');
    expect(out.trimEnd().split('\n').pop()).toBe('✖ 1 problem (1 error, 0 warnings) in 3 files');
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('says so when there are no problems', () => {
    expect(formatText(result([]), { color: false })).toBe('✔ 3 files checked, no problems\n');
  });

  it('colours only when asked', () => {
    expect(formatText(result([d]), { color: true })).toMatch(/\x1b\[/);
  });
});

describe('formatJson', () => {
  it('prints the documented contract', () => {
    expect(JSON.parse(formatJson(result([d]), {}))).toEqual({ diagnostics: [d], summary: { files: 3, entries: 3, errors: 1, warnings: 0, infos: 0, suppressed: 0 } });
  });
});

describe('formatGithub', () => {
  it('writes one workflow command per diagnostic, escaping properties and data', () => {
    const out = formatGithub(result([d, { ...d, severity: 'warning', message: '100% sure\nreally', hint: undefined }]), {});
    expect(out.split('\n')).toEqual([
      '::error file=entries/a%2C b.yaml,line=2,col=1,endLine=2,endColumn=7,title=reflib schema::unknown field "sumary"%0ADid you mean "summary"?',
      '::warning file=entries/a%2C b.yaml,line=2,col=1,endLine=2,endColumn=7,title=reflib schema::100%25 sure%0Areally',
      '',
    ]);
  });
});

describe('formatJunit', () => {
  it('writes one suite per file, a failing case per error, and a passing case for clean files', async () => {
    const { formatJunit } = await import('../../scripts/formatters/formatJunit');
    const r = result([{ ...d, message: 'a <b> & "c"' }]);
    const xml = formatJunit({ ...r, sources: new Map([...r.sources, ['entries/clean.yaml', 'id: x']]) }, {});
    expect(xml).toContain('<testsuites name="reflib" tests="2" failures="1" errors="0">');
    expect(xml).toContain('<testsuite name="entries/a, b.yaml" tests="1" failures="1" errors="0">');
    expect(xml).toContain('<failure type="error" message="a &lt;b&gt; &amp; &quot;c&quot;">');
    expect(xml).toContain('<testcase classname="reflib" name="entries/clean.yaml" file="entries/clean.yaml"/>');
  });
});

describe('formatText: entry text cannot start a line (CI runners read lines starting with :: or ##[ as commands)', () => {
  it.each([
    ['a message', { message: 'unknown field "x \n::warning file=a::injected"' }],
    ['a hint', { hint: 'try\r\n##[error]injected' }],
    ['a file name', { file: 'entries/a\n::stop-commands::t.yaml' }],
    ['a related location', { related: [{ file: 'entries/b.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'also\u2028::error::x' }] }],
  ])('a line break in %s is shown as ⏎', (_name, change) => {
    const text = formatText(result([{ ...d, ...change }]), { color: false });
    expect(text.split('\n').filter((line) => /^(::|##\[)/.test(line))).toEqual([]);
    expect(text).toContain(' ⏎ ');
  });
});
