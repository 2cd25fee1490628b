/**
 * Measures every command on one generated library size: generates the
 * library, checks that reflib finds nothing in it, then runs the timed
 * commands in interleaved rounds (ajv-cli, reflib cold, warm, build, report;
 * then again), so that noise on the shared machine hits every tool alike,
 * and finally times edits in a `validate --watch` session and changes in a
 * `reflib lsp` session.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BIN, CACHE_DIR, defineCommands, nonEmpty, type CommandId } from './defineCommands';
import { generateLibrary, REPO } from './generateLibrary';
import { measureBreakdown } from './measureBreakdown';
import { measureLsp } from './measureLsp';
import { measureProcess } from './measureProcess';
import { measureWatch } from './measureWatch';
import type { BenchOptions, Part } from './parseBenchArgs';
import { FROM_SOURCE_NOTE, summarizeRuns, type CommandResult, type RunSample, type SizeResult } from './summarizeRuns';

/** Which `--only` part runs each timed command. */
const PART_OF: Record<CommandId, Part> = { 'ajv-cli': 'ajv', 'validate-cold': 'cold', 'validate-warm': 'warm', build: 'build', report: 'report' };

/** What reflib finds in a library, from `validate --format json` (untimed). */
function countFindings(root: string): SizeResult['findings'] {
  const r = spawnSync(process.execPath, [BIN, 'validate', '--root', root, '--format', 'json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30 });
  try {
    const { summary } = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; infos: number } };
    return { errors: summary.errors, warnings: summary.warnings, infos: summary.infos };
  } catch {
    throw new Error(`reflib validate --format json did not give JSON for the generated library (exit ${r.status}): ${r.stderr.trim()}`);
  }
}

/** The first misconception file of a library (small, and linked from topics, so an edit touches the graph), or else the first file. */
function entryToEdit(root: string): string {
  const entries = path.join(root, 'entries');
  const folders = readdirSync(entries).sort();
  const folder = folders.includes('misconceptions') ? 'misconceptions' : folders[0];
  const file = readdirSync(path.join(entries, folder)).sort().find((f) => f.endsWith('.yaml'));
  return file ? `entries/${folder}/${file}` : `entries/${folder}`;
}

/** A session's timed edits as a command's runs; a session that failed or timed out adds a failed run. */
function summarizeSession(id: string, label: string, session: { editsMs: number[]; maxRssKb: number | null; fromSource: boolean; error?: string }, entries: number): CommandResult {
  const { maxRssKb, fromSource } = session;
  const samples: RunSample[] = session.error ? [{ ms: NaN, maxRssKb, fromSource, error: session.error }] : [];
  samples.push(...session.editsMs.map((ms) => ({ ms, maxRssKb, fromSource })));
  return summarizeRuns(id, label, samples, entries);
}

/** Measures one size under `workDir` (a fresh folder); `log` gets progress lines. */
export async function measureSize(entries: number, workDir: string, options: BenchOptions, log: (line: string) => void): Promise<SizeResult> {
  const root = path.join(workDir, 'library');
  mkdirSync(root, { recursive: true });
  const started = performance.now();
  const generated = generateLibrary({ dir: root, entries, seed: options.seed, links: entries * options.linksPerEntry });
  const generateMs = Math.round(performance.now() - started);
  log(`${entries} entries, ${generated.links} links: generated in ${generateMs} ms at ${root}`);
  const findings = countFindings(root);
  log(`  reflib validate finds ${findings.errors} errors, ${findings.warnings} warnings, ${findings.infos} infos in it`);

  const only = options.only;
  const commands = defineCommands(root, entries, path.join(workDir, 'report'), !only.has('cold')).filter((c) => only.has(PART_OF[c.id]));
  const samples = new Map<CommandId, RunSample[]>(commands.map((c) => [c.id, []]));
  let cacheSeen = false;
  for (let round = 1; round <= options.runs; round++) {
    for (const command of commands) {
      const runs = samples.get(command.id)!;
      // A command that timed out once is not run again at this size: it would only time out again.
      if (runs.some((r) => r.error === 'timeout')) continue;
      command.prepare();
      const run = await measureProcess({ args: command.args, cwd: command.cwd, timeoutMs: options.timeoutMs });
      const error = command.check(run);
      runs.push({ ms: run.ms, maxRssKb: run.maxRssKb, fromSource: FROM_SOURCE_NOTE.test(run.stderr), ...(error === undefined ? {} : { error }) });
      if (command.id === 'validate-warm' || command.id === 'validate-cold') cacheSeen ||= nonEmpty(path.join(root, CACHE_DIR));
      log(`  round ${round}/${options.runs} ${command.label.padEnd(24)} ${error ?? `${Math.round(run.ms)} ms, ${run.maxRssKb === null ? '?' : Math.round(run.maxRssKb / 1024)} MB`}`);
    }
  }
  const result: SizeResult = { entries, links: generated.links, kinds: generated.kinds, generateMs, findings, cacheSeen, commands: {} };
  for (const command of commands) result.commands[command.id] = summarizeRuns(command.id, command.label, samples.get(command.id)!, entries);
  const ajv = result.commands['ajv-cli']?.medianMs;
  for (const id of ['validate-cold', 'validate-warm']) {
    const c = result.commands[id];
    if (c) c.ratioToAjv = ajv && c.medianMs !== null ? Math.round((c.medianMs / ajv) * 100) / 100 : null;
  }

  if (only.has('watch')) {
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    const file = entryToEdit(root);
    const watch = await measureWatch({ bin: BIN, root, file, edits: options.watchEdits, startTimeoutMs: options.timeoutMs });
    result.commands.watch = summarizeSession('watch', 'validate --watch, one edit', watch, entries);
    result.commands.watch.notes = { ...result.commands.watch.notes, startupMs: Math.round(watch.startupMs), edits: watch.editsMs.length, editedFile: file, clean: watch.clean };
    log(`  validate --watch: started in ${Math.round(watch.startupMs)} ms; edits ${watch.editsMs.map((ms) => Math.round(ms)).join(', ')} ms${watch.error ? `; ${watch.error}` : ''}`);
  }
  if (only.has('lsp')) {
    const file = entryToEdit(root);
    const lsp = await measureLsp({ bin: BIN, root, file, edits: options.lspEdits, startTimeoutMs: options.timeoutMs });
    result.commands.lsp = summarizeSession('lsp', 'lsp change→diagnostics', lsp, entries);
    result.commands.lsp.notes = { ...result.commands.lsp.notes, initializeMs: Math.round(lsp.initializeMs), startupMs: Math.round(lsp.startupMs), edits: lsp.editsMs.length, editedFile: file, clean: lsp.clean, caught: lsp.caught };
    log(`  reflib lsp: initialized in ${Math.round(lsp.initializeMs)} ms, first diagnostics at ${Math.round(lsp.startupMs)} ms; changes ${lsp.editsMs.map((ms) => Math.round(ms)).join(', ')} ms${lsp.error ? `; ${lsp.error}` : ''}`);
  }
  if (options.breakdown) result.breakdown = await measureBreakdown(root);
  if (options.keep) result.dir = root;
  return result;
}
