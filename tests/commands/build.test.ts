/** `reflib build` on copies of the real library: determinism, refusal, versions, changelog, atomicity. */
import { cpSync, renameSync, rmSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/commands/build';
import { sha256 } from '../../scripts/bundle/sha256';
import { REPO, runCli, tempDir } from '../support/fixtures';

const env = { SOURCE_DATE_EPOCH: '1795000000' };
const STRESS = 'entries/topics/stress-magnesium-vicious-circle.yaml';

function copyLibrary(): string {
  const root = tempDir('reflib-build-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}

/** Every file under `dir`, relative path → bytes (as base64, for comparing). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

const edit = (root: string, file: string, fn: (t: string) => string) => writeFileSync(path.join(root, file), fn(readFileSync(path.join(root, file), 'utf8')));
const json = (root: string, rel: string) => JSON.parse(readFileSync(path.join(root, 'dist', rel), 'utf8'));

describe('reflib build', () => {
  it('gives byte-identical output for the same sources, in two different folders', async () => {
    const a = copyLibrary();
    const b = copyLibrary();
    expect((await build({ cwd: a, env })).exitCode).toBe(0);
    expect((await build({ cwd: b, env })).exitCode).toBe(0);
    const sa = snapshot(path.join(a, 'dist'));
    expect(Object.keys(sa)).toContain('1.0.0/library.json');
    expect(sa).toEqual(snapshot(path.join(b, 'dist')));
  });

  it('writes a release whose manifest hashes every file and latest.json hashes the manifest', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const manifest = json(root, '1.0.0/manifest.json');
    expect(manifest).toMatchObject({ formatVersion: 1, version: '1.0.0', created: '2026-11-18T11:06:40Z', counts: { topic: 3, 'form-comparison': 1, interaction: 6, 'population-caution': 4, misconception: 6 } });
    for (const [rel, info] of Object.entries<{ sha256: string; size: number }>(manifest.files)) {
      const bytes = readFileSync(path.join(root, 'dist/1.0.0', rel));
      expect([sha256(bytes), bytes.length]).toEqual([info.sha256, info.size]);
    }
    expect(json(root, 'latest.json')).toEqual({ formatVersion: 1, version: '1.0.0', manifest: '1.0.0/manifest.json', manifestSha256: sha256(readFileSync(path.join(root, 'dist/1.0.0/manifest.json'))) });
  });

  it('resolves links, backlinks, references and caveats in the entries', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const stress = json(root, '1.0.0/entries/033c7bbb.json').entry;
    expect(stress.forms).toEqual([{ id: '3ca17b72', kind: 'form-comparison', title: 'Magnesium forms compared' }]);
    expect(stress.status).toBeUndefined();
    expect(stress.backlinks.some((b: { id: string; field: string }) => b.id === 'c3a72c9c' && b.field === 'corrects')).toBe(true);
    const pickering = stress.references.find((r: { key: string }) => r.key === 'pickering2020');
    expect(pickering).toMatchObject({ verification: 'transcribed', verificationNote: 'Matches a record a person copied by hand. Copied by hand from https://pmc.ncbi.nlm.nih.gov/articles/PMC7761127/ on 2026-12-06; not fetched from PubMed.', coi: { status: 'declared', sponsors: ['Sanofi'] }, urls: { pubmed: 'https://pubmed.ncbi.nlm.nih.gov/33260549/' } });
    expect(stress.caveats.some((c: { type: string; text: string }) => c.type === 'funding' && /Sanofi/.test(c.text))).toBe(true);
    const index = json(root, '1.0.0/index.json');
    expect(index.entries[0]).toEqual({ id: '033c7bbb', kind: 'topic', title: stress.title, summary: stress.summary, tags: stress.tags, updated: '2026-12-06' });
  });

  it('refuses to build when there is an error, leaving dist/ byte-identical', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const before = snapshot(path.join(root, 'dist'));
    edit(root, STRESS, (t) => t.replace('summary:', 'sumary:'));
    const r = await build({ cwd: root, env });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/unknown field "sumary"[\s\S]*Build refused: fix the errors above\. dist was left unchanged\./);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('makes a patch release when one entry is edited, with a changelog naming it', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    edit(root, STRESS, (t) => t.replace('This entry summarises published research', 'This entry summarises the published research'));
    const r = await build({ cwd: root, env });
    expect(r.output).toMatch(/^Built release 1\.0\.1 \(patch release after 1\.0\.0\)/);
    expect(json(root, 'latest.json').version).toBe('1.0.1');
    expect(json(root, '1.0.1/changelog.json')).toMatchObject({ from: '1.0.0', to: '1.0.1', bump: 'patch', added: [], changed: [{ id: '033c7bbb', kind: 'topic', title: 'Stress and magnesium: the vicious circle' }] });
    expect(readFileSync(path.join(root, 'dist/1.0.1/CHANGELOG.md'), 'utf8')).toContain('## Changed\n\n- Stress and magnesium: the vicious circle (topic, 033c7bbb)');
    // The earlier release is untouched.
    expect(json(root, '1.0.0/manifest.json').version).toBe('1.0.0');
  });

  it('makes a minor release when an entry is retired with a redirect, and maps the old ID', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    edit(root, 'entries/misconceptions/hrv-dramatic-transformation.yaml', (t) => t.replace('status: published', 'status: retired\nreplaced_by: c3a72c9c'));
    edit(root, STRESS, (t) => t.replace(', d31140d9', ''));
    const r = await build({ cwd: root, env });
    expect(r.exitCode).toBe(0);
    expect(json(root, 'latest.json').version).toBe('1.1.0');
    expect(json(root, '1.1.0/library.json').redirects).toEqual({ d31140d9: 'c3a72c9c' });
    expect(json(root, '1.1.0/changelog.json').retired).toEqual([{ id: 'd31140d9', kind: 'misconception', title: expect.any(String), replacedBy: 'c3a72c9c' }]);
  });

  it('rebuilds an unchanged release byte for byte, restoring files that are not committed', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const before = snapshot(path.join(root, 'dist'));
    // A fresh clone has only the committed parts of dist/.
    for (const rel of ['1.0.0/library.json', '1.0.0/index.json']) writeFileSync(path.join(root, 'dist', rel), '');
    const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1800000000' } });
    expect(r.output).toMatch(/^Rebuilt release 1\.0\.0 \(no content changes\)/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('refuses to rewrite a released version with other content', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    // The committed manifest of 1.0.0 records other bytes for index.json than the sources now give.
    const manifestPath = path.join(root, 'dist/1.0.0/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.files['index.json'].sha256 = '0'.repeat(64);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    const before = snapshot(path.join(root, 'dist'));
    await expect(build({ cwd: root, env })).rejects.toThrow(/release 1\.0\.0 exists with different content/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('cleans up after an interrupted build and never exposes a half-written release', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    // What a crash mid-write leaves: a temporary folder.
    cpSync(path.join(root, 'dist/1.0.0'), path.join(root, 'dist/.1.0.0.tmp-999999999-aaaaaaaaaaaa'), { recursive: true });
    writeFileSync(path.join(root, 'dist/.latest.json.tmp-999999999-bbbbbbbbbbbb'), '{');
    cpSync(path.join(root, 'dist/1.0.0'), path.join(root, 'dist/.0.9.0.tmp-999999999-cccccccccccc'), { recursive: true });
    // …and what builds before the shared atomic writer left.
    cpSync(path.join(root, 'dist/1.0.0'), path.join(root, 'dist/.tmp-legacy'), { recursive: true });
    await build({ cwd: root, env });
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['1.0.0', 'latest.json']);
  });

  it('puts back a release that a crash between the two renames set aside, and reissues nothing', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const before = snapshot(path.join(root, 'dist'));
    // What kill -9 between the renames of a rebuild leaves: the release set aside, the new one unfinished.
    renameSync(path.join(root, 'dist/1.0.0'), path.join(root, 'dist/.1.0.0.tmp-999999999-aaaaaaaaaaaa-old'));
    cpSync(path.join(root, 'dist/.1.0.0.tmp-999999999-aaaaaaaaaaaa-old'), path.join(root, 'dist/.1.0.0.tmp-999999999-bbbbbbbbbbbb'), { recursive: true });
    const r = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1899999999' } });
    expect(r.output).toMatch(/^Rebuilt release 1\.0\.0 \(no content changes\)/);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('refuses to reissue the release latest.json names when its folder is missing, and says how to recover', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    rmSync(path.join(root, 'dist/1.0.0'), { recursive: true });
    const before = snapshot(path.join(root, 'dist'));
    const err = await build({ cwd: root, env: { SOURCE_DATE_EPOCH: '1899999999' } }).catch((e) => e);
    expect(err).toMatchObject({ name: 'UsageError', message: expect.stringMatching(/^dist\/latest\.json names release 1\.0\.0, but .*1\.0\.0\/manifest\.json is missing$/) });
    expect(err.hint).toMatch(/git checkout -- /);
    expect(snapshot(path.join(root, 'dist'))).toEqual(before);
  });

  it('publishes a release other users can read: 0755 folders and 0644 files under umask 022', () => {
    const root = copyLibrary();
    const r = spawnSync('sh', ['-c', `umask 077 && umask 022 && exec "${process.execPath}" "${path.join(REPO, 'scripts/bin.js')}" build --root "${root}"`], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.status).toBe(0);
    const modes = new Map<string, number>();
    const walk = (p: string) => {
      modes.set(path.relative(root, p), statSync(p).mode & 0o777);
      if (statSync(p).isDirectory()) for (const n of readdirSync(p)) walk(path.join(p, n));
    };
    walk(path.join(root, 'dist'));
    expect(modes.get('dist/1.0.0')).toBe(0o755);
    expect(modes.get('dist/1.0.0/entries')).toBe(0o755);
    expect(modes.get('dist/1.0.0/manifest.json')).toBe(0o644);
    expect(modes.get('dist/latest.json')).toBe(0o644);
    const odd = [...modes].filter(([p, m]) => m !== (statSync(path.join(root, p)).isDirectory() ? 0o755 : 0o644));
    expect(odd).toEqual([]);
    expect(modes.size).toBeGreaterThan(10);
  });

  it('runs from the CLI and prints raw and gzip sizes', () => {
    const root = copyLibrary();
    const r = runCli(['build', '--root', root], REPO, env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/library\.json +\d+\.\d kB +\d+\.\d kB gzip/);
  });
});

describe('reflib diff', () => {
  it('prints the changelog between two releases, from their manifests', async () => {
    const { diff } = await import('../../scripts/commands/diff');
    const root = copyLibrary();
    await build({ cwd: root, env });
    edit(root, STRESS, (t) => t.replace('This entry summarises published research', 'This entry summarises the published research'));
    await build({ cwd: root, env });
    const text = (await diff({ cwd: root })).output;
    expect(text).toContain('# 1.0.1\n\nChanges since 1.0.0 (patch release).');
    expect(text).toContain('- Stress and magnesium: the vicious circle (topic, 033c7bbb)');
    const data = JSON.parse((await diff({ cwd: root, from: '1.0.0', to: '1.0.1', format: 'json' })).output);
    expect(data).toMatchObject({ from: '1.0.0', to: '1.0.1', bump: 'patch', changed: [{ id: '033c7bbb' }] });
    await expect(diff({ cwd: root, from: '0.9.0' })).rejects.toThrow(/no release 0\.9\.0 in dist\//);
  });
});

describe('against earlier releases', () => {
  it('warns that deleting a published entry outright is a breaking, major release', async () => {
    const root = copyLibrary();
    await build({ cwd: root, env });
    const { rmSync } = await import('node:fs');
    rmSync(path.join(root, 'entries/misconceptions/hrv-dramatic-transformation.yaml'));
    for (const topic of [STRESS, 'entries/topics/magnesium-and-hrv.yaml']) edit(root, topic, (t) => t.replace(', d31140d9', ''));
    const r = await build({ cwd: root, env });
    expect(r.output).toMatch(/^BREAKING: 1 published entry was deleted without a redirect: d31140d9 /);
    expect(json(root, 'latest.json').version).toBe('2.0.0');
    expect(json(root, '2.0.0/changelog.json').removed.map((e: { id: string }) => e.id)).toEqual(['d31140d9']);
  });

  it('reports id-reuse for an ID retired in an earlier release whose file was then deleted', async () => {
    const { validate } = await import('../../scripts/commands/validate');
    const root = copyLibrary();
    const HRV = 'entries/misconceptions/hrv-dramatic-transformation.yaml';
    edit(root, HRV, (t) => t.replace('status: published', 'status: retired\nreplaced_by: c3a72c9c'));
    edit(root, STRESS, (t) => t.replace(', d31140d9', ''));
    await build({ cwd: root, env });
    // Later the retired file is deleted and its ID given to a new entry.
    const { rmSync } = await import('node:fs');
    rmSync(path.join(root, HRV));
    edit(root, 'entries/misconceptions/more-magnesium-always-better.yaml', (t) => t.replace('id: db38cbbf', 'id: d31140d9'));
    edit(root, STRESS, (t) => t.replace('db38cbbf]', 'd31140d9]'));
    const r = await validate({ cwd: root, format: 'json' });
    const reuse = r.result.diagnostics.filter((d) => d.rule === 'id-reuse');
    expect(reuse.map((d) => [d.file, d.line, d.column])).toEqual([['entries/misconceptions/more-magnesium-always-better.yaml', 2, 5]]);
    expect(reuse[0].message).toBe('ID d31140d9 was retired in release 1.0.0 and cannot be used again');
  });
});

describe('redirects are forever', () => {
  it('keeps an earlier redirect after the retired file is deleted, and says where links should go', async () => {
    const { validate } = await import('../../scripts/commands/validate');
    const { rmSync } = await import('node:fs');
    const root = copyLibrary();
    const MYTH = 'entries/misconceptions/threonate-proven-hrv-booster.yaml';
    edit(root, MYTH, (t) => t.replace('status: published', 'status: retired\nreplaced_by: e6f9e63a'));
    await build({ cwd: root, env });
    expect(json(root, 'latest.json').version).toBe('1.0.0');
    expect(json(root, '1.0.0/library.json').redirects).toEqual({ edfdda67: 'e6f9e63a' });
    // Later the retired file is deleted; a link to it is left behind.
    rmSync(path.join(root, MYTH));
    const v = await validate({ cwd: root });
    const broken = v.result.diagnostics.filter((d) => d.rule === 'broken-link');
    expect(broken.length).toBeGreaterThan(0);
    expect(broken[0].message).toBe('edfdda67 was retired in release 1.0.0 and its file has since been deleted');
    expect(broken[0].hint).toBe('Link its replacement instead: e6f9e63a.');
    // Fix the links; the next release still redirects the old ID.
    for (const f of ['entries/topics/magnesium-and-hrv.yaml', 'entries/forms/magnesium-forms.yaml', STRESS, 'entries/misconceptions/threonate-best-form-for-everyone.yaml']) {
      edit(root, f, (t) => t.replace(/\[\[edfdda67(\|[^\]]*)?\]\]/g, 'it').replace(/, edfdda67|edfdda67, /g, '').replace(/\n {2}- edfdda67/g, ''));
    }
    const r = await build({ cwd: root, env });
    expect(r.exitCode, r.output).toBe(0);
    expect(json(root, `${json(root, 'latest.json').version}/library.json`).redirects).toEqual({ edfdda67: 'e6f9e63a' });
    expect(r.output).not.toMatch(/BREAKING/);
  });

  it('calls it breaking when a redirect would lead nowhere', async () => {
    const { carryRedirects } = await import('../../scripts/release/assembleRelease');
    const previous = { redirects: { aaaaaaaa: 'bbbbbbbb', cccccccc: 'dddddddd' } } as never;
    const compiled = { entries: [{ id: 'bbbbbbbb' }], index: [], redirects: {} } as never;
    expect(carryRedirects(previous, compiled)).toEqual({ redirects: { aaaaaaaa: 'bbbbbbbb' }, dropped: ['cccccccc'] });
  });
});
