/**
 * Benchmark: link checking on a generated library of 10,000 entries and
 * 50,000 links, and `reflib validate` start-to-finish on the real library.
 * Prints figures; asserts nothing. Run with `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHECKS } from '../../scripts/checks';
import { runChecks } from '../../scripts/checks/runChecks';
import { buildLinkGraph } from '../../scripts/graph/buildLinkGraph';
import { parseEntry, type LoadedEntry } from '../../scripts/load/parseEntry';
import { validateEntries } from '../../scripts/validate/validateEntries';

const ENTRIES = 10_000;
const TOPICS = 1_000;
const REF = 'references:\n  - key: ods\n    type: web\n    title: Magnesium fact sheet\n    url: https://ods.od.nih.gov/x\n    accessed: 2026-11-23\n';

const id = (n: number) => `a${n.toString(16).padStart(7, '0')}`;

/** 1,000 topics linking 10 misconceptions each and 5 inline links; 9,000 misconceptions with corrects + related. */
function generate(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (let n = 0; n < ENTRIES; n++) {
    const head = `id: ${id(n)}\ntitle: Entry ${n}\nstatus: published\nupdated: 2026-11-23\nsummary: A generated entry for the link benchmark.\n`;
    if (n < TOPICS) {
      const myths = Array.from({ length: 9 }, (_, k) => id(TOPICS + ((n * 9 + k) % (ENTRIES - TOPICS))));
      const inline = Array.from({ length: 5 }, (_, k) => `[[${id((n + k + 1) % TOPICS)}]]`).join(' and ');
      files.push({ path: `t${n}.yaml`, text: `${head}kind: topic\noverview: >-\n  See ${inline}.\nmisconceptions: [${myths.join(', ')}]\nguidance:\n  - text: x\n    cite: [ods]\n${REF}` });
    } else {
      const topic = id(n % TOPICS);
      const related = Array.from({ length: 3 }, (_, k) => id(TOPICS + ((n + k + 1) % (ENTRIES - TOPICS))));
      files.push({ path: `m${n}.yaml`, text: `${head}kind: misconception\nclaim: x\nverdict: incorrect\ncorrection: y\ncorrects: ${topic}\nrelated: [${related.join(', ')}]\ncite: [ods]\n${REF}` });
    }
  }
  return files;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** A watch-mode cycle: one file of a copy of the real library saved, re-checked with a warm parse cache. */
async function benchWatchCycle(): Promise<void> {
  const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { checkLibrary } = await import('../../scripts/pipeline/checkLibrary');
  const repo = path.resolve(__dirname, '../..');
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-bench-'));
  cpSync(path.join(repo, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(repo, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  const cache = new Map();
  await checkLibrary(root, {}, cache);
  const file = path.join(root, 'entries/topics/stress-magnesium-vicious-circle.yaml');
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/updated: .*/, `updated: 2026-11-${String(10 + i)}`));
    const start = performance.now();
    await checkLibrary(root, {}, cache);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`validate --watch, one file of the real library saved: median ${times[5].toFixed(0)} ms per re-check (min ${times[0].toFixed(0)}, max ${times[9].toFixed(0)}, 10 saves)`);
}

function main(): void {
  const files = generate();
  const [entries, parseMs] = time(() => files.map((f) => parseEntry(f.path, f.text).entry as LoadedEntry));
  const [validated, validateMs] = time(() => validateEntries(entries));
  const valid = new Set(validated.valid);
  const [graph, graphMs] = time(() => buildLinkGraph(entries));
  const [findings, checkMs] = time(() => runChecks({ entries, valid, graph }));
  console.log(`generated library: ${entries.length} entries, ${graph.links.length} links (${validated.findings.length} schema findings, ${findings.length} check findings)`);
  console.log(`  parse YAML        ${parseMs.toFixed(0)} ms`);
  console.log(`  schema validation ${validateMs.toFixed(0)} ms`);
  console.log(`  build link index  ${graphMs.toFixed(0)} ms`);
  console.log(`  run all checks    ${checkMs.toFixed(0)} ms`);
  console.log(`  links: index + checks = ${(graphMs + checkMs).toFixed(0)} ms beyond loading`);
  const [, rebuildMs] = time(() => buildLinkGraph(entries));
  console.log(`  link index again, warm: ${rebuildMs.toFixed(0)} ms`);
  for (const check of CHECKS) {
    const [, ms] = time(() => runChecks({ entries, valid, checks: [check], graph }));
    console.log(`    ${check.meta.id.padEnd(20)} ${ms.toFixed(1)} ms`);
  }

  const bin = path.resolve(__dirname, '../../scripts/bin.js');
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [r, ms] = time(() => spawnSync(process.execPath, [bin, 'validate'], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' }));
    if (r.status !== 0) console.log(`  (run ${i + 1} exited ${r.status})`);
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  console.log(`reflib validate on the real library, start to finish: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)}, 5 runs)`);
}

main();
void benchWatchCycle();
