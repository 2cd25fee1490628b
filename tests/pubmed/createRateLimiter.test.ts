import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../scripts/pubmed/createRateLimiter';

/** A fake clock whose sleep moves time on by the requested amount plus `lateBy` (a busy event loop). */
function fakeClock(lateBy = 0) {
  let t = 1000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms + lateBy;
    },
    sleeps,
  };
}

/** Calls wait() `n` times at once and records the clock when each caller is let through. */
async function startTimes(limiter: { wait(): Promise<void> }, now: () => number, n: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.wait().then(() => times.push(now()))));
  return times;
}

describe('createRateLimiter', () => {
  it.each([
    [3, 367],
    [10, 110],
  ])('at %i per second, spaces concurrent callers %i ms apart, the first at once', async (perSecond, interval) => {
    const clock = fakeClock();
    const times = await startTimes(createRateLimiter({ perSecond, ...clock }), clock.now, 5);
    expect(times).toEqual([0, 1, 2, 3, 4].map((i) => 1000 + i * interval));
  });

  it('never lets N + 1 starts into one second', async () => {
    const clock = fakeClock();
    const times = await startTimes(createRateLimiter({ perSecond: 3, ...clock }), clock.now, 10);
    for (let i = 0; i + 3 < times.length; i++) expect(times[i + 3] - times[i]).toBeGreaterThan(1000);
  });

  it('spaces from when a late timer really fired, so starts do not bunch up after it', async () => {
    const clock = fakeClock(50);
    const times = await startTimes(createRateLimiter({ perSecond: 10, slack: 0, ...clock }), clock.now, 4);
    expect(times).toEqual([1000, 1150, 1300, 1450]);
    expect(clock.sleeps).toEqual([100, 100, 100]);
  });

  it('does not wait when the last start is long past', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 3, ...clock });
    await limiter.wait();
    clock.sleeps.length = 0;
    await clock.sleep(5000);
    await limiter.wait();
    expect(clock.sleeps).toEqual([5000]);
  });

  it('waits for real with the default clock and sleep', async () => {
    const limiter = createRateLimiter({ perSecond: 20 });
    const t0 = performance.now();
    await Promise.all([limiter.wait(), limiter.wait(), limiter.wait()]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(2 * 55 - 1);
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects perSecond %s', (perSecond) => {
    expect(() => createRateLimiter({ perSecond })).toThrow(RangeError);
  });
});
