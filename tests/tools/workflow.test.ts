/**
 * The GitHub workflow keeps doing its jobs: on every pull request and every
 * push to main it runs the tests, validates the library (annotations, and a
 * code scanning report), checks the layout and builds, with npm cached; a
 * failure fails the run, and no push to main goes unchecked. A checker reads
 * the parsed workflow; the negative cases break each of these in a copy and
 * expect the checker to say so, so this test can fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/fixtures';

const WORKFLOW = '.github/workflows/reflib.yml';

type Concurrency = string | { group?: string; 'cancel-in-progress'?: boolean | string };
interface Step {
  name?: string;
  id?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'continue-on-error'?: boolean | string;
}
interface Job {
  if?: string | boolean;
  permissions?: string | Record<string, string>;
  steps?: Step[];
  needs?: string | string[];
  concurrency?: Concurrency;
  'continue-on-error'?: boolean | string;
}
interface Workflow {
  on?: unknown;
  permissions?: string | Record<string, string>;
  concurrency?: Concurrency;
  jobs: Record<string, Job>;
}

function readWorkflow(): Workflow {
  return parse(readFileSync(path.join(REPO, WORKFLOW), 'utf8')) as Workflow;
}

// ---- A small evaluator of expressions (`if:`, `${{ }}`), in three-valued logic ----

/** A value the run would know but this test does not (a variable, a function's result…). */
const UNKNOWN = Symbol('unknown');
type Value = string | number | boolean | null | typeof UNKNOWN;
/**
 * What a run knows: `github.*` values, `steps.<id>.outcome` (and `.conclusion`),
 * and the status functions' results under `success()`, `failure()`,
 * `cancelled()` and `always()`, which by default are those of a run where every
 * earlier step succeeded and nobody cancelled. A name missing here is UNKNOWN;
 * one set to null is known to be absent (as `github.event.pull_request` on a push).
 */
type Context = Record<string, Value>;

const REPOSITORY = 'owner/reflib';
const github = (event: Record<string, Value>): Context => ({
  'github.repository': REPOSITORY,
  'github.workflow': 'reflib',
  'github.run_id': '7001',
  'github.run_number': '11',
  'github.run_attempt': '1',
  'github.sha': '0a1b2c3d',
  'github.event.pull_request.head.repo.full_name': null,
  'github.head_ref': '',
  'github.base_ref': '',
  ...event,
});
/** The runs a workflow must serve, as the contexts an expression sees, and whether each uploads the SARIF report. */
const EVENTS: { label: string; context: Context; uploads: boolean }[] = [
  {
    label: 'pull requests',
    uploads: true,
    context: github({ 'github.event_name': 'pull_request', 'github.ref': 'refs/pull/1/merge', 'github.base_ref': 'main', 'github.head_ref': 'topic', 'github.event.pull_request.head.repo.full_name': REPOSITORY }),
  },
  { label: 'pushes to main', uploads: true, context: github({ 'github.event_name': 'push', 'github.ref': 'refs/heads/main' }) },
  {
    // Their token is read-only: the upload would fail.
    label: 'pull requests from forks',
    uploads: false,
    context: github({ 'github.event_name': 'pull_request', 'github.ref': 'refs/pull/2/merge', 'github.base_ref': 'main', 'github.head_ref': 'main', 'github.event.pull_request.head.repo.full_name': 'someone/reflib' }),
  },
];
const STATUS: Record<string, boolean> = { success: true, always: true, cancelled: false, failure: false };
const STATUS_CALL = /\b(success|failure|cancelled|always)\s*\(/;

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
  return v !== false && v !== null && v !== 0 && v !== '' && !Number.isNaN(v);
}

/** Actions' loose equality: strings ignoring case; values of different types as numbers (null and '' are 0). */
function equal(a: Exclude<Value, typeof UNKNOWN>, b: Exclude<Value, typeof UNKNOWN>): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const num = (v: typeof a) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : v);
  return num(a) === num(b);
}

/**
 * The value of an expression (without `${{ }}`) in a run with `context`, or
 * UNKNOWN when it depends on what the test cannot know. `&&` and `||` give one
 * of their operands, as in Actions; when the left one is UNKNOWN and the right
 * one settles the result, the result keeps its truth, not its exact value.
 */
function evaluate(expression: string, context: Context): Value {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (next() !== t) throw new Error(`expected ${t} in ${expression}`);
  };

  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      const [l, r] = [truthy(left), truthy(right)];
      left = l === true ? left : l === false ? right : r === true ? true : UNKNOWN;
    }
    return left;
  };
  const and = (): Value => {
    let left = compare();
    while (peek() === '&&') {
      next();
      const right = compare();
      const [l, r] = [truthy(left), truthy(right)];
      left = l === false ? left : l === true ? right : r === false ? false : UNKNOWN;
    }
    return left;
  };
  const compare = (): Value => {
    const left = unary();
    if (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = unary();
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
      return op === '==' ? equal(left, right) : !equal(left, right);
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
    if (t === undefined) throw new Error(`unexpected end of ${expression}`);
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
      if (`${t}()` in context) return context[`${t}()`];
      return t in STATUS ? STATUS[t] : UNKNOWN;
    }
    return t in context ? context[t] : UNKNOWN;
  };

  const value = or();
  if (i !== tokens.length) throw new Error(`cannot read the expression ${JSON.stringify(expression)}`);
  return value;
}

/** Evaluates an `if:` (with or without `${{ }}`) for a run with `context`: true, false, or UNKNOWN. Without a status function, `success() &&` is implied, as in Actions. */
function evaluateIf(condition: string | boolean | undefined, context: Context): boolean | typeof UNKNOWN {
  if (typeof condition === 'boolean') return condition && truthy(evaluate('success()', context));
  const wrapped = condition === undefined ? undefined : /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  const expression = condition === undefined ? 'success()' : wrapped ? wrapped[1] : condition;
  return truthy(evaluate(STATUS_CALL.test(expression) ? expression : `success() && (${expression})`, context));
}

/** A string with `${{ }}` in it (a concurrency group…), as the run would see it, or UNKNOWN. */
function interpolate(template: string, context: Context): string | typeof UNKNOWN {
  let unknown = false;
  const text = template.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const v = evaluate(expression, context);
    if (v === UNKNOWN) unknown = true;
    return v === null || v === UNKNOWN ? '' : String(v);
  });
  return unknown ? UNKNOWN : text;
}

// ---- A small reader of `run:` scripts ----

/** One simple command of a script: its words (quotes removed, redirections dropped), and the operator that joins it to the one before ('' for the first). */
interface Command {
  words: string[];
  before: '' | ';' | '&&' | '||' | '|' | '&';
}

/** The simple commands of a shell script, read well enough for a workflow's `run:` (no here-documents, no `$( )` nesting). Comments are left out. */
function shellCommands(script: string): Command[] {
  const commands: Command[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let before: Command['before'] = '';
  let redirectTarget = false;
  const endWord = () => {
    if (word === null) return;
    if (redirectTarget) redirectTarget = false;
    else words.push(word);
    word = null;
  };
  const endCommand = (op: Command['before']) => {
    endWord();
    if (words.length > 0) {
      commands.push({ words, before });
      before = op;
    } else if (before === '' || before === ';') before = op === ';' ? before : op;
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '\\') {
      if (script[i + 1] !== '\n') word = (word ?? '') + (script[i + 1] ?? '');
      i++;
    } else if (c === "'") {
      const end = script.indexOf("'", i + 1);
      word = (word ?? '') + script.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? script.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < script.length && script[j] !== '"') {
        if (script[j] === '\\' && j + 1 < script.length) {
          text += script[j + 1];
          j += 2;
        } else text += script[j++];
      }
      word = (word ?? '') + text;
      i = j;
    } else if (c === '#' && word === null) {
      const nl = script.indexOf('\n', i);
      i = (nl < 0 ? script.length : nl) - 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else if (script.startsWith('&&', i) || script.startsWith('||', i)) {
      endCommand(script.slice(i, i + 2) as '&&' | '||');
      i++;
    } else if (c === ';' || c === '\n' || c === '|' || c === '&') {
      endCommand(c === '\n' ? ';' : (c as ';' | '|' | '&'));
    } else if (c === '>' || c === '<') {
      // A redirection (`> file`, `2>&1`…): neither it nor its target is a word of the command.
      if (word !== null && /^\d+$/.test(word)) word = null;
      endWord();
      while (script[i + 1] === '>' || script[i + 1] === '&' || script[i + 1] === '|') i++;
      redirectTarget = true;
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand(';');
  return commands;
}

const commandText = (c: Command) => c.words.join(' ');

// ---- The checker ----

/** A command the workflow runs; `mention` finds it in a step's text, whether it runs or not. */
interface Wanted {
  label: string;
  command: RegExp;
  mention: RegExp;
}
const wanted = (label: string, command: string): Wanted => ({ label, command: new RegExp(`^${command}`), mention: new RegExp(command, 'm') });
const NPM_TEST = wanted('`npm test`', 'npm (run )?test\\b');
const NPM_CI = wanted('`npm ci`', 'npm ci\\b');
const VALIDATE_GITHUB = wanted('`validate --format github`', 'node scripts/bin\\.js validate\\b.*--format[ =]"?github\\b');
const VALIDATE_SARIF = wanted('`validate --format sarif`', 'node scripts/bin\\.js validate\\b.*--format[ =]"?sarif\\b');
const FMT_CHECK = wanted('`fmt --check`', 'node scripts/bin\\.js fmt\\b.*--check\\b');
const NPM_BUILD = wanted('`npm run build`', 'npm run build\\b');
/** What must run, and fail the run when it fails, on every pull request and every push to main. */
const REQUIRED = [NPM_TEST, VALIDATE_GITHUB, FMT_CHECK, NPM_BUILD];
/** Commands that need the dependencies installed: reflib, npx, npm scripts. */
const NEEDS_INSTALL = /^(node scripts\/bin\.js|npx|npm (?!ci\b|install\b|i\b))/;

/** Whether a step executes the command (not just echoes it, or mentions it in a comment). */
const runs = (step: Step, what: Wanted) => typeof step.run === 'string' && shellCommands(step.run).some((c) => what.command.test(commandText(c)));
const usesAction = (step: Step, action: string) => typeof step.uses === 'string' && step.uses.split('@')[0] === action;
const stepLabel = (step: Step) => step.name ?? step.id ?? (step.run ? step.run.trim().split('\n')[0] : step.uses) ?? '(a step)';
/** Whether a `continue-on-error:` may be on: anything but absent or false. */
const continues = (v: boolean | string | undefined) => v !== undefined && v !== false && v !== 'false';

/**
 * The steps of a job in order, each with whether it runs: its `if:` read with
 * the outcomes of the steps before it. Every step that runs succeeds, except
 * the one at `failing`, if it runs: after it, `success()` is false and `failure()` true.
 */
function jobSteps(spec: Job, context: Context, orUnknown = false, failing = -1): { step: Step; index: number; running: boolean }[] {
  let ctx: Context = { ...context };
  return (spec.steps ?? []).map((step, index) => {
    const v = evaluateIf(step.if, ctx);
    const running = v === true || (orUnknown && v === UNKNOWN);
    const fails = index === failing && v !== false;
    if (step.id) {
      const outcome = fails ? 'failure' : v === UNKNOWN ? UNKNOWN : v ? 'success' : 'skipped';
      ctx[`steps.${step.id}.outcome`] = outcome;
      ctx[`steps.${step.id}.conclusion`] = outcome;
    }
    if (fails) ctx = { ...ctx, 'success()': false, 'failure()': true };
    return { step, index, running };
  });
}

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
    for (const { step, index, running } of jobSteps(spec, context, orUnknown)) if (running) out.push({ job, step, index });
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

/** Why a required step's script might succeed although its command failed, or undefined. (Actions runs it with `bash -e`.) */
function hidesFailure(commands: Command[], at: number): string | undefined {
  for (const c of commands) {
    if (c.words[0] === 'set' && c.words.slice(1).some((w, k, ws) => /^\+[a-z]*e/.test(w) || (w === '+o' && ws[k + 1] === 'errexit'))) return 'set +e';
    if (c.before === '||') return `|| ${commandText(c)}`;
  }
  const after = commands[at + 1]?.before;
  if (after === '|') return 'piped into another command';
  if (after === '&') return 'run in the background';
  const swallow = commands.slice(at + 1).find((c) => ['true', ':'].includes(commandText(c)) || /^exit 0\b/.test(commandText(c)));
  if (swallow) return `; ${commandText(swallow)}`;
  return undefined;
}

/** Whether a command tests that the one before exited with 1, and only 1: `[ $? -eq 1 ]`, `test $? = 1`… */
function testsExitOne(c: Command | undefined): boolean {
  if (!c) return false;
  const w = c.words;
  const test = w[0] === 'test' ? w.slice(1) : (w[0] === '[' && w.at(-1) === ']') || (w[0] === '[[' && w.at(-1) === ']]') ? w.slice(1, -1) : undefined;
  if (!test || test.length !== 3 || test[0] !== '$?') return false;
  const [, op, n] = test;
  return (['-eq', '=', '=='].includes(op) && n === '1') || (op === '-le' && n === '1') || (op === '-lt' && n === '2');
}

/** Every way the workflow falls short of running its jobs on pull requests and main; empty when it does not. */
function checkWorkflow(wf: Workflow): string[] {
  const problems: string[] = [];
  const on = triggers(wf);
  const jobs = Object.entries(wf.jobs ?? {});

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

  // Concurrency: in a group, a pending run is cancelled when a newer one queues (cancel-in-progress or not),
  // so two pushes to main must never share a group; a pull request's superseded runs are cancelled.
  const pushRun = (runId: string, sha: string): Context => ({ ...EVENTS[1].context, 'github.run_id': runId, 'github.run_number': runId, 'github.sha': sha });
  const prRun = (runId: string, sha: string): Context => ({ ...EVENTS[0].context, 'github.run_id': runId, 'github.run_number': runId, 'github.sha': sha });
  const groupOf = (c: Concurrency, context: Context) => interpolate(String(typeof c === 'string' ? c : c.group ?? ''), context);
  for (const [where, c] of [['the workflow', wf.concurrency], ...jobs.map(([job, spec]) => [`job "${job}"`, spec.concurrency] as const)] as const) {
    if (c === undefined) continue;
    const [a, b] = [groupOf(c, pushRun('7101', 'aaaa1111')), groupOf(c, pushRun('7102', 'bbbb2222'))];
    if (a === UNKNOWN || b === UNKNOWN || a === b) {
      problems.push(`${where}: pushes to main share a concurrency group (${typeof a === 'string' ? a : 'one the test cannot tell apart'}), so a pending run is cancelled when a newer push queues, and that push is never checked`);
    }
  }
  const wfc = wf.concurrency;
  const prGroup = wfc === undefined ? UNKNOWN : groupOf(wfc, prRun('7201', 'cccc3333'));
  const superseded = prGroup !== UNKNOWN && prGroup === groupOf(wfc!, prRun('7202', 'dddd4444'));
  const cancel = typeof wfc === 'object' ? wfc['cancel-in-progress'] : undefined;
  const cancels = cancel === true || (typeof cancel === 'string' && interpolate(cancel, EVENTS[0].context) === 'true');
  if (!superseded || !cancels) problems.push("a pull request's superseded runs are not cancelled (one concurrency group per pull request, cancel-in-progress on pull requests)");

  // What must run on every pull request and every push to main.
  for (const { label, context } of EVENTS) {
    const running = stepsRunning(wf, context);
    for (const what of REQUIRED) {
      if (!running.some(({ step }) => runs(step, what))) problems.push(`no job runs ${what.label} on ${label}`);
    }
  }

  // ...executed (not echoed or commented out), and failing the run when it fails.
  for (const [job, spec] of jobs) {
    const steps = spec.steps ?? [];
    let jobRequired = false;
    for (const step of steps) {
      if (typeof step.run !== 'string') continue;
      const commands = shellCommands(step.run);
      for (const what of [...REQUIRED, NPM_CI]) {
        const at = commands.findIndex((c) => what.command.test(commandText(c)));
        if (at < 0) {
          if (what.mention.test(step.run)) problems.push(`job "${job}": step "${stepLabel(step)}" mentions ${what.label} but does not run it`);
          continue;
        }
        jobRequired = true;
        const hidden = hidesFailure(commands, at);
        if (hidden) problems.push(`job "${job}": step "${stepLabel(step)}" can hide a failure of ${what.label} (${hidden}), so the run would pass anyway`);
        if (continues(step['continue-on-error'])) problems.push(`job "${job}": step "${stepLabel(step)}" has continue-on-error, so a failure of ${what.label} does not fail the run`);
      }
    }
    if (jobRequired && continues(spec['continue-on-error'])) problems.push(`job "${job}" has continue-on-error, so its failures do not fail the run`);
  }

  // Every job that runs reflib or npm scripts installs first, with npm cached, on Node 20;
  // and after a failed install, runs none of them (they could only fail too, and bury the real error).
  for (const [job, spec] of jobs) {
    const steps = spec.steps ?? [];
    const install = steps.findIndex((s) => runs(s, NPM_CI));
    const needing = steps.findIndex((s) => typeof s.run === 'string' && shellCommands(s.run).some((c) => NEEDS_INSTALL.test(commandText(c))));
    if (needing >= 0 && (install < 0 || install > needing)) problems.push(`job "${job}" runs reflib or npm scripts without npm ci before them`);
    if (install < 0) continue;
    const setup = steps.slice(0, install).find((s) => usesAction(s, 'actions/setup-node'));
    if (!setup) problems.push(`job "${job}" runs npm ci without actions/setup-node before it`);
    else {
      if (setup.with?.cache !== 'npm') problems.push(`job "${job}" runs npm ci without setup-node's npm cache (cache: npm)`);
      if (!/^20(\.|$)/.test(String(setup.with?.['node-version'] ?? ''))) problems.push(`job "${job}" does not set up Node 20`);
    }
    const afterFailure = new Set<string>();
    for (const { context } of EVENTS) {
      for (const { step, index, running } of jobSteps(spec, context, true, install)) {
        if (index <= install || !running || typeof step.run !== 'string') continue;
        if (shellCommands(step.run).some((c) => NEEDS_INSTALL.test(commandText(c)))) afterFailure.add(stepLabel(step));
      }
    }
    for (const step of afterFailure) problems.push(`job "${job}" runs step "${step}" after npm ci failed (it can only fail too, and buries the real error)`);
  }

  // --changed-since needs the base branch and its history.
  for (const [job, spec] of jobs) {
    const steps = spec.steps ?? [];
    if (!steps.some((s) => typeof s.run === 'string' && shellCommands(s.run).some((c) => c.words.includes('--changed-since')))) continue;
    const checkout = steps.find((s) => usesAction(s, 'actions/checkout'));
    if (String(checkout?.with?.['fetch-depth']) !== '0') problems.push(`job "${job}" passes --changed-since but its checkout does not fetch the history (fetch-depth: 0)`);
  }

  // The code scanning report: made by a --format sarif step that tolerates exit 1 (errors found, listed in the
  // report) and only 1 (2: no report), then uploaded, by a job allowed to.
  for (const [job, spec] of jobs) {
    for (const step of spec.steps ?? []) {
      if (!runs(step, VALIDATE_SARIF)) continue;
      const commands = shellCommands(step.run!);
      const at = commands.findIndex((c) => VALIDATE_SARIF.command.test(commandText(c)));
      const rest = commands.slice(at + 1);
      if (rest.length === 0) problems.push(`job "${job}": the SARIF step fails when the library has errors (exit 1), so the upload is skipped exactly when it matters: end it with || [ $? -eq 1 ]`);
      else if (!(rest.length === 1 && rest[0].before === '||' && testsExitOne(rest[0])) || hidesFailure(commands.slice(0, at + 1), at)) {
        problems.push(`job "${job}": the SARIF step must tolerate exit 1 (errors found) and only 1 (2: no report was made), as || [ $? -eq 1 ] does, not: ${rest.map((c) => `${c.before} ${commandText(c)}`).join(' ')}`);
      }
    }
  }
  const uploads = jobs.flatMap(([job, spec]) =>
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
  for (const { label, context, uploads: shouldUpload } of EVENTS) {
    if (!stepsRunning(wf, context).some(({ step }) => runs(step, VALIDATE_SARIF))) problems.push(`no job writes the SARIF report on ${label}`);
    if (uploads.length === 0) continue;
    // Where it should, the upload surely runs (after a successful SARIF step); on a fork's pull request, surely not.
    const uploading = stepsRunning(wf, context, !shouldUpload).some(({ step }) => usesAction(step, 'github/codeql-action/upload-sarif'));
    if (shouldUpload && !uploading) problems.push(`the SARIF upload does not run on ${label}`);
    if (!shouldUpload && uploading) problems.push(`the SARIF upload runs on ${label}, whose read-only token cannot upload`);
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
const jobRunning = (wf: Workflow, what: Wanted | RegExp): string => {
  const found = Object.entries(wf.jobs).find(([, spec]) => (spec.steps ?? []).some((s) => (what instanceof RegExp ? what.test(s.run ?? '') : runs(s, what))));
  if (!found) throw new Error(`no job runs ${what instanceof RegExp ? what : what.label}: update this test with the workflow`);
  return found[0];
};
/** The step of the job running `what` that runs it. */
const stepRunning = (wf: Workflow, what: Wanted, match: (s: Step) => boolean = () => true): Step => stepOf(wf, jobRunning(wf, what), (s) => runs(s, what) && match(s));
const onPush = (s: Step) => s.if === "github.event_name != 'pull_request'";
const installOf = (wf: Workflow, job: string) => stepOf(wf, job, (s) => runs(s, NPM_CI));
const testJob = (wf: Workflow) => jobRunning(wf, NPM_TEST);
const sarifJob = (wf: Workflow) => jobRunning(wf, VALIDATE_SARIF);
const upload = (s: Step) => usesAction(s, 'github/codeql-action/upload-sarif');

/** The regressions that the first checker let through: each must fail without the checks added for it. */
const newCases: [string, Mutation, RegExp][] = [
  // The SARIF step tolerates exit 1 (errors, listed in the report), and only 1.
  ['the SARIF step fails on exit 1', (wf) => void (stepRunning(wf, VALIDATE_SARIF).run = 'node scripts/bin.js validate --format sarif > reflib.sarif'), /the SARIF step fails when the library has errors \(exit 1\)/],
  ['the SARIF step tolerates every exit code (|| true)', (wf) => void (stepRunning(wf, VALIDATE_SARIF).run = 'node scripts/bin.js validate --format sarif > reflib.sarif || true'), /the SARIF step must tolerate exit 1 \(errors found\) and only 1/],
  ['the SARIF step tolerates exit 2', (wf) => void (stepRunning(wf, VALIDATE_SARIF).run = 'node scripts/bin.js validate --format sarif > reflib.sarif || [ $? -le 2 ]'), /the SARIF step must tolerate exit 1 \(errors found\) and only 1/],
  ['the SARIF step always exits 0', (wf) => void (stepRunning(wf, VALIDATE_SARIF).run = 'node scripts/bin.js validate --format sarif > reflib.sarif; exit 0'), /the SARIF step must tolerate exit 1 \(errors found\) and only 1 .*not: ; exit 0/],
  // A required step's failure fails the run.
  ['|| true after validate --format github', (wf) => void (stepRunning(wf, VALIDATE_GITHUB, onPush).run += ' || true'), /step "Validate" can hide a failure of `validate --format github` \(\|\| true\)/],
  ['|| true after the pull request validation', (wf) => void (stepRunning(wf, VALIDATE_GITHUB, (s) => !onPush(s)).run += ' || true'), /can hide a failure of `validate --format github` \(\|\| true\)/],
  ['|| true after npm test', (wf) => void (stepRunning(wf, NPM_TEST).run = 'npm test || true'), /step "npm test \|\| true" can hide a failure of `npm test` \(\|\| true\)/],
  ['|| : after npm test', (wf) => void (stepRunning(wf, NPM_TEST).run = 'npm test || :'), /can hide a failure of `npm test` \(\|\| :\)/],
  ['; true after npm test', (wf) => void (stepRunning(wf, NPM_TEST).run = 'npm test; true'), /can hide a failure of `npm test` \(; true\)/],
  ['a line with true after npm run build', (wf) => void (stepRunning(wf, NPM_BUILD).run = 'npm run build\ntrue\n'), /can hide a failure of `npm run build` \(; true\)/],
  ['set +e before npm test', (wf) => void (stepRunning(wf, NPM_TEST).run = 'set +e\nnpm test'), /can hide a failure of `npm test` \(set \+e\)/],
  ['npm test piped into tee', (wf) => void (stepRunning(wf, NPM_TEST).run = 'npm test | tee test.log'), /can hide a failure of `npm test` \(piped into another command\)/],
  ['|| true after fmt --check', (wf) => void (stepRunning(wf, FMT_CHECK).run += ' || true'), /can hide a failure of `fmt --check`/],
  ['continue-on-error on the test job', (wf) => void (wf.jobs[testJob(wf)]['continue-on-error'] = true), /job "test" has continue-on-error/],
  ['continue-on-error on the npm test step', (wf) => void (stepRunning(wf, NPM_TEST)['continue-on-error'] = true), /step "npm test" has continue-on-error/],
  ['continue-on-error on the validate step', (wf) => void (stepRunning(wf, VALIDATE_GITHUB, onPush)['continue-on-error'] = '${{ true }}'), /step "Validate" has continue-on-error/],
  ['continue-on-error on the Layout step', (wf) => void (stepRunning(wf, FMT_CHECK)['continue-on-error'] = true), /step "Layout" has continue-on-error/],
  // The upload runs for a same-repository pull request and a push to main, after a successful SARIF step.
  ["the upload runs only when the SARIF step failed", (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "${{ !cancelled() && steps.sarif.outcome == 'failure' }}"), /the SARIF upload does not run on pull requests/],
  ['the upload runs for forks only', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "${{ !cancelled() && steps.sarif.outcome == 'success' && github.event.pull_request.head.repo.full_name != github.repository }}"), /the SARIF upload does not run on pull requests/],
  ['the upload runs for forks too', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "${{ !cancelled() && steps.sarif.outcome == 'success' }}"), /the SARIF upload runs on pull requests from forks/],
  ['the upload depends on something unknown', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "steps.sarif.outcome == 'success' && vars.UPLOAD == 'yes'"), /the SARIF upload does not run on pushes to main/],
  ['the upload waits for a step that does not exist', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "steps.report.outcome == 'success'"), /the SARIF upload does not run on pull requests/],
  // npm ci first, in every job that runs reflib or npm scripts.
  ['npm ci removed from the validate job', (wf) => void (wf.jobs.validate.steps = wf.jobs.validate.steps!.filter((s) => !runs(s, NPM_CI))), /job "validate" runs reflib or npm scripts without npm ci before them/],
  [
    'npm ci after the first reflib step',
    (wf) => {
      const steps = wf.jobs.validate.steps!;
      const [install] = steps.splice(steps.findIndex((s) => runs(s, NPM_CI)), 1);
      steps.push(install);
    },
    /job "validate" runs reflib or npm scripts without npm ci before them/,
  ],
  ['npm ci removed from the test job', (wf) => void (stepRunning(wf, NPM_CI).run = 'echo npm ci'), /job "test" runs reflib or npm scripts without npm ci before them/],
  // Executed, not echoed or commented out.
  ['the validation echoed', (wf) => void (stepRunning(wf, VALIDATE_GITHUB, onPush).run = 'echo node scripts/bin.js validate --format github'), /step "Validate" mentions `validate --format github` but does not run it/],
  ['the validation commented out', (wf) => void (stepRunning(wf, VALIDATE_GITHUB, onPush).run = '# node scripts/bin.js validate --format github\nexit 0'), /step "Validate" mentions `validate --format github` but does not run it/],
  ['npm test quoted', (wf) => void (stepRunning(wf, NPM_TEST).run = 'printf "%s\\n" "npm test"'), /mentions `npm test` but does not run it/],
  // Concurrency: no push to main waits in a group where a newer push cancels it.
  ["pushes to main grouped by ref", (wf) => void ((wf.concurrency as { group: string }).group = 'reflib-${{ github.ref }}'), /the workflow: pushes to main share a concurrency group \(reflib-refs\/heads\/main\)/],
  ['one group for the whole workflow', (wf) => void (wf.concurrency = 'reflib'), /pushes to main share a concurrency group/],
  ['a job grouped by workflow', (wf) => void (wf.jobs.build.concurrency = { group: '${{ github.workflow }}-build' }), /job "build": pushes to main share a concurrency group \(reflib-build\)/],
  ['a group the test cannot tell apart', (wf) => void (wf.jobs.build.concurrency = '${{ vars.GROUP }}'), /job "build": pushes to main share a concurrency group \(one the test cannot tell apart\)/],
  ["pull requests' superseded runs kept", (wf) => void ((wf.concurrency as { group: string }).group = 'reflib-${{ github.run_id }}'), /superseded runs are not cancelled/],
  // After a failed npm ci, the steps that need it do not run.
  ['Layout runs after a failed npm ci', (wf) => void (stepRunning(wf, FMT_CHECK).if = '${{ !cancelled() }}'), /job "validate" runs step "Layout" after npm ci failed/],
  ['the SARIF step runs after a failed npm ci', (wf) => void (stepRunning(wf, VALIDATE_SARIF).if = 'always()'), /job "validate" runs step "Code scanning report" after npm ci failed/],
  ['npm ci loses its id', (wf) => void delete installOf(wf, 'validate').id, /no job runs `fmt --check` on pull requests/],
];

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
    ['the upload runs on pull requests only', (wf) => void (stepOf(wf, sarifJob(wf), upload).if = "github.event_name == 'pull_request'"), /the SARIF upload does not run on pushes to main/],
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
    ...newCases,
  ];

  it.each(cases)('reports %s', (_, mutate, expected) => {
    const wf = structuredClone(readWorkflow());
    mutate(wf);
    const problems = checkWorkflow(wf);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

describe('evaluateIf', () => {
  const [PR, PUSH, FORK] = EVENTS.map((e) => e.context);
  const UPLOAD = "${{ !cancelled() && steps.sarif.outcome == 'success' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository) }}";
  const sarif = (outcome: string) => ({ 'steps.sarif.outcome': outcome });
  const failed = { 'success()': false, 'failure()': true, 'steps.install.outcome': 'failure' };
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
    // The upload: a same-repository pull request and a push to main, after a successful SARIF step; not a fork's pull request.
    [UPLOAD, { ...PR, ...sarif('success') }, true],
    [UPLOAD, { ...PUSH, ...sarif('success') }, true],
    [UPLOAD, { ...FORK, ...sarif('success') }, false],
    [UPLOAD, { ...PR, ...sarif('failure') }, false],
    ['github.event.pull_request.head.repo.full_name != github.repository', PUSH, true],
    // Without a status function, success() is implied: nothing runs after a failure but what asks to.
    ["github.event_name != 'pull_request'", { ...PUSH, ...failed }, false],
    ['${{ !cancelled() }}', { ...PUSH, ...failed }, true],
    ["${{ !cancelled() && steps.install.outcome == 'success' }}", { ...PUSH, ...failed }, false],
    ["${{ !cancelled() && steps.install.outcome == 'success' }}", { ...PUSH, 'steps.install.outcome': 'success' }, true],
    // && and || give an operand, and null equals '' (Actions compares mixed types as numbers).
    ["github.event.pull_request.head.repo.full_name == ''", PUSH, true],
    ["(github.event_name == 'push' && github.ref) == 'refs/heads/main'", PUSH, true],
  ] as const)('%s', (condition, context, expected) => {
    expect(evaluateIf(condition, context)).toBe(expected);
  });

  it('reads the concurrency group of each run: one per pull request, one per push to main', () => {
    const { concurrency } = readWorkflow();
    const group = typeof concurrency === 'string' ? concurrency : String(concurrency?.group);
    expect(interpolate(group, PR)).toBe('reflib-refs/pull/1/merge');
    expect(interpolate(group, { ...PR, 'github.run_id': '8001' })).toBe('reflib-refs/pull/1/merge');
    expect(interpolate(group, PUSH)).toBe('reflib-7001');
    expect(interpolate(group, { ...PUSH, 'github.run_id': '8001' })).toBe('reflib-8001');
    expect(interpolate('${{ vars.X }}', PUSH)).toBe(UNKNOWN);
  });
});

describe('shellCommands', () => {
  it.each([
    ['node scripts/bin.js validate --format sarif > reflib.sarif || [ $? -eq 1 ]', [['', 'node scripts/bin.js validate --format sarif'], ['||', '[ $? -eq 1 ]']]],
    ['echo node scripts/bin.js validate', [['', 'echo node scripts/bin.js validate']]],
    ['# npm test\nnpm ci 2>&1\n\nnpm test; true', [['', 'npm ci'], [';', 'npm test'], [';', 'true']]],
    ['npm test |\n  tee "a log"', [['', 'npm test'], ['|', 'tee a log']]],
    ['node scripts/bin.js validate --changed-since "origin/$BASE_REF" && \\\n  npm run build', [['', 'node scripts/bin.js validate --changed-since origin/$BASE_REF'], ['&&', 'npm run build']]],
  ])('%s', (script, expected) => {
    expect(shellCommands(script).map((c) => [c.before, commandText(c)])).toEqual(expected);
  });
});
