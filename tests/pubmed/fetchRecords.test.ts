import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/core/usageError';
import { fetchRecords, type FetchOptions } from '../../scripts/pubmed/fetchRecords';
import type { LockRecord } from '../../scripts/citations/lockRecord';
import { parseEfetch } from '../../scripts/pubmed/parseEfetch';
import { RECORDED_ARTICLES, startEutilsServer, type EutilsRequest, type EutilsServer, type EutilsServerOptions } from '../support/eutilsServer';

const KEY = '0123456789abcdef0123456789abcdef0123';
const NOW = new Date('2026-11-23T12:00:00.000Z');

let server: EutilsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: EutilsServerOptions = {}): Promise<EutilsServer> {
  server = await startEutilsServer(options);
  return server;
}

/** Options for the test server: fast backoff, short timeout, a fixed clock. */
function opts(s: EutilsServer, extra: Partial<FetchOptions> = {}): FetchOptions {
  return { baseUrl: s.baseUrl, tool: 'reflib-test', email: 'tests@example.org', backoffBaseMs: 10, timeoutMs: 2000, now: () => NOW, ...extra };
}

/** `n` made-up PMIDs from 30000001 on. */
const madeUp = (n: number, from = 30_000_001): string[] => Array.from({ length: n }, (_, i) => String(from + i));

/** The most request starts (server-side arrival times) inside any one-second window. */
function maxStartsPerSecond(requests: EutilsRequest[]): number {
  const starts = requests.map((r) => r.start).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < starts.length; j++) {
    while (starts[j] - starts[i] >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('fetchRecords: the request plan', () => {
  it('fetches 450 existing PMIDs with 3 efetch POSTs of 200, 200 and 50, 2 at a time, and no esummary', async () => {
    const ids = [...madeUp(447), '27797938', '12091962', '9997'];
    // Replies slower than two 10/s intervals, so that a third request would overlap if the default concurrency allowed it.
    const s = await start({ syntheticIds: ids, delayMs: 300 });
    const progress: [number, number][] = [];
    const batches: LockRecord[][] = [];
    const result = await fetchRecords(ids, opts(s, { apiKey: KEY, onProgress: (d, t) => progress.push([d, t]), onBatch: (r) => void batches.push(r) }));

    // Two batches run at once, so the 50 may arrive before the second 200.
    expect(s.requests.map((r) => [r.endpoint, r.method, r.ids.length]).sort()).toEqual([
      ['efetch', 'POST', 200],
      ['efetch', 'POST', 200],
      ['efetch', 'POST', 50],
    ]);
    expect(s.maxInFlight).toBe(2);
    for (const r of s.requests) expect(r.params).toEqual({ db: 'pubmed', retmode: 'xml', id: r.ids.join(','), tool: 'reflib-test', email: 'tests@example.org', api_key: KEY });
    expect(result.failed).toEqual([]);
    expect(result.records.map((r) => r.pmid)).toEqual(ids);
    expect(result.records.every((r) => r.status === 'found')).toBe(true);
    expect(batches.map((b) => b.length).sort()).toEqual([200, 200, 50].sort());
    expect(progress.at(-1)).toEqual([450, 450]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('returns efetch\'s full record with its source, keys in lock order', async () => {
    const s = await start();
    const { records } = await fetchRecords(['27797938'], opts(s));
    const expected = parseEfetch(`<PubmedArticleSet>${RECORDED_ARTICLES.get('27797938')}</PubmedArticleSet>`).get('27797938')!;
    expect(records).toEqual([{ ...expected, source: { type: 'fetched', baseUrl: s.baseUrl, fetched: '2026-11-23T12:00:00.000Z' } }]);
    expect(Object.keys(records[0]).slice(0, 4)).toEqual(['pmid', 'status', 'source', 'title']);
    expect(records[0].grantAgencies).toEqual(['NCATS NIH HHS', 'NCI NIH HHS', 'NHLBI NIH HHS', 'WHI NIH HHS']);
    expect(records[0].coiStatement).toBe('Competing interests: None declared.');
    expect(s.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('asks esummary only for the PMIDs efetch left out, and marks an unknown PMID not-found', async () => {
    const s = await start();
    const { records, failed } = await fetchRecords(['27797938', '125352', '2345234523452345', '9997', '9997'], opts(s));
    expect(s.requests.map((r) => [r.endpoint, r.method, r.ids])).toEqual([
      ['efetch', 'GET', ['27797938', '125352', '2345234523452345', '9997']],
      ['esummary', 'GET', ['125352', '2345234523452345']],
    ]);
    expect(s.requests[1].params.retmode).toBe('json');
    expect(failed).toEqual([]);
    expect(records.map((r) => [r.pmid, r.status])).toEqual([
      ['27797938', 'found'],
      ['125352', 'found'],
      ['2345234523452345', 'not-found'],
      ['9997', 'found'],
    ]);
    expect(records[1]).toMatchObject({ title: expect.stringMatching(/^Fibrinolysis in patients/), journal: { abbreviation: 'Jpn Circ J' }, year: 1975 });
    expect(records[2]).toEqual({ pmid: '2345234523452345', status: 'not-found', source: { type: 'fetched', baseUrl: s.baseUrl, fetched: NOW.toISOString() } });
  });

  it('makes no request for an empty list', async () => {
    const s = await start();
    expect(await fetchRecords([], opts(s))).toEqual({ records: [], failed: [] });
    expect(s.requests).toEqual([]);
  });
});

describe('fetchRecords: rate and concurrency', () => {
  // Unknown PMIDs make two requests per batch (efetch, then esummary) with small replies: many starts, little parsing.
  it('without a key: at most 3 starts per second, no api_key sent', async () => {
    const s = await start({ delayMs: 100 });
    const { records } = await fetchRecords(madeUp(400), opts(s));
    expect(records.map((r) => r.status)).toEqual(Array(400).fill('not-found'));
    expect(s.requests.map((r) => r.endpoint).sort()).toEqual(['efetch', 'efetch', 'esummary', 'esummary']);
    expect(maxStartsPerSecond(s.requests)).toBeLessThanOrEqual(3);
    for (const r of s.requests) expect(r.params).toEqual({ db: 'pubmed', retmode: r.endpoint === 'efetch' ? 'xml' : 'json', tool: 'reflib-test', email: 'tests@example.org', id: r.ids.join(',') });
  });

  it('with a key: at most 10 starts per second, `concurrency` in flight, api_key on every request', async () => {
    const ids = madeUp(1200);
    const s = await start({ syntheticIds: ids.slice(0, 3), delayMs: 500 });
    const { records } = await fetchRecords(ids, opts(s, { apiKey: KEY, concurrency: 4 }));
    expect(records.filter((r) => r.status === 'found').map((r) => r.pmid)).toEqual(ids.slice(0, 3));
    expect(records).toHaveLength(1200);
    expect(s.requests).toHaveLength(12);
    expect(maxStartsPerSecond(s.requests)).toBeLessThanOrEqual(10);
    expect(s.maxInFlight).toBe(4);
    for (const r of s.requests) expect(r.params).toMatchObject({ tool: 'reflib-test', email: 'tests@example.org', api_key: KEY });
  });

  it('spaces retries too: a burst of 429s never pushes starts above 3 per second', async () => {
    const s = await start({ fault: (_, i) => (i < 2 ? 'rate-limit' : undefined) });
    const { records, failed } = await fetchRecords(['9997'], opts(s, { backoffBaseMs: 0 }));
    expect(failed).toEqual([]);
    expect(records.map((r) => r.title)).toEqual(['Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.']);
    expect(s.requests).toHaveLength(3);
    expect(maxStartsPerSecond(s.requests)).toBeLessThanOrEqual(3);
  });
});

describe('fetchRecords: retries and failures', () => {
  it.each([
    ['rate-limit', 3, /efetch for 1 PMID failed after 3 tries: HTTP 429: API rate limit exceeded/],
    ['server-error', 3, /failed after 3 tries: HTTP 500/],
    ['slow', 3, /failed after 3 tries: no complete reply within 150 ms/],
    ['reset', 3, /failed after 3 tries: network error \(ECONNRESET\)/],
    ['malformed', 3, /failed after 3 tries: malformed efetch reply/],
    ['bad-request', 1, /failed after 1 try: HTTP 400: Invalid parameter/],
    ['reply-error', 1, /failed after 1 try: PubMed replied with an error: Neither query_key nor id specified/],
  ] as const)('efetch %s: %i request(s), then a failure that names it and hides the key', async (fault, tries, message) => {
    const s = await start({ fault: () => fault, slowMs: 1000 });
    const result = await fetchRecords(['9997'], opts(s, { apiKey: KEY, maxTries: 3, timeoutMs: 150 }));
    expect(s.requests).toHaveLength(tries);
    expect(result.records).toEqual([]);
    expect(result.failed).toEqual([{ pmids: ['9997'], error: expect.stringMatching(message) }]);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it.each([
    ['reply-error', 1, /esummary for 1 PMID failed after 1 try: PubMed replied with an error: Invalid uid whoopsthisisanerror at position=49/],
    ['malformed', 2, /esummary for 1 PMID failed after 2 tries: malformed esummary reply: not JSON/],
  ] as const)('esummary %s fails the PMIDs it was asked about, keeps the efetch records', async (fault, tries, message) => {
    const s = await start({ fault: (r) => (r.endpoint === 'esummary' ? fault : undefined) });
    const result = await fetchRecords(['9997', '2345234523452345'], opts(s, { apiKey: KEY, maxTries: 2 }));
    expect(s.requests.filter((r) => r.endpoint === 'esummary')).toHaveLength(tries);
    expect(result.records.map((r) => [r.pmid, r.status])).toEqual([['9997', 'found']]);
    expect(result.failed).toEqual([{ pmids: ['2345234523452345'], error: expect.stringMatching(message) }]);
  });

  it('recovers from a timeout and a 500 within maxTries', async () => {
    const s = await start({ fault: (_, i) => (['slow', 'server-error'] as const)[i], slowMs: 1000 });
    const result = await fetchRecords(['12091962'], opts(s, { apiKey: KEY, timeoutMs: 200 }));
    expect(s.requests).toHaveLength(3);
    expect(result).toMatchObject({ failed: [], records: [{ pmid: '12091962', status: 'found', authors: [{ name: 'Olivero JM' }] }] });
  });

  it('keeps the batches that succeeded when one batch fails, and passes only those to onBatch', async () => {
    const ids = madeUp(450);
    const s = await start({ syntheticIds: ids, fault: (r) => (r.ids.includes(ids[250]) ? 'server-error' : undefined) });
    const delivered: string[] = [];
    const result = await fetchRecords(ids, opts(s, { apiKey: KEY, maxTries: 2, onBatch: (records) => void delivered.push(...records.map((r) => r.pmid)) }));
    expect(result.records.map((r) => r.pmid)).toEqual([...ids.slice(0, 200), ...ids.slice(400)]);
    expect(result.failed).toEqual([{ pmids: ids.slice(200, 400), error: expect.stringMatching(/efetch for 200 PMIDs failed after 2 tries: HTTP 500/) }]);
    expect(delivered.sort()).toEqual([...ids.slice(0, 200), ...ids.slice(400)].sort());
    expect(s.requests.filter((r) => r.ids.includes(ids[250]))).toHaveLength(2);
  });
});

describe('fetchRecords: Retry-After', () => {
  /** An HTTP-date `ms` after the test clock's now. */
  const at = (ms: number) => new Date(NOW.getTime() + ms).toUTCString();
  /** A sleep that records what it was asked to wait, and returns at once. */
  const recorder = () => {
    const asked: number[] = [];
    return { asked, sleep: async (ms: number) => void asked.push(ms) };
  };

  it.each([
    ['429', '5', 5000, 'rate-limit'],
    ['503', '12', 12_000, 'unavailable'],
    ['429', at(7000), 7000, 'rate-limit'],
    ['503', at(60_000), 60_000, 'unavailable'],
    ['429', '0', 0, 'rate-limit'],
    ['503', at(-5000), 0, 'unavailable'],
    ['429', 'soon', 0, 'rate-limit'],
  ] as const)('HTTP %s with Retry-After %j: waits %i ms, then retries', async (_status, header, ms, fault) => {
    const s = await start({ fault: (_, i) => (i === 0 ? fault : undefined), retryAfter: () => header });
    const clock = recorder();
    // No backoff of its own, so the pause asked for is Retry-After's alone.
    const result = await fetchRecords(['9997'], opts(s, { backoffBaseMs: 0, sleep: clock.sleep }));
    expect(result.failed).toEqual([]);
    expect(result.records.map((r) => r.pmid)).toEqual(['9997']);
    expect(s.requests).toHaveLength(2);
    expect(clock.asked).toEqual([ms]);
  });

  it('waits for each retry as asked, and keeps the longer backoff when Retry-After is shorter', async () => {
    const s = await start({ fault: (_, i) => (i < 3 ? 'rate-limit' : undefined), retryAfter: (_, i) => ['3', '1', undefined][i] });
    const clock = recorder();
    const result = await fetchRecords(['9997'], opts(s, { backoffBaseMs: 2000, sleep: clock.sleep }));
    expect(result.failed).toEqual([]);
    expect(s.requests).toHaveLength(4);
    // Backoff: 2 s, 4 s, 8 s, each with half of it jittered; Retry-After 3 s lifts the first.
    expect(clock.asked).toHaveLength(3);
    expect(clock.asked[0]).toBe(3000);
    expect(clock.asked[1]).toBeGreaterThanOrEqual(2000);
    expect(clock.asked[1]).toBeLessThanOrEqual(4000);
    expect(clock.asked[2]).toBeGreaterThanOrEqual(4000);
    expect(clock.asked[2]).toBeLessThanOrEqual(8000);
  });

  it.each([
    ['429', '61', 'rate-limit', 61, /^efetch for 1 PMID failed after 1 try: HTTP 429: API rate limit exceeded; /],
    ['503', at(3_600_000), 'unavailable', 3600, /^efetch for 1 PMID failed after 1 try: HTTP 503: .*503 Service Unavailable.*; /],
  ] as const)('HTTP %s with Retry-After %j, more than 60 s: no wait; the batch fails and says why', async (_status, header, fault, seconds, start_) => {
    const s = await start({ fault: () => fault, retryAfter: () => header });
    const clock = recorder();
    const result = await fetchRecords(['9997'], opts(s, { apiKey: KEY, sleep: clock.sleep }));
    expect(s.requests).toHaveLength(1);
    expect(clock.asked).toEqual([]);
    expect(result.records).toEqual([]);
    expect(result.failed).toEqual([{ pmids: ['9997'], error: expect.stringMatching(start_) }]);
    expect(result.failed[0].error).toMatch(new RegExp(`; the server asked to wait ${seconds} s \\(Retry-After\\), more than the 60 s limit, so it was not retried$`));
  });

  it('fails only the batch whose server asked too much, and still fetches the others', async () => {
    const ids = madeUp(250);
    const s = await start({ syntheticIds: ids, fault: (r) => (r.ids.includes(ids[0]) ? 'rate-limit' : undefined), retryAfter: () => '600' });
    const result = await fetchRecords(ids, opts(s, { apiKey: KEY, sleep: recorder().sleep }));
    expect(result.records.map((r) => r.pmid)).toEqual(ids.slice(200));
    expect(result.failed).toEqual([{ pmids: ids.slice(0, 200), error: expect.stringMatching(/asked to wait 600 s \(Retry-After\)/) }]);
  });
});

describe('fetchRecords: the API key stays secret', () => {
  it('redacts a key that the server echoes back (GET puts it in the URL)', async () => {
    const s = await start({ fault: () => 'echo-request' });
    const result = await fetchRecords(['9997'], opts(s, { apiKey: KEY, maxTries: 1 }));
    expect(s.requests[0].method).toBe('GET');
    expect(result.failed[0].error).toMatch(/HTTP 500: Error processing .*api_key=\*\*\*/);
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('redacts a key echoed from a POST body', async () => {
    const s = await start({ syntheticIds: madeUp(30), fault: () => 'echo-request' });
    const result = await fetchRecords(madeUp(30), opts(s, { apiKey: KEY, maxTries: 1 }));
    expect(s.requests[0].method).toBe('POST');
    expect(result.failed[0].error).toContain('api_key=***');
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('gives a network error without the URL when nothing listens', async () => {
    const s = await start();
    const baseUrl = s.baseUrl;
    await s.close();
    server = undefined;
    const progress: unknown[] = [];
    const result = await fetchRecords(['9997'], { ...opts(s, { apiKey: KEY, maxTries: 2, onProgress: (...a) => progress.push(a) }), baseUrl });
    expect(result.failed).toEqual([{ pmids: ['9997'], error: 'efetch for 1 PMID failed after 2 tries: network error (ECONNREFUSED)' }]);
    expect(JSON.stringify([result, progress])).not.toContain(KEY);
  });
});

describe('fetchRecords: misuse', () => {
  it.each([
    ['a PMCID', ['PMC123'], {}, /not a PMID: "PMC123"/],
    ['a leading zero', ['0123'], {}, /not a PMID/],
    ['a comma list', ['1,2'], {}, /not a PMID/],
    ['a key in baseUrl', ['9997'], { baseUrl: `http://127.0.0.1:1/eutils?api_key=${KEY}` }, /without a query string/],
    ['a tool with spaces', ['9997'], { tool: 'ref lib' }, /tool must be a name without spaces/],
    ['no email', ['9997'], { email: '' }, /email must be an e-mail address/],
    ['maxTries 0', ['9997'], { maxTries: 0 }, /maxTries must be a whole number of at least 1/],
    ['concurrency 1.5', ['9997'], { concurrency: 1.5 }, /concurrency must be/],
  ])('throws a UsageError for %s, before any request', async (_, pmids, extra, message) => {
    const s = await start();
    const call = fetchRecords(pmids, opts(s, extra));
    await expect(call).rejects.toBeInstanceOf(UsageError);
    await expect(call).rejects.toThrow(message);
    await expect(call).rejects.not.toThrow(KEY);
    expect(s.requests).toEqual([]);
  });

  it('rejects with the error of a failing onBatch', async () => {
    const s = await start();
    await expect(fetchRecords(['9997'], opts(s, { onBatch: () => Promise.reject(new Error('disk full')) }))).rejects.toThrow('disk full');
  });
});
