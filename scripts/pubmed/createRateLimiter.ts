/**
 * Spaces request starts so that no more than N begin in any one second.
 * p-limit bounds how many requests are in flight, not how often they start:
 * two quick replies in a row would otherwise let a third and fourth request
 * start within the same second, and PubMed answers that with HTTP 429.
 */

export interface RateLimiter {
  /** Resolves when the caller may start one request. Callers are served in call order. */
  wait(): Promise<void>;
}

export interface RateLimiterOptions {
  /** At most this many request starts per second (PubMed: 3, or 10 with an API key). */
  perSecond: number;
  /**
   * Extra spacing, as a fraction of 1000 / perSecond. PubMed counts arrivals,
   * not departures: slack keeps network jitter, and an event loop busy
   * parsing a large reply, from bunching N + 1 arrivals into one second.
   * Default 0.1 (N + 1 starts then span at least 1.1 s).
   */
  slack?: number;
  /** Milliseconds on a monotonic clock; default performance.now. */
  now?: () => number;
  /** Resolves after about `ms`; default a setTimeout promise. Must let `now()` move on. */
  sleep?: (ms: number) => Promise<void>;
}

/** A limiter that starts requests at least `1000 / perSecond * (1 + slack)` ms apart. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { perSecond, slack = 0.1 } = options;
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError(`perSecond must be a positive number, got ${perSecond}`);
  if (!(slack >= 0) || !Number.isFinite(slack)) throw new RangeError(`slack must be a non-negative number, got ${slack}`);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Even spacing rather than a burst of N then a pause: any N + 1 consecutive starts span more than a second.
  // The epsilon keeps float noise (100 * 1.1 = 110.00000000000001) from adding a millisecond.
  const interval = Math.ceil((1000 / perSecond) * (1 + slack) - 1e-9);
  let last = -Infinity;
  let queue: Promise<void> = Promise.resolve();

  return {
    wait() {
      // One waiter at a time, each spaced from when the previous one really went: a timer that fires late
      // (the event loop was busy) pushes the following starts back instead of letting them bunch up.
      const turn = queue.then(async () => {
        let t = now();
        while (t < last + interval) {
          await sleep(last + interval - t);
          t = now();
        }
        last = t;
      });
      queue = turn;
      return turn;
    },
  };
}
