/**
 * The workspace: files on disk with open documents' text laid over them,
 * checked incrementally; each check says which files' diagnostics changed.
 * The work is bounded by counting parses, never by timing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic';
import { openWorkspace, type WorkspaceCheck } from '../../scripts/editor/checkWorkspace';
import { entry, makeLibrary } from '../support/fixtures';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function library(files: Record<string, string>): string {
  const root = makeLibrary(files);
  roots.push(root);
  return root;
}

const rulesOf = (check: WorkspaceCheck, rel: string) => (check.byFile.get(rel) ?? []).map((d) => d.rule);

/** Files whose diagnostics differ between two checks, worked out here from byFile alone. */
function differing(a: ReadonlyMap<string, readonly Diagnostic[]>, b: ReadonlyMap<string, readonly Diagnostic[]>): string[] {
  const files = new Set([...a.keys(), ...b.keys()]);
  return [...files].filter((f) => JSON.stringify(a.get(f) ?? null) !== JSON.stringify(b.get(f) ?? null)).sort();
}

/**
 * A topic linking three misconceptions (structured), one of which links
 * another in `related` and one inline in its prose; a second topic links
 * the third misconception only.
 */
const LINKED = {
  'entries/topics/t1.yaml': entry('topic', 'aaaa0001', 'misconceptions: [bbbb0001, bbbb0002, bbbb0003]\n'),
  'entries/misconceptions/m1.yaml': entry('misconception', 'bbbb0001'),
  'entries/misconceptions/m2.yaml': entry('misconception', 'bbbb0002', 'related: [bbbb0001]\n'),
  'entries/misconceptions/m3.yaml': entry('misconception', 'bbbb0003').replace('correction: Above', 'correction: See [[bbbb0001]]. Above'),
  'entries/topics/t2.yaml': entry('topic', 'cccc0001', 'misconceptions: [bbbb0003]\n'),
};

describe('openWorkspace', () => {
  it('reports every file with diagnostics as changed the first time, none when nothing changed', async () => {
    const root = library({ ...LINKED, 'entries/topics/t2.yaml': entry('topic', 'cccc0001', 'related: [0badf00d]\n') });
    const ws = openWorkspace(root);
    expect(ws.last()).toBeUndefined();
    const first = await ws.check();
    expect(first.changedFiles).toEqual(['entries/topics/t2.yaml']);
    expect(rulesOf(first, 'entries/topics/t2.yaml')).toEqual(['broken-link']);
    expect(ws.last()).toBe(first);
    const again = await ws.check();
    expect(again.changedFiles).toEqual([]);
    expect(again.byFile).toEqual(first.byFile);
  });

  it('checks the unsaved first entry of a library whose entries/ folder is still empty; closed, the library is empty again', async () => {
    const root = library({});
    mkdirSync(path.join(root, 'entries/topics'), { recursive: true });
    const ws = openWorkspace(root);
    ws.setText('entries/topics/first.yaml', entry('topic', 'aaaa0001', 'related: [0badf00d]\n'), 1);
    const first = await ws.check();
    expect(first.checked.library.files).toEqual(['entries/topics/first.yaml']);
    expect(rulesOf(first, 'entries/topics/first.yaml')).toEqual(['broken-link']);
    expect(first.versions.get('entries/topics/first.yaml')).toBe(1);
    ws.setText('entries/topics/first.yaml', undefined);
    ws.rescan();
    await expect(ws.check()).rejects.toThrow(/the library is empty/);
  });

  it('checks an unsaved new file as part of the library, and forgets it when closed', async () => {
    const root = library(LINKED);
    const ws = openWorkspace(root);
    const first = await ws.check();
    expect([...first.byFile.keys()]).toEqual([]);

    const rel = 'entries/misconceptions/new.yaml';
    ws.setText(rel, entry('misconception', 'dddd0001', 'related: [bbbb0001, 0badf00d]\n'));
    const opened = await ws.check();
    expect(opened.checked.graph.byId.get('dddd0001')?.file.path).toBe(rel);
    expect(opened.checked.library.files).toContain(rel);
    // Its own finding (a broken link), and it is an orphan: nothing published links to it.
    expect(rulesOf(opened, rel)).toEqual(['orphan', 'broken-link']);
    expect(opened.checked.graph.incoming.get('bbbb0001')?.map((l) => l.source.file.path)).toContain(rel);
    expect(opened.changedFiles).toEqual([rel]);

    ws.setText(rel, undefined);
    const closed = await ws.check();
    expect(closed.checked.graph.byId.has('dddd0001')).toBe(false);
    expect(closed.checked.library.files).not.toContain(rel);
    expect(closed.byFile.has(rel)).toBe(false);
    expect(closed.changedFiles).toEqual([rel]);
  });

  it('goes back to the file on disk when an edited document closes without saving', async () => {
    const root = library(LINKED);
    const ws = openWorkspace(root);
    await ws.check();
    const rel = 'entries/topics/t2.yaml';
    ws.setText(rel, 'id: cccc0001\nkind: topic\ntitle: [unclosed\n');
    const broken = await ws.check();
    expect(rulesOf(broken, rel)).toEqual(['yaml-syntax']);
    expect(broken.changedFiles).toContain(rel);
    ws.setText(rel, undefined);
    const closed = await ws.check();
    expect(closed.byFile.has(rel)).toBe(false);
    expect(closed.checked.graph.byId.get('cccc0001')?.file.path).toBe(rel);
    expect(closed.changedFiles).toContain(rel);
  });

  it('lists exactly the files whose diagnostics changed: breaking an ID changes the files linking to it, and only those', async () => {
    const root = library(LINKED);
    const ws = openWorkspace(root);
    const first = await ws.check();
    expect([...first.byFile.keys()]).toEqual([]);

    ws.setText('entries/misconceptions/m1.yaml', entry('misconception', 'bbbb0009'));
    const broken = await ws.check();
    // t1 (structured), m2 (related) and m3 (inline) now link to a missing ID; m1 itself is unlinked now.
    expect(rulesOf(broken, 'entries/topics/t1.yaml')).toEqual(['broken-link']);
    expect(rulesOf(broken, 'entries/misconceptions/m2.yaml')).toEqual(['broken-link']);
    expect(rulesOf(broken, 'entries/misconceptions/m3.yaml')).toEqual(['broken-link']);
    expect(rulesOf(broken, 'entries/misconceptions/m1.yaml')).toEqual(['orphan']);
    expect([...broken.changedFiles].sort()).toEqual(['entries/misconceptions/m1.yaml', 'entries/misconceptions/m2.yaml', 'entries/misconceptions/m3.yaml', 'entries/topics/t1.yaml']);
    expect([...broken.changedFiles].sort()).toEqual(differing(first.byFile, broken.byFile));
    expect(broken.changedFiles).not.toContain('entries/topics/t2.yaml');

    // Changing the wording of a broken-link's source does not change the others.
    ws.setText('entries/misconceptions/m2.yaml', entry('misconception', 'bbbb0002', 'related: [bbbb0001]\n').replace('More is better.', 'More is always better.'));
    const reworded = await ws.check();
    expect(reworded.changedFiles).toEqual([]);

    // Mending the ID clears them all again: every one of those files changes back.
    ws.setText('entries/misconceptions/m1.yaml', undefined);
    const mended = await ws.check();
    expect([...mended.byFile.keys()]).toEqual([]);
    expect([...mended.changedFiles].sort()).toEqual(['entries/misconceptions/m1.yaml', 'entries/misconceptions/m2.yaml', 'entries/misconceptions/m3.yaml', 'entries/topics/t1.yaml']);
  });

  it('sees a file changed on disk once touched, and only then', async () => {
    const root = library(LINKED);
    const ws = openWorkspace(root);
    await ws.check();
    const rel = 'entries/topics/t2.yaml';
    writeFileSync(path.join(root, rel), entry('topic', 'cccc0001', 'misconceptions: [bbbb0003, 0badf00d]\n'));
    expect((await ws.check()).byFile.has(rel)).toBe(false);
    ws.touch(rel);
    const touched = await ws.check();
    expect(rulesOf(touched, rel)).toEqual(['broken-link']);
    expect(touched.changedFiles).toEqual([rel]);
  });

  it('keeps an open document’s text over the file on disk until it closes', async () => {
    const root = library(LINKED);
    const ws = openWorkspace(root);
    await ws.check();
    const rel = 'entries/topics/t2.yaml';
    ws.setText(rel, entry('topic', 'cccc0001', 'misconceptions: [bbbb0003, 0badf00d]\n'));
    await ws.check();
    writeFileSync(path.join(root, rel), entry('topic', 'cccc0001', 'misconceptions: [bbbb0003]\n'));
    ws.touch(rel);
    expect(rulesOf(await ws.check(), rel)).toEqual(['broken-link']);
    ws.setText(rel, undefined);
    expect(rulesOf(await ws.check(), rel)).toEqual([]);
  });

  it('starts again from the whole tree after a check that failed', async () => {
    const root = library({ 'README.md': 'no entries yet\n' });
    const ws = openWorkspace(root);
    await expect(ws.check()).rejects.toThrow();
    mkdirSync(path.join(root, 'entries/topics'), { recursive: true });
    writeFileSync(path.join(root, 'entries/topics/t.yaml'), entry('topic', 'aaaa0001', 'related: [0badf00d]\n'));
    // Nothing was touched: only a fresh read of the tree finds the new file.
    const check = await ws.check();
    expect(rulesOf(check, 'entries/topics/t.yaml')).toEqual(['broken-link']);
    expect(check.changedFiles).toEqual(['entries/topics/t.yaml']);
  });

  it('bounds the work: after one edit in a library of N entries, exactly one more file is parsed', async () => {
    const N = 25;
    const ids = Array.from({ length: N - 1 }, (_, i) => `bbbb${(i + 1).toString(16).padStart(4, '0')}`);
    const files: Record<string, string> = { 'entries/topics/hub.yaml': entry('topic', 'aaaa0001', `misconceptions: [${ids.join(', ')}]\n`) };
    for (const id of ids) files[`entries/misconceptions/${id}.yaml`] = entry('misconception', id);
    const root = library(files);
    const ws = openWorkspace(root);
    const first = await ws.check();
    expect(first.checked.library.entries).toHaveLength(N);
    expect(ws.parsedFiles()).toBe(N);

    const rel = `entries/misconceptions/${ids[3]}.yaml`;
    const edited = entry('misconception', ids[3]).replace('More is better.', 'More is always better.');
    ws.setText(rel, edited);
    await ws.check();
    expect(ws.parsedFiles()).toBe(N + 1);

    // The same text again, and a check with nothing changed: nothing is parsed.
    ws.setText(rel, edited);
    await ws.check();
    await ws.check();
    expect(ws.parsedFiles()).toBe(N + 1);

    // A second edit elsewhere: one more.
    ws.setText('entries/topics/hub.yaml', files['entries/topics/hub.yaml'].replace('title: Entry aaaa0001', 'title: The hub'));
    const last = await ws.check();
    expect(ws.parsedFiles()).toBe(N + 2);
    expect(last.changedFiles).toEqual([]);
  });
});
