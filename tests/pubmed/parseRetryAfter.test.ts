import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../scripts/pubmed/parseRetryAfter';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it.each([
    ['delta-seconds', '5', 5000],
    ['zero seconds', '0', 0],
    ['surrounding spaces', ' 7 ', 7000],
    ['a large delay', '86400', 86_400_000],
    ['IMF-fixdate', 'Mon, 23 Nov 2026 12:00:07 GMT', 7000],
    ['IMF-fixdate, a minute on', 'Mon, 23 Nov 2026 12:01:00 GMT', 60_000],
    ['obsolete RFC 850 date', 'Monday, 23-Nov-26 12:00:07 GMT', 7000],
    ['obsolete asctime date', 'Mon Nov 23 12:00:07 2026', 7000],
    ['asctime with a one-digit day', 'Tue Nov  3 12:00:00 2026', 0],
    ['a date in the past', 'Mon, 23 Nov 2026 11:59:00 GMT', 0],
    ['a date with a sub-second remainder of now', 'Mon, 23 Nov 2026 12:00:01 GMT', 1000],
  ])('%s: %j is %i ms', (_name, value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    ['no header', undefined],
    ['an empty value', ''],
    ['a fraction', '1.5'],
    ['a negative number', '-3'],
    ['words', 'soon'],
    ['a number with a unit', '5s'],
    ['a date in another zone', 'Mon, 23 Nov 2026 12:00:07 +0100'],
    ['an impossible date', 'Mon, 31 Feb 2026 12:00:00 GMT'],
    ['an impossible time', 'Mon, 23 Nov 2026 25:00:00 GMT'],
    ['an ISO date', '2026-11-23T12:00:07Z'],
  ])('%s (%j) is ignored', (_name, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
