/** Worker threads describe texts exactly as the main thread does, in the same order. */
import { describe, expect, it } from 'vitest';
import { describeTexts } from '../../scripts/pipeline/describeTextsInWorkers';
import { readInputs } from '../../scripts/pipeline/readInputs';
import { hostileCases } from '../hostile/hostileInputs';
import { REPO } from '../support/fixtures';

describe('describeTexts', () => {
  it('starts no worker on fewer than 4 cores unless told to', async () => {
    const { workerCount } = await import('../../scripts/pipeline/describeTextsInWorkers');
    const { availableParallelism } = await import('node:os');
    expect(workerCount()).toBe(availableParallelism() < 4 ? 0 : Math.min(3, availableParallelism() - 1));
    process.env.REFLIB_WORKERS = '2';
    expect(workerCount()).toBe(2);
    delete process.env.REFLIB_WORKERS;
  });

  it('gives the same records in worker threads as on the main thread, in order', async () => {
    const texts = (await readInputs(REPO)).read.files.map((f) => ({ path: f.path, text: f.text }));
    for (const c of hostileCases()) {
      for (const [file, content] of Object.entries(c.files)) if (typeof content === 'string' && content.length < 20_000) texts.push({ path: file, text: content });
    }
    const here = await describeTexts(texts, Infinity);
    // From 1 text up and one worker whatever the cores, so even this small set is split across threads.
    process.env.REFLIB_WORKERS = '1';
    const there = await describeTexts(texts, 1).finally(() => delete process.env.REFLIB_WORKERS);
    expect(there.length).toBe(texts.length);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
    // A text whose numbers JSON cannot carry is left to the main thread, wherever it was described.
    process.env.REFLIB_WORKERS = '1';
    const odd = await describeTexts([{ path: 'entries/x.yaml', text: 'id: .inf\nkind: topic\n' }, { path: 'entries/y.yaml', text: 'id: -0\n' }], 1).finally(() => delete process.env.REFLIB_WORKERS);
    expect(odd).toEqual([{ unsafe: true }, { unsafe: true }]);
    expect(here.filter((r) => r.load).length).toBeGreaterThan(10);
    expect(here.filter((r) => r.schema && r.schema.findings.length > 0).length).toBeGreaterThan(5);
  }, 120_000);
});
