/**
 * The folder watcher under `validate --watch`: which changes it reports, and
 * that it keeps one watch per folder however folders come, go and move.
 * Waits poll up to 10 s for an expected report; nothing asserts a duration.
 */
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchTree, type TreeWatcher } from '../../../scripts/commands/validate/watchTree';
import { entry, makeLibrary } from '../../support/fixtures';

let tree: TreeWatcher | undefined;
let root: string | undefined;
afterEach(() => {
  tree?.close();
  tree = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start() {
  root = makeLibrary({ 'entries/topics/alpha.yaml': entry('topic', 'aaaaaaa1'), 'entries/topics/deep/beta.yaml': entry('topic', 'bbbbbbb2'), 'notes/todo.txt': 'x' });
  let changes = 0;
  tree = watchTree(root, () => changes++);
  expect(tree.sync()).toEqual([]);
  const dir = root;
  /** Does `act`, then a real save as a marker, and says whether `act` alone was reported. */
  const reported = async (act: () => void): Promise<boolean> => {
    // Let reports of earlier steps arrive first (a quiet spell, however long that takes).
    for (let last = -1; last !== changes; ) {
      last = changes;
      await sleep(150);
    }
    const before = changes;
    act();
    // A grace period for events `act` might cause (not an assertion on time).
    await sleep(300);
    const fromAct = changes - before;
    if (fromAct > 0) return true;
    // The marker proves the watch is alive, so "not reported" is not just "too slow".
    writeFileSync(path.join(dir, 'entries/topics/alpha.yaml'), entry('topic', 'aaaaaaa1'));
    for (const deadline = Date.now() + 10_000; changes === before; await sleep(20)) {
      if (Date.now() > deadline) throw new Error('the marker save was not reported');
    }
    return false;
  };
  return { root: dir, tree, reported };
}

describe('watchTree', () => {
  it('watches the root, entries/ and each folder under it, and none outside it', () => {
    const t = start();
    // root, entries, entries/topics, entries/topics/deep (not notes/).
    expect(t.tree.watched()).toBe(4);
  });

  it("reports entries, folders, the lock and the config, and not temporaries or other files", async () => {
    const t = start();
    const topics = path.join(t.root, 'entries/topics');
    expect(await t.reported(() => writeFileSync(path.join(topics, '.alpha.yaml.swp'), 'x'))).toBe(false);
    expect(await t.reported(() => writeFileSync(path.join(topics, 'alpha.yaml~'), 'x'))).toBe(false);
    expect(await t.reported(() => writeFileSync(path.join(topics, 'alpha.yaml.tmp'), 'x'))).toBe(false);
    expect(await t.reported(() => writeFileSync(path.join(topics, `.alpha.yaml.tmp-1-abcdef012345`), 'x'))).toBe(false);
    expect(await t.reported(() => mkdirSync(path.join(topics, '.hidden')))).toBe(false);
    expect(await t.reported(() => writeFileSync(path.join(t.root, 'notes/todo.txt'), 'y'))).toBe(false);
    expect(await t.reported(() => writeFileSync(path.join(t.root, 'README.md'), 'y'))).toBe(false);

    expect(await t.reported(() => renameSync(path.join(topics, 'alpha.yaml.tmp'), path.join(topics, 'alpha.yaml')))).toBe(true);
    expect(await t.reported(() => writeFileSync(path.join(topics, 'new.yml'), 'x'))).toBe(true);
    expect(await t.reported(() => mkdirSync(path.join(topics, 'empty')))).toBe(true);
    // Removing a folder is reported once a sync (which the session runs before each check) has watched it...
    t.tree.sync();
    expect(t.tree.covers(path.join(topics, 'empty'))).toBe(true);
    expect(await t.reported(() => rmSync(path.join(topics, 'empty'), { recursive: true }))).toBe(true);
    // ...and a folder that came and went between two checks changed nothing they read.
    expect(await t.reported(() => {
      mkdirSync(path.join(topics, 'brief'));
      rmSync(path.join(topics, 'brief'), { recursive: true });
    })).toBe(false);
    expect(await t.reported(() => rmSync(path.join(topics, 'deep'), { recursive: true }))).toBe(true);
    expect(await t.reported(() => writeFileSync(path.join(t.root, 'pubmed-lock.json'), '{}'))).toBe(true);
    expect(await t.reported(() => writeFileSync(path.join(t.root, 'reflib.config.yaml'), 'rules: {}'))).toBe(true);
  });

  it('watches a library reached through a link given as the root, and follows no link below it', () => {
    const t = start();
    symlinkSync(path.join(t.root, 'notes'), path.join(t.root, 'entries/topics/linked'));
    const link = `${t.root}-link`;
    symlinkSync(t.root, link);
    const other = watchTree(link, () => undefined);
    try {
      expect(other.sync()).toEqual([]);
      // root, entries, entries/topics, entries/topics/deep; not the linked notes/.
      expect(other.watched()).toBe(4);
    } finally {
      other.close();
      rmSync(link);
    }
  });

  it('keeps exactly one watch per folder as folders are added, moved, replaced and removed, and none after close', () => {
    const t = start();
    const entries = path.join(t.root, 'entries');
    mkdirSync(path.join(entries, 'a/b/c'), { recursive: true });
    t.tree.sync();
    expect(t.tree.watched()).toBe(7);
    renameSync(path.join(entries, 'a'), path.join(entries, 'z'));
    t.tree.sync();
    expect(t.tree.watched()).toBe(7);
    rmSync(path.join(entries, 'z/b'), { recursive: true });
    t.tree.sync();
    expect(t.tree.watched()).toBe(5);
    // entries/ replaced by another folder: everything under it is watched afresh.
    mkdirSync(path.join(t.root, 'next/one'), { recursive: true });
    renameSync(entries, path.join(t.root, 'old'));
    renameSync(path.join(t.root, 'next'), entries);
    t.tree.sync();
    expect(t.tree.watched()).toBe(3);
    rmSync(entries, { recursive: true });
    t.tree.sync();
    expect(t.tree.watched()).toBe(1);
    t.tree.close();
    expect(t.tree.watched()).toBe(0);
  });
});
