/** `reflib report` on copies of the real library: where it writes, atomically, deterministically, and what the next release would change. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/commands/build';
import { report } from '../../scripts/commands/report';
import { UsageError } from '../../scripts/core/usageError';
import { entry, REPO, snapshotTree, tempDir } from '../support/fixtures';

const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';

function copyLibrary(withRelease = false): string {
  const root = tempDir('reflib-report-cmd-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  if (withRelease) {
    // What a fresh clone has of the committed release 1.0.0: its manifest, changelog and latest.json.
    mkdirSync(path.join(root, 'dist/1.0.0'), { recursive: true });
    for (const f of ['1.0.0/manifest.json', '1.0.0/changelog.json', '1.0.0/CHANGELOG.md', 'latest.json']) cpSync(path.join(REPO, 'dist', f), path.join(root, 'dist', f));
  }
  return root;
}

const snapshot = snapshotTree;

const edit = (root: string, file: string, fn: (t: string) => string) => writeFileSync(path.join(root, file), fn(readFileSync(path.join(root, file), 'utf8')));
const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('reflib report', () => {
  it('writes the site to <root>/dist/report by default, and says where', async () => {
    const root = copyLibrary();
    const result = await report({ cwd: root });
    expect(result.outDir).toBe(path.join(root, 'dist/report'));
    const entries = Object.keys(snapshot(path.join(root, 'entries'))).length;
    expect(result.output).toMatch(new RegExp(`^Wrote the QA report: ${entries + 2} pages, ${entries} entries, 0 errors, \\d+ warnings\\.\nOpen dist/report/index\\.html\n$`));
    const files = Object.keys(snapshot(result.outDir));
    expect(files).toHaveLength(entries + 2);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'graph.html', 'entries/033c7bbb.html']));
    expect(readdirSync(path.join(root, 'dist'))).toEqual(['report']);
    expect(statSync(result.outDir).mode & 0o777).toBe(0o755);
    // Source links go from the report folder back to the root.
    expect(readFileSync(path.join(result.outDir, 'index.html'), 'utf8')).toMatch(/href="\.\.\/\.\.\/entries\/topics\/stress-magnesium-vicious-circle\.yaml#L\d+"/);
    expect(readFileSync(path.join(result.outDir, 'entries/033c7bbb.html'), 'utf8')).toContain('href="../../../entries/topics/stress-magnesium-vicious-circle.yaml"');
  });

  it('writes where --out says, relative to the working folder, with source links to match', async () => {
    const root = copyLibrary();
    const cwd = tempDir('reflib-report-cwd-');
    const result = await report({ cwd, root, out: 'site/qa' });
    expect(result.outDir).toBe(path.join(cwd, 'site/qa'));
    const rel = path.relative(path.join(cwd, 'site/qa'), root).split(path.sep).join('/');
    expect(readFileSync(path.join(cwd, 'site/qa/index.html'), 'utf8')).toContain(`href="${rel}/entries/topics/stress-magnesium-vicious-circle.yaml#L`);
  });

  it('gives the same bytes for the same sources, in two different folders and on a second run', async () => {
    const a = copyLibrary(true);
    const b = copyLibrary(true);
    await report({ cwd: a });
    await report({ cwd: b });
    const first = snapshot(path.join(a, 'dist/report'));
    expect(first).toEqual(snapshot(path.join(b, 'dist/report')));
    await report({ cwd: a });
    expect(snapshot(path.join(a, 'dist/report'))).toEqual(first);
  });

  it('replaces an earlier report as a whole, leaving no temporary folders', async () => {
    const root = copyLibrary();
    await report({ cwd: root });
    writeFileSync(path.join(root, 'dist/report/entries/stale.html'), 'from an earlier run');
    await report({ cwd: root });
    expect(existsSync(path.join(root, 'dist/report/entries/stale.html'))).toBe(false);
    expect(readdirSync(path.join(root, 'dist'))).toEqual(['report']);
  });

  it('writes a report for a library with errors too, saying the build would refuse', async () => {
    const root = copyLibrary();
    writeFileSync(path.join(root, 'entries/misconceptions/broken.yaml'), entry('misconception', 'abcd1234', 'corrects: deadbee0\n'));
    const result = await report({ cwd: root });
    expect(result.output).toContain(' 1 errors,');
    const html = readFileSync(path.join(result.outDir, 'index.html'), 'utf8');
    expect(text(html)).toContain('reflib build would refuse: 1 error to fix');
    expect(text(html)).toContain('broken-link');
  });

  it.each([
    ['the library root', (root: string) => root, 'is the library root or a folder that holds it'],
    ['a folder that holds the root', (root: string) => path.dirname(root), 'is the library root or a folder that holds it'],
    ['a folder inside entries/', (root: string) => path.join(root, 'entries/report'), 'is inside entries/'],
    ['a file', (root: string) => path.join(root, 'pubmed-lock.json'), 'is a file, not a folder'],
    ['a folder with other things in it', (root: string) => (mkdirSync(path.join(root, 'docs')), writeFileSync(path.join(root, 'docs/notes.md'), 'mine'), path.join(root, 'docs')), 'is not empty and holds no earlier reflib report'],
    ['the releases folder itself', (root: string) => path.join(root, 'dist'), 'is the releases folder'],
  ])('refuses --out pointing at %s, and changes nothing', async (_, out, message) => {
    const root = copyLibrary();
    const target = out(root);
    const before = existsSync(target) && statSync(target).isDirectory() ? readdirSync(target).sort() : undefined;
    const err = await report({ cwd: root, out: target }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toContain(message);
    if (before) expect(readdirSync(target).sort()).toEqual(before);
    expect(existsSync(path.join(root, 'entries'))).toBe(true);
  });

  it('refuses to replace an earlier report that now holds a release too, so no release is ever lost', async () => {
    // The way this happened: report --out site, then a build or a copy put releases beside it.
    const root = copyLibrary();
    await report({ cwd: root, out: 'site' });
    mkdirSync(path.join(root, 'site/1.0.0'));
    writeFileSync(path.join(root, 'site/1.0.0/manifest.json'), '{}');
    writeFileSync(path.join(root, 'site/latest.json'), '{}');
    const err = await report({ cwd: root, out: 'site' }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toMatch(/holds an earlier report and also 1\.0\.0, latest\.json, which a report does not write/);
    expect(readFileSync(path.join(root, 'site/1.0.0/manifest.json'), 'utf8')).toBe('{}');
  });

  it('may write into an empty folder', async () => {
    const root = copyLibrary();
    mkdirSync(path.join(root, 'qa'));
    await report({ cwd: root, out: 'qa' });
    expect(existsSync(path.join(root, 'qa/index.html'))).toBe(true);
  });
});

describe('reflib report: the next release', () => {
  const nextRelease = (root: string) => {
    const html = readFileSync(path.join(root, 'dist/report/index.html'), 'utf8');
    return html.slice(html.indexOf('<section class="card" id="next-release"'), html.indexOf('<section class="card" id="entries"'));
  };

  it('says when there is no earlier release', async () => {
    const root = copyLibrary();
    await report({ cwd: root });
    expect(text(nextRelease(root))).toContain('dist/ holds no earlier release');
  });

  it('says when nothing would change', async () => {
    const root = copyLibrary(true);
    // Bring the copy's dist/ up to the entries first: the committed release may predate the latest edits.
    const built = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1795000000' } });
    expect(built.exitCode, built.output).toBe(0);
    await report({ cwd: root });
    expect(text(nextRelease(root))).toContain(`No content changes since release ${built.release!.version}: the next build would rebuild it byte for byte.`);
  });

  it('shows the changelog the next build would make: version, bump, added and changed entries', async () => {
    const root = copyLibrary(true);
    edit(root, STRESS, (t) => t.replace('title: "Stress and magnesium: the vicious circle"', 'title: "Stress and magnesium: a vicious circle"'));
    cpSync(path.join(root, 'entries/misconceptions/more-magnesium-always-better.yaml'), path.join(root, 'entries/misconceptions/new-myth.yaml'));
    edit(root, 'entries/misconceptions/new-myth.yaml', (t) => t.replace('id: db38cbbf', 'id: 5e0c2a91').replace('title: More magnesium is always better', 'title: A new myth'));
    await report({ cwd: root });
    const section = nextRelease(root);
    expect(text(section)).toContain('The next build would make release 1.1.0, minor release after 1.0.0.');
    expect(section).toContain('<h3>Added (1)</h3>');
    expect(section).toContain('<a class="xref" href="entries/5e0c2a91.html">A new myth</a>');
    // Entries that link to it change too: their link objects carry its title.
    expect(section).toMatch(/<h3>Changed \(\d+\)<\/h3>/);
    expect(section).toContain('<a class="xref" href="entries/033c7bbb.html">Stress and magnesium: a vicious circle</a>');
    // The report never touches the releases.
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['1.0.0', 'latest.json', 'report']);
  });

  it('lists the redirect of an entry retired before it was ever released', async () => {
    const root = copyLibrary(true);
    const retired = entry('misconception', 'abcd5678', 'replaced_by: db38cbbf\n', 'retired');
    writeFileSync(path.join(root, 'entries/misconceptions/old.yaml'), retired);
    await report({ cwd: root });
    const section = nextRelease(root);
    expect(text(section)).toContain('The next build would make release 1.1.0, minor release after 1.0.0.');
    expect(section).toContain('<h3>New redirects (1)</h3>');
    expect(section).toMatch(/<a class="xref" href="entries\/abcd5678\.html">Entry abcd5678<\/a>.*? → <a class="xref" href="entries\/db38cbbf\.html">More magnesium is always better<\/a>/);
  });

  it('shows a deleted published entry as a breaking removal', async () => {
    const root = copyLibrary(true);
    rmSync(path.join(root, 'entries/misconceptions/hrv-dramatic-transformation.yaml'));
    await report({ cwd: root });
    const section = text(nextRelease(root));
    expect(section).toContain('The next build would make release 2.0.0, major release after 1.0.0.');
    expect(section).toContain('Removed without a redirect (1)');
    expect(section).toContain('Breaking: apps linking to these entries will get 404s.');
  });
});
