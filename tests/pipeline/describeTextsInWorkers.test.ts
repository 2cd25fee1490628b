/** Worker threads describe texts exactly as the main thread does, in the same order. */
import { describe, expect, it } from 'vitest';
import { describeTexts } from '../../scripts/pipeline/describeTextsInWorkers';
import { readInputs } from '../../scripts/pipeline/readInputs';
import { hostileCases } from '../hostile/hostileInputs';
import { REPO } from '../support/fixtures';

describe('describeTexts', () => {
  it('gives the same records in worker threads as on the main thread, in order', async () => {
    const texts = (await readInputs(REPO)).read.files.map((f) => ({ path: f.path, text: f.text }));
    for (const c of hostileCases()) {
      for (const [file, content] of Object.entries(c.files)) if (typeof content === 'string' && content.length < 20_000) texts.push({ path: file, text: content });
    }
    const here = await describeTexts(texts, Infinity);
    // From 1 text up, so even this small set is split across threads.
    const there = await describeTexts(texts, 1);
    expect(there.length).toBe(texts.length);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
    // A text whose numbers JSON cannot carry is left to the main thread, wherever it was described.
    const odd = await describeTexts([{ path: 'entries/x.yaml', text: 'id: .inf\nkind: topic\n' }, { path: 'entries/y.yaml', text: 'id: -0\n' }], 1);
    expect(odd).toEqual([{ unsafe: true }, { unsafe: true }]);
    expect(here.filter((r) => r.load).length).toBeGreaterThan(10);
    expect(here.filter((r) => r.schema && r.schema.findings.length > 0).length).toBeGreaterThan(5);
  }, 120_000);
});
