/**
 * `--breakdown`: where validate's time goes on a library, measured in this
 * process (after start-up): loading and parsing, schema validation, the link
 * index, all checks, and each check on its own. Folded in from the old
 * tools/bench/benchLinks.ts.
 */
import { performance } from 'node:perf_hooks';
import { CHECKS } from '../../scripts/checks';
import { runChecks } from '../../scripts/checks/runChecks';
import { readLock } from '../../scripts/citations/readLock';
import { buildLinkGraph } from '../../scripts/graph/buildLinkGraph';
import { loadLibrary } from '../../scripts/load/loadLibrary';
import { validateEntries } from '../../scripts/validate/validateEntries';

async function time<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round((performance.now() - start) * 10) / 10];
}

/** Milliseconds per stage (`load`, `schema`, `link-index`, `link-index-again`, `checks`) and per check (`check:<rule>`). */
export async function measureBreakdown(root: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const [{ library }, loadMs] = await time(() => loadLibrary(root));
  out.load = loadMs;
  const { entries } = library;
  const [validated, schemaMs] = await time(() => validateEntries(entries));
  out.schema = schemaMs;
  const valid = new Set(validated.valid);
  const [graph, graphMs] = await time(() => buildLinkGraph(entries));
  out['link-index'] = graphMs;
  out['link-index-again'] = (await time(() => buildLinkGraph(entries)))[1];
  const { lock } = await readLock(root);
  out.checks = (await time(() => runChecks({ entries, valid, graph, lock })))[1];
  for (const check of CHECKS) out[`check:${check.meta.id}`] = (await time(() => runChecks({ entries, valid, graph, lock, checks: [check] })))[1];
  return out;
}
