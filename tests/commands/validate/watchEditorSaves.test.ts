/**
 * `validate --watch` against the ways files really change: editors (and
 * `reflib fmt`) save by writing a temporary file and renaming it over the
 * entry, files and folders come and go, and entries/ itself can be replaced.
 *
 * Nothing here asserts a duration. Each step waits (up to 10 s, polling) for
 * the state it expects, and asserts what was checked and how many checks
 * ran, which holds however loaded the machine is.
 */
import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchValidate, type WatchSession } from '../../../scripts/commands/validate/watchValidate';
import type { RunResult } from '../../../scripts/pipeline/runResult';
import { entry, makeLibrary } from '../../support/fixtures';

const WAIT_MS = 10_000;
const LOCK_OK = '{ "lockVersion": 1, "records": {} }\n';
const CONFIG_OK = 'rules:\n  unused-suppression: off\n';

let session: WatchSession | undefined;
let root: string | undefined;
afterEach(() => {
  session?.close();
  session = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small clean library: two topics and a misconception, a lock and a config. */
function library(): string {
  root = makeLibrary({
    'entries/topics/alpha.yaml': entry('topic', 'aaaaaaa1'),
    'entries/topics/beta.yaml': entry('topic', 'bbbbbbb2'),
    'entries/misconceptions/gamma.yaml': entry('misconception', 'ccccccc3'),
    'pubmed-lock.json': LOCK_OK,
    'reflib.config.yaml': CONFIG_OK,
  });
  return root;
}

type Style = 'swp' | 'tmp' | 'fmt';

/**
 * Saves `text` to `file` as editors do: write a temporary file in the same
 * folder, then rename it over the target. `swp` is a dot-named swap file (vim),
 * `tmp` is `<name>.tmp`, `fmt` is reflib's own `.<name>.tmp-<pid>-<hex>`.
 */
function saveByRename(file: string, text: string, style: Style = 'swp'): void {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const temp = { swp: `.${name}.swp`, tmp: `${name}.tmp`, fmt: `.${name}.tmp-${process.pid}-abcdef012345` }[style];
  writeFileSync(path.join(dir, temp), text);
  renameSync(path.join(dir, temp), file);
}

/** Starts a session that records every result and output. */
function start(dir: string, debounceMs = 10) {
  const results: RunResult[] = [];
  const outputs: string[] = [];
  session = watchValidate({ cwd: dir, debounceMs, onOutput: (t) => outputs.push(t), onResult: (r) => results.push(r) });
  const latest = () => results[results.length - 1];
  /** Waits until `ok` holds (checked as results and outputs arrive), failing after WAIT_MS with what was last seen. */
  const until = async (what: string, ok: () => boolean) => {
    for (const deadline = Date.now() + WAIT_MS; !ok(); await sleep(20)) {
      if (Date.now() > deadline) {
        const last = latest();
        const seen = last ? `files ${[...last.sources.keys()].join(', ')}; ${last.diagnostics.map((d) => `${d.file} ${d.rule}`).join(', ') || 'no findings'}` : 'no result';
        throw new Error(`watch did not see: ${what} (after ${results.length} checks; last: ${seen}; last output: ${JSON.stringify(outputs[outputs.length - 1]?.slice(0, 200))})`);
      }
    }
  };
  /** Waits until the latest check read `text` for `rel` (root-relative). */
  const checked = (rel: string, text: string) => until(`${rel} with its new text`, () => latest()?.sources.get(rel) === text);
  return { results, outputs, latest, until, checked };
}

const errorsIn = (r: RunResult, rel: string) => r.diagnostics.filter((d) => d.file === rel && d.severity === 'error').map((d) => d.rule);

describe('validate --watch and editor saves', () => {
  it('sees every save that writes a temporary file and renames it over the entry, not only the first', async () => {
    const dir = library();
    const w = start(dir);
    await session!.ready;
    expect(session!.parsedFiles()).toBe(3);
    const rel = 'entries/topics/alpha.yaml';
    const file = path.join(dir, rel);
    const clean = entry('topic', 'aaaaaaa1');

    // 1: an unknown field (a schema error), saved through a vim-style swap file.
    const broken = clean.replace('summary:', 'sumary:');
    saveByRename(file, broken, 'swp');
    await w.checked(rel, broken);
    expect(errorsIn(w.latest(), rel)).toContain('schema');

    // 2: fixed again, through `<name>.tmp`. Before the fix, this save and all later ones went unseen.
    saveByRename(file, clean, 'tmp');
    await w.checked(rel, clean);
    expect(w.latest().summary.errors).toBe(0);

    // 3: a new title, the way `reflib fmt` writes.
    const retitled = clean.replace('title: Entry aaaaaaa1', 'title: Entry aaaaaaa1, retitled');
    saveByRename(file, retitled, 'fmt');
    await w.checked(rel, retitled);

    // 4: a plain in-place write still works after all those renames.
    const inPlace = retitled.replace('retitled', 'written in place');
    writeFileSync(file, inPlace);
    await w.checked(rel, inPlace);

    // Each save re-parsed that one file and nothing else; no temporary file was ever read.
    expect(session!.parsedFiles()).toBe(3 + 4);
    for (const r of w.results) expect([...r.sources.keys()].filter((k) => /\.(swp|tmp)|tmp-/.test(k))).toEqual([]);
  });

  it('sees deletes, new files, new folders and renamed folders', async () => {
    const dir = library();
    const w = start(dir);
    await session!.ready;

    // A new file with an error is checked...
    const bad = 'entries/topics/delta.yaml';
    const badText = entry('topic', 'ddddddd4').replace('summary:', 'sumary:');
    writeFileSync(path.join(dir, bad), badText);
    await w.checked(bad, badText);
    expect(errorsIn(w.latest(), bad)).toContain('schema');
    // ...and once deleted, its findings go.
    unlinkSync(path.join(dir, bad));
    await w.until(`${bad} gone`, () => !w.latest().sources.has(bad));
    expect(w.latest().summary.errors).toBe(0);
    expect(w.latest().summary.files).toBe(3);

    // A new folder with an entry written at once, before any watch on the folder can exist.
    const fresh = 'entries/nutrients/epsilon.yaml';
    mkdirSync(path.join(dir, 'entries/nutrients'));
    writeFileSync(path.join(dir, fresh), entry('topic', 'eeeeeee5'));
    await w.checked(fresh, entry('topic', 'eeeeeee5'));
    // The new folder is watched: a rename-save in it is seen.
    const fresh2 = entry('topic', 'eeeeeee5').replace('summary:', 'sumary:');
    saveByRename(path.join(dir, fresh), fresh2, 'swp');
    await w.checked(fresh, fresh2);
    expect(errorsIn(w.latest(), fresh)).toContain('schema');

    // A renamed folder: its files are checked under their new paths, and saves in it are seen.
    renameSync(path.join(dir, 'entries/nutrients'), path.join(dir, 'entries/minerals'));
    const moved = 'entries/minerals/epsilon.yaml';
    await w.until(`${fresh} moved to ${moved}`, () => w.latest().sources.has(moved) && !w.latest().sources.has(fresh));
    saveByRename(path.join(dir, moved), entry('topic', 'eeeeeee5'), 'tmp');
    await w.checked(moved, entry('topic', 'eeeeeee5'));
    expect(w.latest().summary.errors).toBe(0);

    // A nested folder moved into place by one rename (as `git checkout` or a sync tool might).
    mkdirSync(path.join(dir, 'staging/deep/er'), { recursive: true });
    writeFileSync(path.join(dir, 'staging/deep/er/zeta.yaml'), entry('topic', 'fffffff6'));
    renameSync(path.join(dir, 'staging/deep'), path.join(dir, 'entries/minerals/deep'));
    const deep = 'entries/minerals/deep/er/zeta.yaml';
    await w.checked(deep, entry('topic', 'fffffff6'));
    const deep2 = entry('topic', 'fffffff6').replace('title: Entry fffffff6', 'title: Deep');
    saveByRename(path.join(dir, deep), deep2, 'swp');
    await w.checked(deep, deep2);

    // A removed folder takes its files' findings with it.
    saveByRename(path.join(dir, deep), deep2.replace('summary:', 'sumary:'), 'swp');
    await w.until(`${deep} broken`, () => errorsIn(w.latest(), deep).includes('schema'));
    rmSync(path.join(dir, 'entries/minerals/deep'), { recursive: true });
    await w.until(`${deep} gone`, () => !w.latest().sources.has(deep));
    expect(w.latest().summary.errors).toBe(0);
  });

  it('sees pubmed-lock.json and reflib.config.yaml replaced by rename, again and again', async () => {
    const dir = library();
    const w = start(dir);
    await session!.ready;
    const lock = path.join(dir, 'pubmed-lock.json');
    const config = path.join(dir, 'reflib.config.yaml');

    saveByRename(lock, '{ broken', 'fmt');
    await w.checked('pubmed-lock.json', '{ broken');
    expect(errorsIn(w.latest(), 'pubmed-lock.json')).toContain('pubmed-lock');
    saveByRename(lock, LOCK_OK, 'tmp');
    await w.checked('pubmed-lock.json', LOCK_OK);
    expect(w.latest().summary.errors).toBe(0);
    saveByRename(lock, '[]', 'swp');
    await w.checked('pubmed-lock.json', '[]');
    expect(errorsIn(w.latest(), 'pubmed-lock.json')).toContain('pubmed-lock');

    const badConfig = 'rules:\n  no-such-rule: off\n';
    saveByRename(config, badConfig, 'swp');
    await w.checked('reflib.config.yaml', badConfig);
    expect(errorsIn(w.latest(), 'reflib.config.yaml')).toContain('config');
    saveByRename(config, CONFIG_OK, 'fmt');
    await w.checked('reflib.config.yaml', CONFIG_OK);
    saveByRename(config, badConfig, 'tmp');
    await w.checked('reflib.config.yaml', badConfig);
    expect(errorsIn(w.latest(), 'reflib.config.yaml')).toContain('config');

    // Deleted, then created again.
    unlinkSync(config);
    await w.until('config deleted', () => !w.latest().sources.has('reflib.config.yaml'));
    expect(errorsIn(w.latest(), 'reflib.config.yaml')).toEqual([]);
    writeFileSync(config, CONFIG_OK);
    await w.checked('reflib.config.yaml', CONFIG_OK);
    expect(errorsIn(w.latest(), 'reflib.config.yaml')).toEqual([]);
    expect(errorsIn(w.latest(), 'pubmed-lock.json')).toContain('pubmed-lock');
  });

  it('follows entries/ deleted and made again, and entries/ swapped for another folder', async () => {
    const dir = library();
    const w = start(dir);
    await session!.ready;
    const entries = path.join(dir, 'entries');

    rmSync(entries, { recursive: true });
    await w.until('the missing entries/ reported', () => /no entries\/ folder/.test(w.outputs[w.outputs.length - 1]));
    const checks = w.results.length;

    mkdirSync(path.join(entries, 'topics'), { recursive: true });
    writeFileSync(path.join(entries, 'topics/alpha.yaml'), entry('topic', 'aaaaaaa1'));
    await w.until('the new entries/ checked', () => w.results.length > checks && w.latest().sources.has('entries/topics/alpha.yaml'));
    expect(w.latest().summary.files).toBe(1);
    // The new entries/ is watched all the way down.
    const again = entry('topic', 'aaaaaaa1').replace('summary:', 'sumary:');
    saveByRename(path.join(entries, 'topics/alpha.yaml'), again, 'swp');
    await w.checked('entries/topics/alpha.yaml', again);

    // Swapped: the old folder renamed away and a prepared one renamed into place.
    mkdirSync(path.join(dir, 'entries.next/other'), { recursive: true });
    writeFileSync(path.join(dir, 'entries.next/other/omega.yaml'), entry('topic', 'abcdef01'));
    renameSync(entries, path.join(dir, 'entries.old'));
    renameSync(path.join(dir, 'entries.next'), entries);
    await w.until('the swapped-in entries/ checked', () => w.latest().sources.has('entries/other/omega.yaml') && !w.latest().sources.has('entries/topics/alpha.yaml'));
    const omega = entry('topic', 'abcdef01').replace('title: Entry abcdef01', 'title: Omega');
    saveByRename(path.join(entries, 'other/omega.yaml'), omega, 'tmp');
    await w.checked('entries/other/omega.yaml', omega);
    // The folder renamed away is not watched any more: a save there starts no check.
    const before = w.results.length;
    saveByRename(path.join(dir, 'entries.old/topics/alpha.yaml'), entry('topic', 'aaaaaaa1'), 'swp');
    const last = entry('topic', 'abcdef01');
    await sleep(300);
    saveByRename(path.join(entries, 'other/omega.yaml'), last, 'swp');
    await w.checked('entries/other/omega.yaml', last);
    expect(w.results.length).toBe(before + 1);
  });

  it("ignores editors' and reflib's temporary files, and groups a burst of writes into one check", async () => {
    const dir = library();
    // A longer wait before checking, as the CLI has, so the burst below is one group however slow the machine is.
    const w = start(dir, 150);
    await session!.ready;
    const topics = path.join(dir, 'entries/topics');
    const before = w.results.length;

    // Temporary files alone: swap files, backups, vim's write probe, reflib's own temporaries, a set-aside folder.
    writeFileSync(path.join(topics, '.alpha.yaml.swp'), 'id: [unclosed');
    writeFileSync(path.join(topics, '.alpha.yaml.swx'), '');
    writeFileSync(path.join(topics, 'alpha.yaml~'), 'id: [unclosed');
    writeFileSync(path.join(topics, '4913'), '');
    writeFileSync(path.join(topics, `.alpha.yaml.tmp-${process.pid}-abcdef012345`), 'id: [unclosed');
    writeFileSync(path.join(topics, 'alpha.yaml.tmp'), 'id: [unclosed');
    mkdirSync(path.join(topics, `.gone.tmp-${process.pid}-abcdef012345-old`));
    for (const f of ['.alpha.yaml.swx', '4913', `.alpha.yaml.tmp-${process.pid}-abcdef012345`]) unlinkSync(path.join(topics, f));
    // Give them every chance to start a check (a grace period, not an assertion on time).
    await sleep(500);

    // Then one burst of a real edit: several in-place writes and two rename-saves, all at once.
    const rel = 'entries/topics/beta.yaml';
    const file = path.join(dir, rel);
    for (let i = 0; i < 10; i++) writeFileSync(file, entry('topic', 'bbbbbbb2').replace('title: Entry bbbbbbb2', `title: Draft ${i}`));
    saveByRename(file, entry('topic', 'bbbbbbb2').replace('title: Entry bbbbbbb2', 'title: Nearly'), 'swp');
    const final = entry('topic', 'bbbbbbb2').replace('title: Entry bbbbbbb2', 'title: Final');
    saveByRename(file, final, 'tmp');
    await w.checked(rel, final);

    // One check for everything above: the temporary files started none, and the burst one.
    expect(w.results.length).toBe(before + 1);
    for (const r of w.results) {
      expect(r.summary.errors).toBe(0);
      expect(r.summary.files).toBe(3);
    }
  });

  it('closes cleanly: no check runs after close, even with a change pending', async () => {
    const dir = library();
    const w = start(dir, 200);
    await session!.ready;
    const count = w.results.length;
    saveByRename(path.join(dir, 'entries/topics/alpha.yaml'), entry('topic', 'aaaaaaa1').replace('summary:', 'sumary:'));
    session!.close();
    await sleep(600);
    expect(w.results.length).toBe(count);
  });
});
