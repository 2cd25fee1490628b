/**
 * The scale benchmark (`npm run bench`, tools/bench/runBench.ts): it runs end
 * to end at a tiny size and writes every figure it promises; the libraries it
 * generates are clean, deterministic, and as large as asked. No timing is
 * asserted: this machine's speed is not the code's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLinkGraph } from '../../scripts/graph/buildLinkGraph';
import { loadLibrary } from '../../scripts/load/loadLibrary';
import { generateLibrary } from '../../tools/bench/generateLibrary';
import type { BenchResults } from '../../tools/bench/summarizeRuns';
import { REPO, runCli } from '../support/fixtures';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'reflib-bench-test-'));
  made.push(dir);
  return dir;
}

/** Every file under `dir`, relative path → bytes, in sorted order. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = (readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => f.endsWith('.yaml') || f.endsWith('.json')).sort();
  return new Map(files.map((f) => [f, readFileSync(path.join(dir, f))]));
}

/** The bench's own temporary folders now in the temporary directory. */
const benchTemps = () => new Set(readdirSync(tmpdir()).filter((f) => /^reflib-bench-(?!test-)/.test(f)));

describe('npm run bench', () => {
  it('measures every command at a tiny size and writes the results as JSON', { timeout: 180_000 }, () => {
    const out = path.join(tempDir(), 'bench.json');
    const before = benchTemps();
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'tools/bench/runBench.ts', '--sizes', '60', '--runs', '1', '--watch-edits', '1', '--lsp-edits', '2', '--json', out], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 170_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).not.toMatch(/bench: /);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Targets');
    const results = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;

    expect(results.meta).toMatchObject({ node: process.version, runs: 1, seed: 1 });
    expect(results.meta.cpus).toBeGreaterThan(0);
    expect(results.meta.ajvCliCommand).toContain('ajv-cli/dist/index.js validate');
    for (const key of ['ajv-cli', 'validate']) {
      expect(results.realLibrary[key].status).toBe('ok');
      expect(results.realLibrary[key].medianMs).toEqual(expect.any(Number));
      expect(results.realLibrary[key].peakMb).toEqual(expect.any(Number));
    }

    expect(results.sizes).toHaveLength(1);
    const [size] = results.sizes;
    expect(size).toMatchObject({ entries: 60, links: 300, findings: { errors: 0, warnings: 0, infos: 0 } });
    expect(Object.keys(size.commands).sort()).toEqual(['ajv-cli', 'build', 'lsp', 'report', 'validate-cold', 'validate-warm', 'watch']);
    for (const c of Object.values(size.commands)) {
      expect(c.status, `${c.id}: ${c.error}`).toBe('ok');
      expect(c.medianMs).toEqual(expect.any(Number));
      expect(c.peakMb).toEqual(expect.any(Number));
      expect(c.perThousand.ms).toEqual(expect.any(Number));
      expect(c.perThousand.mb).toEqual(expect.any(Number));
      expect(c.runsMs.length).toBeGreaterThan(0);
    }
    const ajv = size.commands['ajv-cli'].medianMs!;
    for (const id of ['validate-cold', 'validate-warm']) {
      const c = size.commands[id];
      expect(c.ratioToAjv).toBeCloseTo(c.medianMs! / ajv, 1);
    }
    expect(size.commands.watch.runsMs).toHaveLength(1);
    expect(size.commands.watch.notes).toMatchObject({ edits: 1, clean: true });
    // One valid change and one the server reports.
    expect(size.commands.lsp.runsMs).toHaveLength(2);
    expect(size.commands.lsp.notes).toMatchObject({ edits: 2, clean: true, caught: true });

    expect(results.targets).toHaveLength(10);
    for (const t of results.targets) expect(['PASS', 'MISS', 'n/a']).toContain(t.status);
    // The 30,000-entry report was not asked for, so it is not judged.
    expect(results.targets.at(-1)).toMatchObject({ status: 'n/a' });

    // Without --keep, the generated libraries and the max-RSS files are gone.
    expect([...benchTemps()].filter((f) => !before.has(f))).toEqual([]);
  });
});

describe('generateLibrary', () => {
  it('writes a library reflib finds nothing in, with as many entries and links as asked', async () => {
    const dir = tempDir();
    const generated = generateLibrary({ dir, entries: 45, seed: 3, links: 230 });
    expect(generated).toMatchObject({ entries: 45, links: 230 });
    expect(Object.keys(generated.kinds).sort()).toEqual(['form-comparison', 'interaction', 'misconception', 'population-caution', 'topic']);

    const r = runCli(['validate', '--root', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: unknown[]; summary: Record<string, number> };
    expect(report.diagnostics).toEqual([]);
    expect(report.summary).toMatchObject({ files: 45, entries: 45, errors: 0, warnings: 0, infos: 0 });
    expect(r.code).toBe(0);

    const { library } = await loadLibrary(dir);
    const graph = buildLinkGraph(library.entries);
    expect(library.entries).toHaveLength(45);
    expect(graph.links).toHaveLength(230);
    expect(new Set(library.entries.map((e) => e.id)).size).toBe(45);
    for (const e of library.entries) expect(e.id).toMatch(/^[0-9a-f]{8}$/);
    for (const l of graph.links) expect(graph.byId.has(l.target)).toBe(true);
  });

  it('counts the links of a library generated without a target as reflib does', async () => {
    const dir = tempDir();
    const generated = generateLibrary({ dir, entries: 20, seed: 5 });
    const { library } = await loadLibrary(dir);
    expect(buildLinkGraph(library.entries).links).toHaveLength(generated.links);
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    generateLibrary({ dir: a, entries: 40, seed: 7, links: 200 });
    generateLibrary({ dir: b, entries: 40, seed: 7, links: 200 });
    generateLibrary({ dir: c, entries: 40, seed: 8, links: 200 });
    const [sa, sb, sc] = [snapshot(a), snapshot(b), snapshot(c)];
    expect(sa.size).toBe(41); // 40 entries and the lock
    expect([...sb.keys()]).toEqual([...sa.keys()]);
    for (const [file, bytes] of sa) expect(bytes.equals(sb.get(file)!), file).toBe(true);
    expect([...sc.keys()]).not.toEqual([...sa.keys()]);
  });

  it('refuses what it cannot make', () => {
    expect(() => generateLibrary({ dir: tempDir(), entries: 5, seed: 1 })).toThrow(RangeError);
    expect(() => generateLibrary({ dir: tempDir(), entries: 40, seed: 1, links: 10 })).toThrow(/cannot make 40 entries hold 10 links/);
  });
});
