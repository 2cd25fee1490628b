import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchValidate, type WatchSession } from '../../../scripts/commands/validate/watchValidate';
import type { RunResult } from '../../../scripts/pipeline/runResult';
import { copyRealLibrary } from '../../support/fixtures';

const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';
const FORMS = 'entries/forms/magnesium-forms.yaml';
let session: WatchSession | undefined;
const roots: string[] = [];
afterEach(() => {
  session?.close();
  session = undefined;
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function copyLibrary(): string {
  const root = copyRealLibrary('reflib-watch-');
  roots.push(root);
  return root;
}

/** Starts a session that records every report; `next()` waits for the next one. */
function start(root: string) {
  const results: RunResult[] = [];
  const outputs: string[] = [];
  let wake: (() => void) | undefined;
  session = watchValidate({
    cwd: root,
    debounceMs: 10,
    onOutput: (t) => outputs.push(t),
    onResult: (r) => {
      results.push(r);
      wake?.();
    },
  });
  const next = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`no result ${count} within 10 s`)), 10_000);
      const check = () => {
        if (results.length >= count) {
          clearTimeout(timeout);
          resolve();
        }
      };
      wake = check;
      check();
    });
  return { results, outputs, next };
}

describe('validate --watch', () => {
  it('re-validates when a file is saved, re-parsing only that file, and prints only what changed', async () => {
    const root = copyLibrary();
    const w = start(root);
    await session!.ready;
    expect(session!.parsedFiles()).toBe(20);
    expect(w.results[0].summary.errors).toBe(0);
    const file = path.join(root, STRESS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary:', 'sumary:'));
    await w.next(2);
    expect(w.results[1].diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.rule])).toContainEqual([STRESS, 'schema']);
    expect(session!.parsedFiles()).toBe(21);
    // The first check showed everything on a cleared screen; this one says what is new, and nothing else.
    expect(w.outputs[0].startsWith('\x1b[2J')).toBe(true);
    expect(w.outputs[1].startsWith('\x1b[2J')).toBe(false);
    expect(w.outputs[1]).toMatch(/^2 new, \d+ fixed:\n/);
    expect(w.outputs[1]).toMatch(/\n {2}new {4}entries\/topics\/stress-magnesium-vicious-circle\.yaml:7:1 {2}error {2}unknown field "sumary" {2}schema\n[\s\S]*Checked in \d+ ms\. Watching for changes/);
    // Nothing about other files: only what changed is printed.
    expect(w.outputs[1].split('\n').filter((l) => /^ {2}(new|fixed)/.test(l) && !l.includes(STRESS))).toEqual([]);
    // Fixing it clears the error, and says so.
    writeFileSync(file, readFileSync(file, 'utf8').replace('sumary:', 'summary:'));
    await w.next(3);
    expect(w.results[2].summary.errors).toBe(0);
    expect(w.outputs[2]).toMatch(/^\d+ new, 2 fixed:\n/);
    expect(w.outputs[2]).toMatch(/\n {2}fixed {2}entries\/topics\/stress-magnesium-vicious-circle\.yaml:7:1 {2}error {2}unknown field "sumary"/);
    expect(session!.parsedFiles()).toBe(22);
  });

  it('notices a changed lock file', async () => {
    const root = copyLibrary();
    const w = start(root);
    await session!.ready;
    writeFileSync(path.join(root, 'pubmed-lock.json'), '{ broken');
    await w.next(2);
    expect(w.results[1].diagnostics.some((d) => d.rule === 'pubmed-lock')).toBe(true);
  });
});

// `validate --watch [paths…] [--quiet]`: each check is narrowed as `validate` narrows it.
/** Starts a session; `next(n)` waits for the n-th result. */
function startScoped(root: string, options: { paths?: string[]; quiet?: boolean }) {
  const results: RunResult[] = [];
  const outputs: string[] = [];
  let wake: (() => void) | undefined;
  session = watchValidate({ cwd: root, debounceMs: 10, ...options, onOutput: (t) => outputs.push(t), onResult: (r) => (results.push(r), wake?.()) });
  const next = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`no result ${count} within 10 s`)), 10_000);
      wake = () => {
        if (results.length >= count) {
          clearTimeout(timeout);
          resolve();
        }
      };
      wake();
    });
  return { results, outputs, next };
}

describe('validate --watch with paths and --quiet', () => {
  it('shows only the files given, and a change outside them shows nothing new', async () => {
    const root = copyLibrary();
    const w = startScoped(root, { paths: [STRESS] });
    await session!.ready;
    expect(w.results[0].diagnostics.length).toBeGreaterThan(0);
    expect(w.results[0].diagnostics.every((d) => d.file === STRESS)).toBe(true);
    // A broken link in FORMS (outside the paths): checked, not shown.
    const forms = path.join(root, FORMS);
    writeFileSync(forms, readFileSync(forms, 'utf8').replace(/^related: \[/m, 'related: [deadbeef, '));
    await w.next(2);
    expect(w.results[1].diagnostics).toEqual(w.results[0].diagnostics);
    // The same in STRESS is shown.
    const stress = path.join(root, STRESS);
    writeFileSync(stress, readFileSync(stress, 'utf8').replace(/^related: \[/m, 'related: [deadbeef, '));
    await w.next(3);
    expect(w.results[2].diagnostics.filter((d) => d.rule === 'broken-link').map((d) => d.file)).toEqual([STRESS]);
  });

  it('shows errors only with --quiet', async () => {
    const root = copyLibrary();
    const w = startScoped(root, { quiet: true });
    await session!.ready;
    expect(w.results[0].diagnostics).toEqual([]);
    expect(w.results[0].summary.warnings).toBe(0);
  });

  it('refuses a path outside the library before watching', () => {
    const root = copyLibrary();
    expect(() => watchValidate({ cwd: root, paths: [tmpdir()], onOutput: () => undefined })).toThrow(/outside the library/);
  });
});
