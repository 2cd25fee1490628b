/**
 * The issue's performance targets, each judged PASS or MISS from the
 * results: at 10,000 entries (or the largest size measured, when 10,000 was
 * not), and on the real library.
 */
import type { BenchResults, CommandResult, SizeResult, TargetResult } from './summarizeRuns';

/** The size the targets are stated for. */
export const TARGET_SIZE = 10_000;
/** The size the report must complete at. */
export const LARGE_SIZE = 30_000;

/** The size the targets are judged at: 10,000 when measured, else the largest. */
export function targetSize(sizes: readonly SizeResult[]): SizeResult | undefined {
  return sizes.find((s) => s.entries === TARGET_SIZE) ?? [...sizes].sort((a, b) => b.entries - a.entries)[0];
}

function judge(name: string, limit: string, value: number | null | undefined, max: number, show: (v: number) => string): TargetResult {
  if (value === null || value === undefined || Number.isNaN(value)) return { name, limit, measured: 'not measured', status: 'n/a' };
  return { name, limit, measured: show(value), status: value <= max ? 'PASS' : 'MISS' };
}

const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;
const mb = (v: number) => `${Math.round(v)} MB`;
const times = (v: number) => `${v.toFixed(2)}×`;

/** A command's median, or null when it did not finish every run it was given. */
function okMedian(c: CommandResult | undefined): number | null {
  return c && c.status === 'ok' ? c.medianMs : null;
}

/** Judges every target. */
export function evaluateTargets(results: Pick<BenchResults, 'sizes' | 'realLibrary'>): TargetResult[] {
  const size = targetSize(results.sizes);
  const at = size ? `at ${size.entries.toLocaleString('en-US')}` : 'at 10,000';
  const c = size?.commands ?? {};
  const ajv = okMedian(c['ajv-cli']);
  const cold = okMedian(c['validate-cold']);
  const warm = okMedian(c['validate-warm']);
  const peakValidate = Math.max(c['validate-cold']?.peakMb ?? -1, c['validate-warm']?.peakMb ?? -1);
  const report = c.report;
  const large = results.sizes.find((s) => s.entries === LARGE_SIZE)?.commands.report;
  const targets = [
    judge(`cold validate ${at} vs ajv-cli`, '≤ 1.0× ajv-cli', ajv && cold !== null ? cold / ajv : null, 1.0, times),
    judge(`warm validate ${at} vs ajv-cli`, '≤ 0.25× ajv-cli', ajv && warm !== null ? warm / ajv : null, 0.25, times),
    judge(`validate --watch edit ${at}`, '≤ 150 ms', okMedian(c.watch), 150, ms),
    judge(`lsp change→diagnostics ${at}`, '≤ 150 ms', okMedian(c.lsp), 150, ms),
    judge('validate on the real library', '≤ 300 ms', okMedian(results.realLibrary.validate), 300, ms),
    judge(`validate peak RSS ${at}`, '≤ 400 MB', peakValidate < 0 ? null : peakValidate, 400, mb),
    judge(`build peak RSS ${at}`, '≤ 600 MB', c.build?.peakMb, 600, mb),
    judge(`build ${at} vs cold validate`, '≤ 2× cold validate', cold && okMedian(c.build) !== null ? okMedian(c.build)! / cold : null, 2, times),
    report?.status === 'timeout'
      ? { name: `report ${at} (${size!.links.toLocaleString('en-US')} links)`, limit: '≤ 30 s', measured: 'timeout', status: 'MISS' as const }
      : judge(`report ${at}${size ? ` (${size.links.toLocaleString('en-US')} links)` : ''}`, '≤ 30 s', okMedian(report), 30_000, ms),
    large === undefined
      ? { name: `report completes at ${LARGE_SIZE.toLocaleString('en-US')}`, limit: 'completes', measured: 'not measured', status: 'n/a' as const }
      : { name: `report completes at ${LARGE_SIZE.toLocaleString('en-US')}`, limit: 'completes', measured: large.status === 'ok' ? `yes, ${ms(large.medianMs!)}` : large.status, status: large.status === 'ok' ? ('PASS' as const) : ('MISS' as const) },
  ];
  return targets;
}
