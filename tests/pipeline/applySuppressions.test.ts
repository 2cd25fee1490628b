import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/core/diagnostic';
import { STRICT_SEVERITIES } from '../../scripts/pipeline/severitiesFor';
import { articleEntry, lockOf, record } from '../support/citations';
import { applySuppressions } from '../../scripts/pipeline/applySuppressions';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { entry, makeLibrary } from '../support/fixtures';

/** A published misconception nothing links to: one orphan finding at 1:5 (line 2 with a comment above). */
const orphan = (comment: string) => makeLibrary({ 'entries/m.yaml': comment + entry('misconception', 'bbbbbbbb') });
const where = (ds: { rule: string; line: number; severity: string }[]) => ds.map((d) => [d.rule, d.line, d.severity]);

describe('reflib-disable-next-line', () => {
  it('suppresses the named rule on the next line, and counts it', async () => {
    const { result } = await checkLibrary(orphan('# reflib-disable-next-line orphan -- reached from the app home screen\n'));
    expect(result.diagnostics).toEqual([]);
    expect(result.summary.suppressed).toBe(1);
  });

  it.each([
    ['without a reason', '# reflib-disable-next-line orphan\n', [['suppression', 1, 'error'], ['orphan', 2, 'info']]],
    ['without a rule', '# reflib-disable-next-line -- because\n', [['suppression', 1, 'error'], ['orphan', 2, 'info']]],
    ['naming an unknown rule', '# reflib-disable-next-line orphen -- because\n', [['suppression', 1, 'error'], ['orphan', 2, 'info']]],
    ['naming another rule than the finding', '# reflib-disable-next-line self-link -- because\n', [['unused-suppression', 1, 'warning'], ['orphan', 2, 'info']]],
    ['one line too high', '# reflib-disable-next-line orphan -- because\n\n', [['unused-suppression', 1, 'warning'], ['orphan', 3, 'info']]],
  ])('reports a suppression %s', async (_, comment, expected) => {
    const { result } = await checkLibrary(orphan(comment));
    expect(where(result.diagnostics)).toEqual(expected);
  });

  it('suggests the rule meant', async () => {
    const { result } = await checkLibrary(orphan('# reflib-disable-next-line orphen -- because\n'));
    expect(result.diagnostics[0].hint).toBe('Did you mean "orphan"?');
  });

  it('suppresses several rules at once', async () => {
    const text = entry('topic', 'aaaaaaaa', 'related:\n  # reflib-disable-next-line self-link, duplicate-link -- testing both\n  - aaaaaaaa\n');
    const { result } = await checkLibrary(makeLibrary({ 'entries/t.yaml': text }));
    expect(where(result.diagnostics)).toEqual([['unused-suppression', 12, 'warning']]);
    expect(result.diagnostics[0].message).toBe('nothing on line 13 is reported by duplicate-link');
  });
});

describe('rules for files that could not be read', () => {
  // The reviewer's case: an anchor suppressed with a reason made a published entry vanish from the release.
  const anchored = (comment: string) => entry('misconception', 'bbbbbbbb').replace('verdict: incorrect\n', `${comment}verdict: &v incorrect\n`);

  it.each(['yaml-profile', 'yaml-syntax', 'encoding', 'limit', 'not-a-file'])('cannot suppress %s', async (rule) => {
    const { result } = await checkLibrary(makeLibrary({ 'entries/m.yaml': anchored(`# reflib-disable-next-line ${rule} -- shared value\n`) }));
    const rules = result.diagnostics.map((d) => d.rule);
    expect(rules).toContain('suppression');
    expect(result.diagnostics.find((d) => d.rule === 'suppression')!.message).toBe(`"${rule}" cannot be suppressed`);
    expect(rules).toContain('yaml-profile');
    expect(result.summary.errors).toBeGreaterThan(0);
  });

  it('cannot be turned off or down in reflib.config.yaml', async () => {
    const root = makeLibrary({ 'entries/m.yaml': anchored(''), 'reflib.config.yaml': 'rules:\n  yaml-profile: off\n  encoding: warn\n' });
    const { result } = await checkLibrary(root);
    expect(result.diagnostics.map((d) => [d.rule, d.severity, d.message])).toEqual(
      expect.arrayContaining([
        ['config', 'error', 'yaml-profile cannot be changed'],
        ['config', 'error', 'encoding cannot be changed'],
        ['yaml-profile', 'error', 'an anchor (&v): entries do not use anchors and aliases'],
      ]),
    );
  });
});

describe('pmid-unchecked: a citation nobody has checked never ships', () => {
  const corroborated = lockOf(record({ source: { type: 'corroborated', seenIn: 'a review', recorded: '2026-11-20', by: 'An editor' } }));
  const library = (files: Record<string, string>) => {
    const root = makeLibrary(files);
    writeFileSync(path.join(root, 'pubmed-lock.json'), JSON.stringify(corroborated, null, 2) + '\n');
    return root;
  };

  it('cannot be suppressed', async () => {
    const text = articleEntry().replace('    pmid: 33260549', '    # reflib-disable-next-line pmid-unchecked -- trust me\n    pmid: 33260549');
    const { result } = await checkLibrary(library({ 'entries/x.yaml': text }));
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.message.slice(0, 40)])).toEqual(
      expect.arrayContaining([
        ['suppression', '"pmid-unchecked" cannot be suppressed'],
        ['pmid-unchecked', "PMID 33260549 is only corroborated by ot"],
      ]),
    );
  });

  it('cannot be turned off in reflib.config.yaml, even with --strict', async () => {
    const root = library({ 'entries/x.yaml': articleEntry(), 'reflib.config.yaml': 'rules:\n  pmid-unchecked: off\n' });
    for (const severities of [{}, STRICT_SEVERITIES]) {
      const { result } = await checkLibrary(root, severities);
      const config = result.diagnostics.find((d) => d.rule === 'config')!;
      expect([config.message, config.hint]).toEqual(['pmid-unchecked cannot be changed', expect.stringMatching(/^A published entry must not cite a PMID nobody has checked/)]);
      expect(result.diagnostics.filter((d) => d.rule === 'pmid-unchecked').map((d) => d.severity)).toEqual(['error']);
    }
  });
});

describe('finding the directives in the text', () => {
  const finding = (file: string, line: number, rule: string): Finding => ({ file, line, column: 1, endLine: line, endColumn: 2, rule, message: rule });
  const rules = ['orphan', 'self-link', 'broken-link'];
  const apply = (sources: Record<string, string>, findings: Finding[]) => {
    const r = applySuppressions(findings, new Map(Object.entries(sources)), rules);
    return { kept: r.kept.map((f) => [f.file, f.line, f.rule]), suppressed: r.suppressed, problems: r.problems.map((p) => [p.file, p.line, p.column, p.endColumn, p.rule, p.message]) };
  };

  it('numbers lines as split(/\\r?\\n/) does, with \\r\\n, a lone \\r, and no newline at the end', () => {
    const text = 'a: 1\r\nb: 2\rstill line 2\n  # reflib-disable-next-line orphan -- why\r\nid: x\n\n# reflib-disable-next-line self-link -- end';
    expect(apply({ 'e.yaml': text }, [finding('e.yaml', 4, 'orphan'), finding('e.yaml', 7, 'self-link')])).toEqual({
      kept: [],
      suppressed: 2,
      problems: [],
    });
    // The span ends where the line does, before its \r.
    expect(apply({ 'e.yaml': text }, []).problems).toEqual([
      ['e.yaml', 3, 5, 43, 'unused-suppression', 'nothing on line 4 is reported by orphan'],
      ['e.yaml', 6, 3, 44, 'unused-suppression', 'nothing on line 7 is reported by self-link'],
    ]);
  });

  it('reads each marked line once, ignores the marker outside a comment, and keeps files and lines in order', () => {
    const a = 'x: reflib-disable-next-line orphan -- not a comment\n# reflib-disable-next-line orphan -- one reflib-disable-next-line\ny: 1\n';
    const b = '# reflib-disable-next-line broken-link\n# reflib-disable-next-line orphn -- typo\nz: 1\n';
    const r = apply({ 'a.yaml': a, 'b.yaml': b, 'c.yaml': 'no directives here\n' }, [finding('a.yaml', 1, 'orphan'), finding('a.yaml', 3, 'orphan'), finding('c.yaml', 1, 'orphan')]);
    expect(r.kept).toEqual([['a.yaml', 1, 'orphan'], ['c.yaml', 1, 'orphan']]);
    expect(r.suppressed).toBe(1);
    expect(r.problems.map((p) => [p[0], p[1], p[4], p[5]])).toEqual([
      ['b.yaml', 1, 'suppression', 'a suppression needs a reason'],
      ['b.yaml', 2, 'suppression', 'cannot suppress "orphn": no such rule'],
    ]);
  });
});
