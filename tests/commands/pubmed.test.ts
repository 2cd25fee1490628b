/** `reflib pubmed sync` and `status` against a real E-utilities stand-in on 127.0.0.1. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { status } from '../../scripts/commands/pubmed/status';
import { pmidsToFetch, sync } from '../../scripts/commands/pubmed/sync';
import { validate } from '../../scripts/commands/validate';
import { parseLock } from '../../scripts/citations/readLock';
import { serializeLock } from '../../scripts/citations/writeLock';
import { entry, makeLibrary, REPO, runCliAsync, tempDir } from '../support/fixtures';
import { startEutilsServer, type EutilsServer } from '../support/eutilsServer';

const REAL_PMIDS = ['15650465', '20152124', '23853635', '26404370', '27933574', '29387426', '33260549', '33865376', '39252819'];
/** The PMIDs the real entries cite; the other three stay in the lock, corroborated, cited by no entry (docs/content-audit.md). */
const CITED_PMIDS = ['23853635', '26404370', '29387426', '33260549', '33865376', '39252819'];
const fast = { timeoutMs: 500, maxTries: 2, backoffBaseMs: 5 };

let server: EutilsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function copyRealLibrary(): string {
  const root = tempDir('reflib-sync-');
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  cpSync(path.join(REPO, 'pubmed-lock.json'), path.join(root, 'pubmed-lock.json'));
  return root;
}

const lockText = (root: string) => readFileSync(path.join(root, 'pubmed-lock.json'), 'utf8');

/** A library citing `n` distinct PMIDs, 10000001 upwards, one misconception each. */
function libraryCiting(n: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const pmid = 10_000_001 + i;
    const id = `c${i.toString(16).padStart(7, '0')}`;
    files[`entries/m${i}.yaml`] = entry('misconception', id).replace(
      'references:\n',
      `references:\n  - key: p\n    type: article\n    pmid: ${pmid}\n    first_author: Doe J\n    year: 2000\n    title: A paper\n    journal: J Test\n    coi: {status: not-checked}\n`,
    ).replace('cite: [ods]', 'cite: [ods, p]');
  }
  return makeLibrary(files);
}

describe('pubmed sync', () => {
  it('fills the lock from PubMed, replacing hand-entered records and reporting what differs', async () => {
    server = await startEutilsServer({ syntheticIds: REAL_PMIDS });
    const root = copyRealLibrary();
    const r = await sync({ cwd: root, baseUrl: server.baseUrl, email: 'editor@example.org', ...fast });
    expect(r.exitCode).toBe(0);
    expect(server.requests.map((q) => [q.endpoint, q.method, q.ids.length])).toEqual([['efetch', 'GET', 6]]);
    expect(server.requests[0].params).toMatchObject({ db: 'pubmed', tool: 'reflib', email: 'editor@example.org' });
    const { lock, findings } = parseLock(lockText(root));
    expect(findings).toEqual([]);
    expect(Object.keys(lock.records)).toEqual(REAL_PMIDS);
    // Only cited PMIDs are fetched; the uncited records are kept as they were.
    for (const rec of Object.values(lock.records)) expect(rec.source.type).toBe(CITED_PMIDS.includes(rec.pmid) ? 'fetched' : 'corroborated');
    for (const pmid of CITED_PMIDS) expect(lock.records[pmid].source).toMatchObject({ type: 'fetched', baseUrl: server.baseUrl });
    // The stand-in serves another paper's metadata under each PMID: sync says so, and validate catches it.
    expect(r.changes.map((c) => c.pmid)).toEqual(CITED_PMIDS);
    expect(r.output).toMatch(/PMID 33260549: PubMed's record differs from the transcribed one it replaces:\n {2}title: "Magnesium Status and Stress/);
    const after = await validate({ cwd: root });
    expect(after.result.diagnostics.filter((d) => d.rule === 'pmid-unverified')).toEqual([]);
    expect(after.result.diagnostics.some((d) => d.rule === 'pmid-mismatch')).toBe(true);
    // The lock is written in canonical form.
    expect(lockText(root)).toBe(serializeLock(lock));
  });

  it('records IDs PubMed does not know as not-found, asking esummary only about them', async () => {
    server = await startEutilsServer({ syntheticIds: CITED_PMIDS.slice(1) });
    const root = copyRealLibrary();
    const r = await sync({ cwd: root, baseUrl: server.baseUrl, email: 'e@example.org', ...fast });
    expect(r.exitCode).toBe(0);
    expect(server.requests.map((q) => [q.endpoint, q.ids])).toEqual([
      ['efetch', CITED_PMIDS],
      ['esummary', ['23853635']],
    ]);
    expect(parseLock(lockText(root)).lock.records['23853635'].status).toBe('not-found');
    const after = await validate({ cwd: root });
    // One finding for the PMID, at its first citation (groupByPmid.ts).
    expect(after.result.diagnostics.filter((d) => d.rule === 'pmid-not-found').map((d) => d.file)).toEqual(['entries/cautions/older-adults.yaml']);
  });

  it('keeps what it fetched when a batch fails halfway, and writes a valid lock', async () => {
    const pmids = Array.from({ length: 250 }, (_, i) => String(10_000_001 + i));
    // The second batch (PMIDs 10000201…) always fails with a 500.
    server = await startEutilsServer({ syntheticIds: pmids, fault: (q) => (q.ids.includes('10000201') ? 'server-error' : undefined) });
    const root = libraryCiting(250);
    const r = await sync({ cwd: root, baseUrl: server.baseUrl, email: 'e@example.org', ...fast });
    expect(r.exitCode).toBe(1);
    expect(r.failed.map((f) => f.pmids.length)).toEqual([50]);
    expect(r.output).toMatch(/Failed for 50 PMIDs .*\n.*run sync again/);
    const text = lockText(root);
    const { lock, findings } = parseLock(text);
    expect(findings).toEqual([]);
    expect(Object.keys(lock.records)).toEqual(pmids.slice(0, 200));
    expect(text).toBe(serializeLock(lock));
    // Tries are bounded: 2 tries for the failing batch, 1 for the good one.
    expect(server.requests.filter((q) => q.ids.includes('10000201'))).toHaveLength(2);
    // Batches of at most 200, sent as POST.
    expect(server.requests.map((q) => [q.method, q.ids.length]).sort()).toEqual([['POST', 200], ['POST', 50], ['POST', 50]]);
  });

  it('fetches nothing when every record is fresh, and re-fetches stale ones', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const fetched = (iso: string) => ({ pmid: '1', status: 'found' as const, source: { type: 'fetched' as const, baseUrl: 'x', fetched: iso } });
    const records = { '1': fetched('2026-11-01T00:00:00Z'), '2': { ...fetched('2025-01-01T00:00:00Z'), pmid: '2' } };
    expect(pmidsToFetch(['1', '2', '3'], records, { now, maxAgeDays: 180 })).toEqual(['2', '3']);
    expect(pmidsToFetch(['1'], records, { now, maxAgeDays: 180, all: true })).toEqual(['1']);
  });

  it('needs a contact email', async () => {
    await expect(sync({ cwd: copyRealLibrary(), baseUrl: 'http://127.0.0.1:9', email: undefined })).rejects.toThrow(/needs a contact email/);
  });

  it('runs from the CLI against a local server, keeping the API key out of output and lock', async () => {
    server = await startEutilsServer({ syntheticIds: REAL_PMIDS });
    const root = copyRealLibrary();
    const r = await runCliAsync(['pubmed', 'sync', '--base-url', server.baseUrl, '--email', 'e@example.org'], root, { NCBI_API_KEY: 'sekret-key-123' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Fetched 6 of 6 records from PubMed into pubmed-lock.json\./);
    expect(server.requests[0].params.api_key).toBe('sekret-key-123');
    expect(r.stdout + r.stderr + lockText(root)).not.toContain('sekret-key-123');
  });

  it('refuses to sync over a broken lock', async () => {
    const root = copyRealLibrary();
    writeFileSync(path.join(root, 'pubmed-lock.json'), '{"lockVersion": 1, "records": {');
    await expect(sync({ cwd: root, baseUrl: 'http://127.0.0.1:9', email: 'e@example.org' })).rejects.toThrow(/pubmed-lock.json is broken/);
  });
});

describe('pubmed status', () => {
  it('lists each cited PMID with its standing and the entries citing it', async () => {
    const { rows } = await status({ cwd: REPO, format: 'json' });
    const byPmid = Object.fromEntries(rows.map((r) => [r.pmid, r.standings]));
    // Six records copied from a named page on a date; the three no page showed stay corroborated, and no entry cites them.
    expect(byPmid['33260549']).toEqual(['transcribed']);
    expect(byPmid['29387426']).toEqual(['corrected', 'transcribed']);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['transcribed']));
    expect(rows.map((r) => r.pmid).sort()).toEqual(CITED_PMIDS);
    expect(rows.find((r) => r.pmid === '33260549')!.citedBy.map((c) => c.entry)).toContain('033c7bbb');
  });
});
