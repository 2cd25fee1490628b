/**
 * The benchmark's results as plain-text tables: the machine, the real
 * library, one table per library size, how each command's cost per 1,000
 * entries changes with size (flat means linear growth), and the targets.
 */
import { LARGE_SIZE, TARGET_SIZE, targetSize } from './evaluateTargets';
import type { BenchResults, CommandResult } from './summarizeRuns';

const n = (v: number) => v.toLocaleString('en-US');
const cell = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '–' : digits ? v.toFixed(digits) : n(v));

/** Lays out rows as columns: the first left-aligned, the rest right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ').trimEnd());
}

/** A command's row: median, peak, ratio to ajv-cli, per-1k costs (unless `perThousand` is false), runs. */
function commandRow(c: CommandResult, perThousand = true): string[] {
  const status = c.status === 'ok' ? '' : ` (${c.status})`;
  const fromSource = c.notes?.fromSourceRuns ? ' [ts-node]' : '';
  return [
    c.label + status + fromSource,
    c.status === 'timeout' ? 'timeout' : cell(c.medianMs),
    cell(c.peakMb),
    c.ratioToAjv === undefined ? '' : c.ratioToAjv === null ? '–' : `${c.ratioToAjv.toFixed(2)}×`,
    perThousand ? cell(c.perThousand.ms) : '',
    perThousand ? cell(c.perThousand.mb, 1) : '',
    String(c.runsMs.length),
  ];
}

/** The language server session in a line: when it was ready, what it changed, and whether its diagnostics were as expected. */
export function lspNote(notes: Record<string, unknown>): string {
  const at = (key: string) => (typeof notes[key] === 'number' && Number.isFinite(notes[key]) ? `${n(notes[key] as number)} ms` : '–');
  const wrong = [notes.clean === false ? 'a valid change got diagnostics' : '', notes.caught === false ? 'a faulty change got none' : ''].filter(Boolean);
  return `reflib lsp: initialized at ${at('initializeMs')}, first diagnostics at ${at('startupMs')}; ${notes.edits} changes of ${notes.editedFile}, alternately valid and faulty${wrong.length ? ` (${wrong.join('; ')})` : ''}`;
}

const HEAD = ['command', 'median ms', 'peak MB', '× ajv-cli', 'ms / 1k entries', 'MB / 1k entries', 'runs'];

/** The whole report, as lines of text. */
export function formatBenchTable(results: BenchResults): string {
  const { meta } = results;
  const lines = [
    `reflib scale benchmark, ${meta.date}`,
    `node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}), ${meta.os}`,
    meta.note,
    `reflib ran from: ${meta.reflibFrom}`,
    `ajv-cli: ${meta.ajvCliCommand}`,
    `${meta.runs} run(s) per command, median shown; peak MB is the highest max RSS of any run; seed ${meta.seed}.`,
    'Cold validate, build and report start with no .reflib-cache/ (and no dist/); warm validate reuses the cache the cold run left.',
    '[ts-node] marks a command some of whose runs ran the TypeScript source because lib/ was missing or older than scripts/.',
    '',
  ];
  const real = Object.values(results.realLibrary);
  if (real.length > 0) {
    // Per 1,000 entries means little for 20 entries, most of it start-up: left out.
    lines.push('Real library (repository root):', ...table([HEAD, ...real.map((c) => commandRow(c, false))]), '');
  }
  for (const size of results.sizes) {
    const f = size.findings;
    lines.push(`${n(size.entries)} entries, ${n(size.links)} links (generated in ${n(size.generateMs)} ms; reflib finds ${f.errors} errors, ${f.warnings} warnings, ${f.infos} infos in it)`);
    lines.push(...table([HEAD, ...Object.values(size.commands).map((c) => commandRow(c))]));
    const watch = size.commands.watch;
    if (watch?.notes) lines.push(`  validate --watch: first check ${n(Number(watch.notes.startupMs))} ms; ${watch.notes.edits} edits of ${watch.notes.editedFile}${watch.notes.clean ? '' : ' (a re-check reported problems)'}`);
    const lsp = size.commands.lsp;
    if (lsp?.notes) lines.push(`  ${lspNote(lsp.notes)}`);
    if (size.commands['validate-warm'] && !size.cacheSeen) lines.push(`  note: no .reflib-cache/ was written, so "warm" ran without a cache (as cold).`);
    if (size.dir) lines.push(`  kept at ${size.dir}`);
    if (size.breakdown) {
      lines.push('  in-process breakdown (ms):');
      for (const [stage, ms] of Object.entries(size.breakdown)) lines.push(`    ${stage.padEnd(28)} ${ms.toFixed(1).padStart(9)}`);
    }
    lines.push('');
  }
  if (results.sizes.length > 1) {
    const ids = [...new Set(results.sizes.flatMap((s) => Object.keys(s.commands)))];
    const label = (id: string) => results.sizes.map((s) => s.commands[id]?.label).find(Boolean) ?? id;
    lines.push('Growth: ms / MB per 1,000 entries at each size (flat = linear):');
    const head = ['command', ...results.sizes.flatMap((s) => [`ms/1k @${n(s.entries)}`, `MB/1k @${n(s.entries)}`])];
    const rows = ids.map((id) => [label(id), ...results.sizes.flatMap((s) => [cell(s.commands[id]?.perThousand.ms), cell(s.commands[id]?.perThousand.mb, 1)])]);
    lines.push(...table([head, ...rows]), '');
  }
  const size = targetSize(results.sizes);
  lines.push(
    size && size.entries !== TARGET_SIZE
      ? `Targets (stated for ${n(TARGET_SIZE)} entries, which was not measured: judged at ${n(size.entries)}, the largest size measured):`
      : 'Targets:',
  );
  lines.push(...table([['target', 'limit', 'measured', ''], ...results.targets.map((t) => [t.name, t.limit, t.measured, t.status])]));
  if (!results.sizes.some((s) => s.entries === LARGE_SIZE)) lines.push(`  (report at ${n(LARGE_SIZE)} entries was not measured: add ${n(LARGE_SIZE)} to --sizes)`);
  return lines.join('\n') + '\n';
}
