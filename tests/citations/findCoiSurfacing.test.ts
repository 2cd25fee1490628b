/** The one definition of "the caveat names the sponsor", shared by coi-unsurfaced and the report. */
import { describe, expect, it } from 'vitest';
import { namesSponsor } from '../../scripts/citations/findCoiSurfacing';

describe('namesSponsor', () => {
  it.each([
    ['Funded in part by Sanofi.', 'Sanofi', true],
    ['funded in part by SANOFI', 'Sanofi', true],
    ['Funded by Nestlé Health Science.', 'Nestle', true],
    ['Funded by GE Healthcare.', 'GE', true],
    ['A challenge to interpret.', 'GE', false],
    ['Funded by Sanofi-Aventis.', 'Sanofi', true],
    ['Funded by AT&T.', 'AT&T', true],
    ['Funded by Bayer.', 'Sanofi', false],
    ['本研究は武田薬品の資金提供を受けた。', '武田薬品', true],
    ['本研究は資金提供を受けた。', '武田薬品', false],
    ['Anything at all.', '!!!', false],
    ['Anything at all.', ' ', false],
  ])('%j names %j: %s', (text, sponsor, expected) => {
    expect(namesSponsor(text, sponsor)).toBe(expected);
  });
});
