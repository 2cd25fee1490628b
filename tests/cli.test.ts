import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleEntry } from './support/citations';
import { entry, makeLibrary, runCli } from './support/fixtures';

/** The parts of a diagnostic tests assert: rule and position. */
const where = (stdout: string) =>
  (JSON.parse(stdout).diagnostics as { file: string; line: number; column: number; rule: string; severity: string }[]).map((d) => [d.file, d.line, d.column, d.rule, d.severity]);

const expectOneLineUsageError = (r: { code: number | null; stdout: string; stderr: string }, message: RegExp) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr.split('\n')[0]).toMatch(/^reflib: /);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
};

describe('reflib validate (CLI)', () => {
  it('exits 0 on a clean library and says so', () => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a', 'misconceptions: [0000000b]\n'), 'entries/b.yml': entry('misconception', '0000000b') });
    const r = runCli(['validate', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ 2 files checked, no problems\n');
  });

  it('exits 0 with warnings only', () => {
    const extra = '  - key: other\n    type: web\n    title: Another page\n    url: https://example.org/page\n    accessed: 2026-11-23\n';
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a') + extra });
    const r = runCli(['validate', '--root', root, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(where(r.stdout)).toEqual([['entries/a.yaml', 17, 10, 'unused-reference', 'warning']]);
  });

  it('reports every problem in every file in one run, with rule ids and positions, and exits 1', () => {
    const root = makeLibrary({
      'entries/dup-key.yaml': 'id: 0000000c\nkind: topic\nkind: topic\n',
      'entries/tab.yaml': 'id: 0000000d\n\tkind: topic\n',
      'entries/one.yaml': entry('topic', '0000000a').replace('summary:', 'sumary:'),
      'entries/two.yaml': entry('misconception', '0000000b').replace('status: published\n', ''),
      'entries/three.yaml': entry('misconception', '0000000b').replace('verdict: incorrect', 'verdict: wrong'),
      'entries/latin1.yaml': Buffer.from('id: 0000000e\ntitle: Gr\xf6ber\n', 'latin1'),
    });
    const r = runCli(['validate', '--root', root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(where(r.stdout)).toEqual([
      ['entries/dup-key.yaml', 3, 1, 'yaml-syntax', 'error'],
      ['entries/latin1.yaml', 2, 10, 'encoding', 'error'],
      ['entries/one.yaml', 1, 1, 'schema', 'error'],
      ['entries/one.yaml', 6, 1, 'schema', 'error'],
      ['entries/tab.yaml', 2, 1, 'yaml-syntax', 'error'],
      ['entries/three.yaml', 1, 5, 'duplicate-id', 'error'],
      ['entries/three.yaml', 8, 10, 'schema', 'error'],
      ['entries/two.yaml', 1, 1, 'schema', 'error'],
      ['entries/two.yaml', 1, 5, 'duplicate-id', 'error'],
    ]);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 6, entries: 3, errors: 9, warnings: 0, infos: 0, suppressed: 0 });
  });

  it('prints text with a code frame and a hint by default', () => {
    const root = makeLibrary({ 'entries/one.yaml': entry('topic', '0000000a').replace('summary:', 'sumary:') });
    const r = runCli(['validate', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  6:1  error  unknown field "sumary"  schema');
    expect(r.stdout).toContain('  > 6 | sumary: A short summary');
    expect(r.stdout).toContain('hint: Did you mean "summary"?');
  });

  it('prints GitHub annotations with --format github', () => {
    const root = makeLibrary({ 'entries/one.yaml': entry('topic', '0000000a').replace('summary:', 'sumary:') });
    const r = runCli(['validate', '--root', root, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=entries/one.yaml,line=6,col=1,endLine=6,endColumn=7,title=reflib schema::unknown field "sumary"');
  });

  it('defaults the root to the current folder', () => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a') });
    expect(runCli(['validate'], root).code).toBe(0);
  });

  it.each([
    ['a missing root', (root: string) => ['validate', '--root', path.join(root, 'nope')], /library root not found/],
    ['a root with no entries', (root: string) => ['validate', '--root', path.join(root, 'entries', 'sub')], /no entries\/ folder/],
    ['an unknown format', (root: string) => ['validate', '--root', root, '--format', 'xml'], /unknown format "xml"/],
    ['an unknown option', (root: string) => ['validate', '--root', root, '--frmat', 'json'], /validate has no option --frmat\n {2}Did you mean --format\?/],
    ["another command's option", (root: string) => ['validate', '--root', root, '--port', '9'], /validate does not take --port\n {2}--port is an option of serve/],
    ['--format where build has none', (root: string) => ['build', '--root', root, '--format', 'json'], /build does not take --format/],
    ['--watch with a format it cannot print', (root: string) => ['validate', '--root', root, '--watch', '--format', 'json'], /--watch prints text/],
    ['an option without its value', (root: string) => ['validate', '--root'], /--root <value>' argument missing \(validate\)/],
    // validate takes paths (tests/commands/validateScope.test.ts); build takes none.
    ['an extra operand', (root: string) => ['build', '--root', root, 'extra'], /unexpected argument "extra" for build/],
    ['an unknown command', () => ['valdate'], /unknown command "valdate"/],
  ])('exits 2 with a one-line message for %s', (_, args, message) => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a'), 'entries/sub/.keep': '' });
    expectOneLineUsageError(runCli(args(root)), message);
  });

  it('exits 2 for an empty library', () => {
    expectOneLineUsageError(runCli(['validate', '--root', makeLibrary({ 'entries/.keep': '' })]), /library is empty/);
  });

  it('reports a symbolic link under entries/ without following it, and checks the rest', () => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a'), 'secrets.yaml': 'token: s3cr3t\n' });
    symlinkSync(path.join(root, 'secrets.yaml'), path.join(root, 'entries/b.yaml'));
    const r = runCli(['validate', '--root', root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(where(r.stdout)).toEqual([['entries/b.yaml', 1, 1, 'not-a-file', 'error']]);
    expect(r.stdout + r.stderr).not.toContain('s3cr3t');
    expect(JSON.parse(r.stdout).summary).toMatchObject({ files: 2, entries: 1 });
  });

  it('prints usage for --help and exits 0; exits 2 with no command', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: reflib <command>/);
    const none = runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
    const one = runCli(['validate', '--help']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: reflib validate \[paths…\] \[--root DIR\] \[--format text\|json\|github\|sarif\|junit\]/);
  });
});

describe('the data field of --format json', () => {
  it('names the reference of a citation finding, so tools need not parse the message', () => {
    const root = makeLibrary({ 'entries/x.yaml': articleEntry({ pmid: 'PMC7761127', coi: 'status: declared\nsponsors: [Sanofi]\nstatement: Funded by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n' }) });
    const r = runCli(['validate', '--root', root, '--format', 'json']);
    const found = (JSON.parse(r.stdout).diagnostics as { rule: string; data?: unknown }[]).map((d) => [d.rule, d.data]);
    expect(found).toEqual([
      ['orphan', undefined],
      ['pmid-format', { reference: 'p' }],
      ['coi-unsurfaced', { reference: 'p', sponsor: 'Sanofi' }],
    ]);
  });
});

describe('odd files', () => {
  it.each([
    ['an empty file', ''],
    ['a comment only', '# nothing yet\n'],
    ['a bare scalar', 'hello\n'],
    ['a list', '- a\n- b\n'],
  ])('reports %s as not an entry, without crashing', (_, text) => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', '0000000a'), 'entries/odd.yaml': text });
    const r = runCli(['validate', '--root', root, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { file: string; rule: string }) => [d.file, d.rule])).toEqual([['entries/odd.yaml', 'schema']]);
  });
});
