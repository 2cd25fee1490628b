import { chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graph, toDot, toMermaid } from '../../scripts/commands/graph';
import { links } from '../../scripts/commands/links';
import { makeLibrary, REPO, runCli } from '../support/fixtures';

const FIXTURE = path.join(REPO, 'tests/fixtures/linked-library');

/** The planted library: a dozen entries with one defect for each link rule. */
describe('reflib validate on the linked fixture library (CLI)', () => {
  it('reports the complete, exact list of link diagnostics', () => {
    const r = runCli(['validate', '--root', FIXTURE, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.diagnostics.map((d: any) => [d.file, d.line, d.column, d.rule, d.severity, d.entry])).toEqual([
      ['entries/lonely.yaml', 1, 5, 'orphan', 'info', 'abcd0001'],
      ['entries/loop-a.yaml', 9, 14, 'replacement-cycle', 'error', 'ffff0001'],
      ['entries/loop-b.yaml', 9, 14, 'replacement-cycle', 'error', 'ffff0002'],
      ['entries/no-replacement.yaml', 4, 9, 'retired-replacement', 'error', 'eeee0001'],
      ['entries/reused.yaml', 1, 5, 'id-reuse', 'error', 'dddd0001'],
      ['entries/stress.yaml', 13, 7, 'unpublished-link', 'error', 'aaaa0001'],
      ['entries/stress.yaml', 13, 47, 'retired-link', 'warning', 'aaaa0001'],
      ['entries/stress.yaml', 14, 28, 'broken-link', 'error', 'aaaa0001'],
      ['entries/stress.yaml', 14, 38, 'duplicate-link', 'warning', 'aaaa0001'],
      ['entries/stress.yaml', 16, 5, 'link-kind', 'error', 'aaaa0001'],
      ['entries/stress.yaml', 18, 5, 'self-link', 'warning', 'aaaa0001'],
    ]);
    expect(out.summary).toEqual({ files: 12, entries: 12, errors: 7, warnings: 3, infos: 1, suppressed: 0 });
  });
});

describe('links', () => {
  it('lists outgoing and incoming links with kinds, titles and fields', async () => {
    const { output } = await links({ cwd: FIXTURE, id: 'aaaa0001', format: 'json' });
    const r = JSON.parse(output);
    expect(r.entry).toEqual({ id: 'aaaa0001', kind: 'topic', title: 'Stress and magnesium', status: 'published', file: 'entries/stress.yaml' });
    expect(r.outgoing.map((o: any) => [o.id, o.fields, o.missing ?? false])).toEqual([
      ['aaaa0001', ['related'], false],
      ['bbbb0001', ['misconceptions'], false],
      ['bbbb0002', ['cautions'], false],
      ['bbbb0009', ['misconceptions'], true],
      ['cccc0001', ['sections (inline)'], false],
      ['dddd0001', ['sections (inline)'], false],
      ['dddd0003', ['related'], false],
    ]);
    expect(r.incoming.map((o: any) => [o.id, o.kind, o.fields])).toEqual([
      ['aaaa0001', 'topic', ['related']],
      ['bbbb0001', 'misconception', ['corrects']],
      ['bbbb0002', 'misconception', ['corrects']],
      ['cccc0001', 'misconception', ['corrects']],
    ]);
  });

  it('shows the entries that point at the form comparison in the real library', () => {
    const r = runCli(['links', '3ca17b72']);
    expect(r.code).toBe(0);
    const incoming = r.stdout.split('Linked from')[1];
    for (const topic of ['033c7bbb  topic', '03c978d6  topic', '0e40c0c4  topic']) expect(incoming).toContain(topic);
    expect(incoming).toMatch(/033c7bbb .*in forms, sections \(inline\)/);
  });

  it('rejects an unknown ID with a suggestion, exit 2', () => {
    const r = runCli(['links', '3ca17b7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('reflib: no entry has ID "3ca17b7"\n  Did you mean 3ca17b72 (Magnesium forms compared)?\n');
  });

  it('needs an ID', () => {
    expect(runCli(['links']).stderr).toMatch(/links needs an entry ID/);
  });
});

describe('graph', () => {
  it('gives sorted nodes and de-duplicated edges, leaving out missing targets', async () => {
    const { output } = await graph({ cwd: FIXTURE, format: 'json' });
    const data = JSON.parse(output);
    expect(data.nodes).toHaveLength(11); // 12 files, one duplicate ID
    expect(data.edges.filter((e: any) => e.from === 'aaaa0001')).toEqual([
      { from: 'aaaa0001', to: 'aaaa0001', field: 'related' },
      { from: 'aaaa0001', to: 'bbbb0001', field: 'misconceptions' },
      { from: 'aaaa0001', to: 'bbbb0002', field: 'cautions' },
      { from: 'aaaa0001', to: 'cccc0001', field: 'sections' },
      { from: 'aaaa0001', to: 'dddd0001', field: 'sections' },
      { from: 'aaaa0001', to: 'dddd0003', field: 'related' },
    ]);
  });

  it('writes DOT and Mermaid with escaped labels', () => {
    const data = { nodes: [{ id: 'aaaa0001', kind: 'topic', title: 'Say "hi"', status: 'draft' }], edges: [{ from: 'aaaa0001', to: 'aaaa0001', field: 'related' }] };
    expect(toDot(data)).toContain('"aaaa0001" [label="Say \\"hi\\"\ntopic aaaa0001", shape=box, style=dashed];');
    expect(toDot(data)).toContain('"aaaa0001" -> "aaaa0001" [label="related"];');
    expect(toMermaid(data)).toBe('flowchart LR\n  eaaaa0001["Say #quot;hi#quot; (topic)"]\n  eaaaa0001 -->|related| eaaaa0001\n');
  });

  it('renders SVG through Graphviz when dot is present', async () => {
    // A stand-in for Graphviz that proves reflib pipes its DOT into `dot -Tsvg`.
    const bin = makeLibrary({ dot: '#!/bin/sh\n[ "$1" = "-Tsvg" ] || exit 3\necho "<svg>$(grep -c -- "->")</svg>"\n' });
    chmodSync(path.join(bin, 'dot'), 0o755);
    const { output } = await graph({ cwd: FIXTURE, format: 'svg', dotCommand: path.join(bin, 'dot') });
    const edges = JSON.parse((await graph({ cwd: FIXTURE, format: 'json' })).output).edges.length;
    expect(output).toBe(`<svg>${edges}</svg>\n`);
  });

  it('says plainly when Graphviz is missing, and suggests dot (CLI, exit 2)', () => {
    const r = runCli(['graph', '--root', FIXTURE, '--format', 'svg'], REPO, { PATH: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'reflib: --format svg needs Graphviz, and its dot program is not installed\n  Install Graphviz (e.g. apt-get install graphviz), or use --format dot and render it with dot -Tsvg.\n',
    );
  });

  it('prints DOT by default (CLI)', () => {
    const r = runCli(['graph', '--root', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^digraph reflib \{/);
    expect(r.stdout).toContain('"aaaa0001" -> "bbbb0001" [label="misconceptions"];');
  });

  it('rejects an unknown format', async () => {
    await expect(graph({ cwd: FIXTURE, format: 'png' })).rejects.toThrow(/unknown format "png"/);
  });
});
