/**
 * reflib's diagnostics as LSP diagnostics: 0-based ranges (UTF-16 columns),
 * the rule as code, the severity mapped, the hint on its own line, related
 * places as file URIs, and the finding's data with the rule for quick fixes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Diagnostic } from '../../scripts/core/diagnostic';
import { openWorkspace } from '../../scripts/editor/checkWorkspace';
import { SOURCE, toLspDiagnostic } from '../../scripts/editor/toLspDiagnostic';
import { entry, makeLibrary, REPO } from '../support/fixtures';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const ROOT = path.join(REPO, 'no-such-library');
const ruleHref = (rule: string) => pathToFileURL(path.join(REPO, 'docs/rules', `${rule}.md`)).href;

const base: Diagnostic = { file: 'entries/a.yaml', line: 3, column: 5, endLine: 3, endColumn: 13, severity: 'error', rule: 'broken-link', message: 'no entry has ID "aaaa0009"' };

describe('toLspDiagnostic', () => {
  it.each([
    ['error', DiagnosticSeverity.Error],
    ['warning', DiagnosticSeverity.Warning],
    ['info', DiagnosticSeverity.Information],
  ] as const)('maps severity %s to %i', (severity, lsp) => {
    expect(toLspDiagnostic({ ...base, severity }, ROOT).severity).toBe(lsp);
  });

  it('converts every field: 0-based range, rule as code, no hint, no related, data with the rule', () => {
    expect(toLspDiagnostic(base, ROOT)).toEqual({
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 12 } },
      severity: DiagnosticSeverity.Error,
      code: 'broken-link',
      source: SOURCE,
      message: 'no entry has ID "aaaa0009"',
      data: { rule: 'broken-link' },
      codeDescription: { href: ruleHref('broken-link') },
    });
    expect(SOURCE).toBe('reflib');
  });

  it('appends the hint on a new line and keeps the finding’s data beside the rule', () => {
    const d = toLspDiagnostic({ ...base, hint: 'Did you mean aaaa0001 (Entry aaaa0001)?', data: { target: 'aaaa0009', suggestion: 'aaaa0001' } }, ROOT);
    expect(d.message).toBe('no entry has ID "aaaa0009"\nDid you mean aaaa0001 (Entry aaaa0001)?');
    expect(d.data).toEqual({ rule: 'broken-link', target: 'aaaa0009', suggestion: 'aaaa0001' });
  });

  it('spans lines as given, the first line and column becoming 0', () => {
    const d = toLspDiagnostic({ ...base, line: 1, column: 1, endLine: 4, endColumn: 1 }, ROOT);
    expect(d.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
  });

  it('gives related places as file URIs under the root, with 0-based ranges', () => {
    const d = toLspDiagnostic({ ...base, related: [{ file: 'entries/sub dir/b.yaml', line: 2, column: 5, endLine: 2, endColumn: 13, message: 'also uses ID "aaaa0001"' }] }, ROOT);
    expect(d.relatedInformation).toEqual([
      {
        location: { uri: pathToFileURL(path.join(ROOT, 'entries/sub dir/b.yaml')).href, range: { start: { line: 1, character: 4 }, end: { line: 1, character: 12 } } },
        message: 'also uses ID "aaaa0001"',
      },
    ]);
    expect(d.relatedInformation![0].location.uri).toMatch(/^file:\/\/.*\/entries\/sub%20dir\/b\.yaml$/);
  });

  it('links no rule page for a rule without one', () => {
    const d = toLspDiagnostic({ ...base, rule: 'no-such-rule' }, ROOT);
    expect(d.code).toBe('no-such-rule');
    expect(d).not.toHaveProperty('codeDescription');
    expect(d).not.toHaveProperty('relatedInformation');
  });

  it('converts what the pipeline finds: duplicate IDs name each other, at the id: value', async () => {
    const root = makeLibrary({
      'entries/a.yaml': entry('topic', 'aaaa0001'),
      'entries/b.yaml': entry('misconception', 'aaaa0001'),
    });
    roots.push(root);
    const check = await openWorkspace(root).check();
    const [d] = check.byFile.get('entries/a.yaml')!.filter((x) => x.rule === 'duplicate-id');
    const lsp = toLspDiagnostic(d, root);
    expect(lsp.range).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 12 } });
    expect(lsp.code).toBe('duplicate-id');
    expect(lsp.severity).toBe(DiagnosticSeverity.Error);
    expect(lsp.message).toBe(`${d.message}\n${d.hint}`);
    expect(lsp.relatedInformation).toEqual([
      { location: { uri: pathToFileURL(path.join(root, 'entries/b.yaml')).href, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 12 } } }, message: 'also uses ID "aaaa0001"' },
    ]);
    expect(lsp.codeDescription).toEqual({ href: ruleHref('duplicate-id') });
  });

  it('counts columns in UTF-16 code units after Unicode, as LSP does', async () => {
    const root = makeLibrary({ 'entries/a.yaml': entry('topic', 'aaaa0001').replace('overview: What the topic covers.', 'overview: Café 𝔘 see [[0badf00d]].') });
    roots.push(root);
    const check = await openWorkspace(root).check();
    const d = check.byFile.get('entries/a.yaml')!.find((x) => x.rule === 'broken-link')!;
    const lsp = toLspDiagnostic(d, root);
    const lineText = 'overview: Café 𝔘 see [[0badf00d]].';
    expect(lsp.range).toEqual({ start: { line: 6, character: lineText.indexOf('[[') }, end: { line: 6, character: lineText.indexOf(']]') + 2 } });
    expect(lsp.data).toEqual({ ...d.data, rule: 'broken-link' });
    expect(lsp.data).toMatchObject({ target: '0badf00d' });
  });
});
