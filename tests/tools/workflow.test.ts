/**
 * The GitHub workflow keeps doing its jobs: on every pull request and every
 * push to main it runs the tests, validates the library (annotations, and a
 * code scanning report), checks the layout and builds, with npm cached. A
 * checker reads the parsed workflow; the negative cases switch each job off
 * in a copy and expect the checker to say so, so this test can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/fixtures';

const WORKFLOW = '.github/workflows/reflib.yml';

interface Step {
  name?: string;
  id?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string | boolean;
  permissions?: string | Record<string, string>;
  steps?: Step[];
  needs?: string | string[];
}
interface Workflow {
  on?: unknown;
  permissions?: string | Record<string, string>;
  jobs: Record<string, Job>;
}

function readWorkflow(): Workflow {
  return parse(readFileSync(path.join(REPO, WORKFLOW), 'utf8')) as Workflow;
}

// ---- A small evaluator of `if:` expressions, in three-valued logic ----

/** A value the run would know but this test does not (a step's outcome, the pull request's head repository…). */
const UNKNOWN = Symbol('unknown');
type Value = string | number | boolean | null | typeof UNKNOWN;
/** What an event's run knows: github.event_name, github.ref, github.base_ref. */
type Context = Record<string, string>;

/** The runs a workflow must serve, as the contexts an `if:` sees. Status functions are read for a run where every earlier step succeeded. */
const EVENTS: { label: string; context: Context }[] = [
  { label: 'pull requests', context: { 'github.event_name': 'pull_request', 'github.ref': 'refs/pull/1/merge', 'github.base_ref': 'main' } },
  { label: 'pushes to main', context: { 'github.event_name': 'push', 'github.ref': 'refs/heads/main', 'github.base_ref': '' } },
];

const TOKEN = /\s*(?:('(?:[^']|'')*')|(&&|\|\||==|!=|<=|>=|[!()<>,])|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.*-]*(?:\[[^\]]*\][\w.*-]*)*))/y;

function tokenize(expr: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    if (/^\s*$/.test(expr.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m) throw new Error(`cannot read the expression ${JSON.stringify(expr)} at ${at}`);
    tokens.push(m[0].trim());
  }
  return tokens;
}

function truthy(v: Value): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  return v !== false && v !== null && v !== 0 && v !== '';
}

/** Evaluates an `if:` (with or without `${{ }}`) for a run with `context`: true, false, or UNKNOWN when it depends on what the test cannot know. */
function evaluateIf(condition: string | boolean | undefined, context: Context): boolean | typeof UNKNOWN {
  if (condition === undefined) return true;
  if (typeof condition === 'boolean') return condition;
  const wrapped = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  const tokens = tokenize(wrapped ? wrapped[1] : condition);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} in ${condition}`);
  };

  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      const [l, r] = [truthy(left), truthy(right)];
      left = l === true || r === true ? true : l === false && r === false ? false : UNKNOWN;
    }
    return left;
  };
  const and = (): Value => {
    let left = compare();
    while (peek() === '&&') {
      next();
      const right = compare();
      const [l, r] = [truthy(left), truthy(right)];
      left = l === false || r === false ? false : l === true && r === true ? true : UNKNOWN;
    }
    return left;
  };
  const compare = (): Value => {
    const left = unary();
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = unary();
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
      // Actions compares strings ignoring case.
      const norm = (v: Value) => (typeof v === 'string' ? v.toLowerCase() : v);
      const equal = norm(left) === norm(right);
      return op === '==' ? equal : !equal;
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      next();
      const v = truthy(unary());
      return v === UNKNOWN ? UNKNOWN : !v;
    }
    return primary();
  };
  const primary = (): Value => {
    const t = next();
    if (t === undefined) throw new Error(`unexpected end of ${condition}`);
    if (t === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^-?\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (peek() === '(') {
      next();
      while (peek() !== ')') {
        or();
        if (peek() === ',') next();
      }
      expect(')');
      // Every earlier step succeeded and nobody cancelled the run.
      const status: Record<string, boolean> = { success: true, always: true, cancelled: false, failure: false };
      return t in status ? status[t] : UNKNOWN;
    }
    return t in context ? context[t] : UNKNOWN;
  };

  const value = or();
  if (i !== tokens.length) throw new Error(`cannot read the expression ${JSON.stringify(condition)}`);
  return truthy(value);
}

// ---- The checker ----

const runs = (step: Step, pattern: RegExp) => typeof step.run === 'string' && pattern.test(step.run);
const usesAction = (step: Step, action: string) => typeof step.uses === 'string' && step.uses.split('@')[0] === action;

const NPM_TEST = /(^|[\s;&|])npm (run )?test(\s|$)/m;
const NPM_CI = /(^|[\s;&|])npm ci(\s|$)/m;
const VALIDATE_GITHUB = /scripts\/bin\.js validate\b.*--format[ =]github\b/;
const VALIDATE_SARIF = /scripts\/bin\.js validate\b.*--format[ =]sarif\b/;
const FMT_CHECK = /scripts\/bin\.js fmt\b.*--check\b/;
const NPM_BUILD = /(^|[\s;&|])npm run build(\s|$)/m;

/** The steps that run on a successful run of `context`: every step whose job's and own `if:` are true (or, with `orUnknown`, not known to be false). */
function stepsRunning(wf: Workflow, context: Context, orUnknown = false): { job: string; step: Step; index: number }[] {
  const out: { job: string; step: Step; index: number }[] = [];
  const ok = (v: boolean | typeof UNKNOWN) => v === true || (orUnknown && v === UNKNOWN);
  const jobs = wf.jobs ?? {};
  // A job runs when its `if:` holds and the jobs it needs ran (unless its `if:` asks to run regardless).
  const jobRuns = (job: string, seen: string[] = []): boolean => {
    const spec = jobs[job];
    if (!spec || seen.includes(job) || !ok(evaluateIf(spec.if, context))) return false;
    if (typeof spec.if === 'string' && /\b(always|cancelled|failure)\(\)/.test(spec.if)) return true;
    const needs = spec.needs === undefined ? [] : [spec.needs].flat();
    return needs.every((n) => jobRuns(n, [...seen, job]));
  };
  for (const [job, spec] of Object.entries(jobs)) {
    if (!jobRuns(job)) continue;
    (spec.steps ?? []).forEach((step, index) => {
      if (ok(evaluateIf(step.if, context))) out.push({ job, step, index });
    });
  }
  return out;
}

type Trigger = Record<string, unknown> | null;

/** The workflow's triggers, whichever way `on:` is written. */
function triggers(wf: Workflow): Map<string, Trigger> {
  const on = wf.on;
  if (typeof on === 'string') return new Map([[on, null]]);
  if (Array.isArray(on)) return new Map(on.map((e) => [String(e), null]));
  if (on && typeof on === 'object') return new Map(Object.entries(on as Record<string, Trigger>));
  return new Map();
}

/** Whether a branch filter lets `branch` through (patterns are read literally: enough for main). */
function branchPasses(trigger: Trigger, branch: string): boolean {
  if (!trigger) return true;
  const list = (k: string) => (Array.isArray(trigger[k]) ? (trigger[k] as unknown[]).map(String) : undefined);
  const only = list('branches');
  const ignored = list('branches-ignore');
  if (only && !only.some((b) => b === branch || b === '**' || b === '*')) return false;
  return !ignored?.includes(branch);
}

/** Every way the workflow falls short of running its jobs on pull requests and main; empty when it does not. */
function checkWorkflow(wf: Workflow): string[] {
  const problems: string[] = [];
  const on = triggers(wf);

  // Triggers: every pull request (into main at least) and every push to main, whatever files changed.
  const pr = on.get('pull_request');
  if (!on.has('pull_request') || !branchPasses(pr ?? null, 'main')) problems.push('the workflow does not run on pull requests');
  const push = on.get('push');
  if (!on.has('push') || !branchPasses(push ?? null, 'main')) problems.push('the workflow does not run on pushes to main');
  for (const [event, trigger] of [['pull_request', pr], ['push', push]] as const) {
    if (trigger && ('paths' in trigger || 'paths-ignore' in trigger)) problems.push(`the ${event} trigger filters by paths, so some changes skip the checks`);
  }

  // Least privilege: read-only at the top; a job that writes asks for it.
  const top = wf.permissions;
  if (top === undefined) problems.push('the workflow sets no top-level permissions (the default token may write)');
  else if (typeof top === 'string' ? top !== 'read-all' && top !== '{}' : Object.values(top).some((v) => v === 'write')) problems.push('the top-level permissions grant write access');

  // What must run on every pull request and every push to main.
  const required: [string, RegExp][] = [
    ['`npm test`', NPM_TEST],
    ['`validate --format github`', VALIDATE_GITHUB],
    ['`fmt --check`', FMT_CHECK],
    ['`npm run build`', NPM_BUILD],
  ];
  for (const { label, context } of EVENTS) {
    const running = stepsRunning(wf, context);
    for (const [what, pattern] of required) {
      if (!running.some(({ step }) => runs(step, pattern))) problems.push(`no job runs ${what} on ${label}`);
    }
  }

  // npm is cached, on Node 20, in every job that installs.
  for (const [job, spec] of Object.entries(wf.jobs ?? {})) {
    const steps = spec.steps ?? [];
    const install = steps.findIndex((s) => runs(s, NPM_CI));
    if (install < 0) continue;
    const setup = steps.slice(0, install).find((s) => usesAction(s, 'actions/setup-node'));
    if (!setup) {
      problems.push(`job "${job}" runs npm ci without actions/setup-node before it`);
      continue;
    }
    if (setup.with?.cache !== 'npm') problems.push(`job "${job}" runs npm ci without setup-node's npm cache (cache: npm)`);
    if (!/^20(\.|$)/.test(String(setup.with?.['node-version'] ?? ''))) problems.push(`job "${job}" does not set up Node 20`);
  }

  // --changed-since needs the base branch and its history.
  for (const [job, spec] of Object.entries(wf.jobs ?? {})) {
    const steps = spec.steps ?? [];
    if (!steps.some((s) => runs(s, /--changed-since\b/))) continue;
    const checkout = steps.find((s) => usesAction(s, 'actions/checkout'));
    if (String(checkout?.with?.['fetch-depth']) !== '0') problems.push(`job "${job}" passes --changed-since but its checkout does not fetch the history (fetch-depth: 0)`);
  }

  // The code scanning report: made by a --format sarif step, then uploaded, by a job allowed to.
  const uploads = Object.entries(wf.jobs ?? {}).flatMap(([job, spec]) =>
    (spec.steps ?? []).map((step, index) => ({ job, spec, step, index })).filter(({ step }) => usesAction(step, 'github/codeql-action/upload-sarif')),
  );
  if (uploads.length === 0) problems.push('no step uploads SARIF (github/codeql-action/upload-sarif)');
  for (const { job, spec, step, index } of uploads) {
    const file = String(step.with?.sarif_file ?? '');
    const made = (spec.steps ?? []).slice(0, index).some((s) => runs(s, VALIDATE_SARIF) && file !== '' && s.run!.includes(file));
    if (!made) problems.push(`job "${job}" uploads ${file || 'a SARIF file'} that no earlier --format sarif step writes`);
    const permissions = spec.permissions ?? wf.permissions;
    const canWrite = permissions === 'write-all' || (typeof permissions === 'object' && permissions['security-events'] === 'write');
    if (!canWrite) problems.push(`job "${job}" uploads SARIF without security-events: write`);
  }
  for (const { label, context } of EVENTS) {
    // The upload may depend on what only the run knows (a fork's pull request cannot upload), but must not be off for a whole event.
    const running = stepsRunning(wf, context, true);
    if (uploads.length > 0 && !running.some(({ step }) => usesAction(step, 'github/codeql-action/upload-sarif'))) problems.push(`the SARIF upload never runs on ${label}`);
    if (!running.some(({ step }) => runs(step, VALIDATE_SARIF))) problems.push(`no job writes the SARIF report on ${label}`);
  }
  return problems;
}

// ---- The tests ----

type Mutation = (wf: Workflow) => void;

/** The step of `job` that matches, for a mutation to change. */
function stepOf(wf: Workflow, job: string, match: (s: Step) => boolean): Step {
  const step = wf.jobs[job]?.steps?.find(match);
  if (!step) throw new Error(`the workflow's job "${job}" has no such step: update this test with the workflow`);
  return step;
}
const jobRunning = (wf: Workflow, pattern: RegExp): string => {
  const found = Object.entries(wf.jobs).find(([, spec]) => (spec.steps ?? []).some((s) => runs(s, pattern)));
  if (!found) throw new Error(`no job runs ${pattern}: update this test with the workflow`);
  return found[0];
};
const testJob = (wf: Workflow) => jobRunning(wf, NPM_TEST);
const sarifJob = (wf: Workflow) => jobRunning(wf, VALIDATE_SARIF);
const upload = (s: Step) => usesAction(s, 'github/codeql-action/upload-sarif');

describe('the GitHub workflow', () => {
  it('runs the tests, validation, SARIF upload, layout check and build on pull requests and main, with npm cached', () => {
    expect(checkWorkflow(readWorkflow())).toEqual([]);
  });

  it('annotates pull requests against their base branch, and keeps the built dist/ from main', () => {
    const wf = readWorkflow();
    const pr = stepsRunning(wf, EVENTS[0].context).filter(({ step }) => runs(step, VALIDATE_GITHUB));
    expect(pr.map(({ step }) => step.run)).toEqual([expect.stringContaining('--changed-since "origin/$BASE_REF"')]);
    expect(pr[0].step.env?.BASE_REF).toBe('${{ github.base_ref }}');
    const keep = (context: Context) => stepsRunning(wf, context).filter(({ step }) => usesAction(step, 'actions/upload-artifact'));
    expect(keep(EVENTS[1].context).map(({ step }) => step.with?.path)).toEqual(['dist/']);
    expect(keep(EVENTS[0].context)).toEqual([]);
  });

  const cases: [string, Mutation, RegExp][] = [
    ['the test job runs on push only', (wf) => void (wf.jobs[testJob(wf)].if = "github.event_name == 'push'"), /no job runs `npm test` on pull requests/],
    ['the test job runs on main only', (wf) => void (wf.jobs[testJob(wf)].if = "${{ github.ref == 'refs/heads/main' }}"), /no job runs `npm test` on pull requests/],
    ['the npm test step runs on push only', (wf) => void (stepOf(wf, testJob(wf), (s) => runs(s, NPM_TEST)).if = "github.event_name == 'push'"), /no job runs `npm test` on pull requests/],
    ['the npm test step is skipped on pull requests', (wf) => void (stepOf(wf, testJob(wf), (s) => runs(s, NPM_TEST)).if = "${{ !cancelled() && github.event_name != 'pull_request' }}"), /no job runs `npm test` on pull requests/],
    ['the npm test step depends on something unknown', (wf) => void (stepOf(wf, testJob(wf), (s) => runs(s, NPM_TEST)).if = 'vars.RUN_TESTS'), /no job runs `npm test` on pull requests/],
    ['the npm test step is removed', (wf) => void (wf.jobs[testJob(wf)].steps = wf.jobs[testJob(wf)].steps!.filter((s) => !runs(s, NPM_TEST))), /no job runs `npm test` on pushes to main/],
    ['no pull_request trigger', (wf) => void delete (wf.on as Record<string, unknown>).pull_request, /does not run on pull requests/],
    ['triggers as a list, without pull_request', (wf) => void (wf.on = ['push']), /does not run on pull requests/],
    ['pull requests into other branches only', (wf) => void ((wf.on as Record<string, unknown>).pull_request = { branches: ['release'] }), /does not run on pull requests/],
    ['pull requests filtered by paths', (wf) => void ((wf.on as Record<string, unknown>).pull_request = { paths: ['entries/**'] }), /pull_request trigger filters by paths/],
    ['pushes to other branches only', (wf) => void ((wf.on as Record<string, unknown>).push = { branches: ['release'] }), /does not run on pushes to main/],
    ['main ignored', (wf) => void ((wf.on as Record<string, unknown>).push = { 'branches-ignore': ['main'] }), /does not run on pushes to main/],
    ['no top-level permissions', (wf) => void delete wf.permissions, /no top-level permissions/],
    ['write access at the top', (wf) => void (wf.permissions = { contents: 'write' }), /top-level permissions grant write/],
    ['the npm cache is off in the test job', (wf) => void delete stepOf(wf, testJob(wf), (s) => usesAction(s, 'actions/setup-node')).with!.cache, new RegExp(`job "test" runs npm ci without setup-node's npm cache`)],
    ['the npm cache is off in the SARIF job', (wf) => void (stepOf(wf, sarifJob(wf), (s) => usesAction(s, 'actions/setup-node')).with!.cache = 'yarn'), /job "validate" runs npm ci without setup-node's npm cache/],
    ['setup-node is gone from the build job', (wf) => void (wf.jobs.build.steps = wf.jobs.build.steps!.filter((s) => !usesAction(s, 'actions/setup-node'))), /job "build" runs npm ci without actions\/setup-node/],
    ['Node 18', (wf) => void (stepOf(wf, testJob(wf), (s) => usesAction(s, 'actions/setup-node')).with!['node-version'] = 18), /job "test" does not set up Node 20/],
    ['no SARIF upload', (wf) => void (wf.jobs[sarifJob(wf)].steps = wf.jobs[sarifJob(wf)].steps!.filter((s) => !upload(s))), /no step uploads SARIF/],
    ['the uploaded file is not the one written', (wf) => void (stepOf(wf, sarifJob(wf), upload).with!.sarif_file = 'results.sarif'), /uploads results\.sarif that no earlier --format sarif step writes/],
    [
      'the SARIF is written after the upload',
      (wf) => {
        const steps = wf.jobs[sarifJob(wf)].steps!;
        const up = steps.findIndex(upload);
        const [moved] = steps.splice(up, 1);
        steps.splice(steps.findIndex((s) => runs(s, VALIDATE_SARIF)), 0, moved);
      },
      /uploads reflib\.sarif that no earlier --format sarif step writes/,
    ],
    ['the upload runs on pull requests only', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "github.event_name == 'pull_request'"), /the SARIF upload never runs on pushes to main/],
    ['the SARIF is written on main only', (wf) => void (stepOf(wf, sarifJob(wf), (s) => runs(s, VALIDATE_SARIF)).if = "github.ref == 'refs/heads/main'"), /no job writes the SARIF report on pull requests/],
    ['no security-events: write', (wf) => void delete (wf.jobs[sarifJob(wf)].permissions as Record<string, string>)['security-events'], /uploads SARIF without security-events: write/],
    [
      'validate --format github on push only',
      (wf) => {
        for (const job of Object.values(wf.jobs)) for (const s of job.steps ?? []) if (runs(s, VALIDATE_GITHUB)) s.if = "github.event_name == 'push'";
      },
      /no job runs `validate --format github` on pull requests/,
    ],
    ['the --changed-since checkout is shallow', (wf) => void delete stepOf(wf, jobRunning(wf, /--changed-since/), (s) => usesAction(s, 'actions/checkout')).with, /passes --changed-since but its checkout does not fetch the history/],
    ['fmt --check is gone', (wf) => void (wf.jobs[jobRunning(wf, FMT_CHECK)].steps = wf.jobs[jobRunning(wf, FMT_CHECK)].steps!.filter((s) => !runs(s, FMT_CHECK))), /no job runs `fmt --check` on pull requests/],
    [
      'the build needs a job that runs on main only',
      (wf) => {
        wf.jobs.gate = { if: "github.event_name == 'push'", steps: [{ run: 'true' }] };
        wf.jobs[jobRunning(wf, NPM_BUILD)].needs = 'gate';
      },
      /no job runs `npm run build` on pull requests/,
    ],
    ['the build runs on main only', (wf) => void (wf.jobs[jobRunning(wf, NPM_BUILD)].if = "github.event_name == 'push'"), /no job runs `npm run build` on pull requests/],
  ];

  it.each(cases)('reports %s', (_, mutate, expected) => {
    const wf = structuredClone(readWorkflow());
    mutate(wf);
    const problems = checkWorkflow(wf);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe('evaluateIf', () => {
  const [PR, PUSH] = EVENTS.map((e) => e.context);
  it.each([
    [undefined, PR, true],
    ["github.event_name == 'push'", PR, false],
    ["github.event_name == 'push'", PUSH, true],
    ["${{ github.event_name == 'PULL_REQUEST' }}", PR, true],
    ["github.event_name != 'pull_request'", PR, false],
    ['${{ !cancelled() }}', PR, true],
    ['failure()', PR, false],
    ["always() && (github.event_name == 'push' || github.ref == 'refs/heads/main')", PR, false],
    ["steps.sarif.outcome == 'success'", PR, UNKNOWN],
    ["steps.sarif.outcome == 'success' && github.event_name == 'push'", PR, false],
    ["github.event.pull_request.head.repo.full_name == github.repository || github.event_name != 'pull_request'", PUSH, true],
    ["contains(github.ref, 'main')", PUSH, UNKNOWN],
  ] as const)('%s', (condition, context, expected) => {
    expect(evaluateIf(condition, context)).toBe(expected);
  });
});
