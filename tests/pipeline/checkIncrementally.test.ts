/**
 * An incremental re-check must find exactly what a full check finds: after
 * every step of a seeded series of random edits, renames, deletes, new files
 * and lock edits on a generated library, told only which paths changed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIncrementalCheck } from '../../scripts/pipeline/checkIncrementally';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { generateLibrary } from '../../tools/bench/generateLibrary';
import { createRandom } from '../../tools/bench/createRandom';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
}, 60_000);

function entryFiles(root: string): string[] {
  return (readdirSync(path.join(root, 'entries'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `entries/${f.split(path.sep).join('/')}`)
    .sort();
}

/** One random change to the library on disk; returns the root-relative paths it touched. */
function change(root: string, random: () => number): { what: string; paths: string[] } {
  const files = entryFiles(root);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rel = pick(files);
  const full = path.join(root, rel);
  const text = readFileSync(full, 'utf8');
  const otherId = /^id: (\S+)/m.exec(readFileSync(path.join(root, pick(files)), 'utf8'))?.[1] ?? 'deadbeef';
  const edits: [string, (t: string) => string][] = [
    ['break the YAML', (t) => t.replace(/^title: /m, 'title: [unclosed ')],
    ['retitle', (t) => t.replace(/^title: (.*)$/m, 'title: $1 again')],
    ['take another entry\'s ID', (t) => t.replace(/^id: .*$/m, `id: ${otherId}`)],
    ['break a link', (t) => t.replace(/\[\[[0-9a-f]{8}\]\]/, '[[0badf00d]]')],
    ['link to itself', (t) => t.replace(/\[\[[0-9a-f]{8}\]\]/, `[[${/^id: (\S+)/m.exec(t)?.[1]}]]`)],
    ['unpublish', (t) => t.replace(/^status: published$/m, 'status: draft')],
    ['drop a required field', (t) => t.replace(/^summary:/m, 'sumary:')],
    ['cite an unknown PMID', (t) => t.replace(/pmid: \d+/, 'pmid: 12345678')],
  ];
  const r = random();
  if (r < 0.6) {
    const [what, edit] = pick(edits);
    writeFileSync(full, edit(text));
    return { what: `${what} in ${rel}`, paths: [rel] };
  }
  if (r < 0.75) {
    const to = `entries/moved/${path.basename(rel, '.yaml')}-${Math.floor(random() * 1e6)}.yaml`;
    mkdirSync(path.join(root, 'entries/moved'), { recursive: true });
    renameSync(full, path.join(root, to));
    return { what: `rename ${rel} to ${to}`, paths: [rel, to] };
  }
  if (r < 0.85) {
    rmSync(full);
    return { what: `delete ${rel}`, paths: [rel] };
  }
  if (r < 0.95) {
    const to = rel.replace(/\.yaml$/, `-copy${Math.floor(random() * 1e6)}.yaml`);
    const id = Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
    writeFileSync(path.join(root, to), text.replace(/^id: .*$/m, `id: ${id}`));
    return { what: `copy ${rel} to ${to}`, paths: [to] };
  }
  const lock = path.join(root, 'pubmed-lock.json');
  const data = JSON.parse(readFileSync(lock, 'utf8')) as { records: Record<string, unknown> };
  const key = pick(Object.keys(data.records));
  delete data.records[key];
  writeFileSync(lock, JSON.stringify(data, null, 2));
  return { what: `drop PMID ${key} from the lock`, paths: ['pubmed-lock.json'] };
}

describe('checkIncrementally', () => {
  it('finds exactly what a full check finds, after each of 60 random changes', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'reflib-incremental-'));
    roots.push(root);
    generateLibrary({ dir: root, entries: 150, seed: 7 });
    const generator = createRandom(20261206);
    const random = () => generator.next();
    const incremental = createIncrementalCheck(root);
    const first = await incremental.check();
    expect(first.result.diagnostics).toEqual((await checkLibrary(root)).result.diagnostics);
    const parsedAtStart = incremental.parsedFiles();
    let changedPaths = 0;
    const seen = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const { what, paths } = change(root, random);
      changedPaths += paths.length;
      const inc = await incremental.check(paths);
      const full = await checkLibrary(root);
      expect(inc.result.diagnostics, `after step ${step}: ${what}`).toEqual(full.result.diagnostics);
      expect(inc.result.summary, `after step ${step}: ${what}`).toEqual(full.result.summary);
      for (const d of full.result.diagnostics) seen.add(d.rule);
    }
    // Only changed files were parsed again (a rename's new path, an edit, a copy): never the whole library.
    expect(incremental.parsedFiles() - parsedAtStart).toBeLessThanOrEqual(changedPaths);
    // The changes reached the rules they were meant to.
    for (const rule of ['yaml-syntax', 'duplicate-id', 'broken-link', 'self-link', 'schema']) expect(seen).toContain(rule);
  }, 180_000);
});
