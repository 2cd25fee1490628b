import { describe, expect, it } from 'vitest';
import type { Kind } from '../../scripts/core/loadSchemas';
import { findCiteHolder } from '../../scripts/model/findCiteHolder';

describe('findCiteHolder', () => {
  it.each([
    // No mapping around these declares cite in its schema.
    ['topic', '/overview', undefined],
    ['topic', '/summary', undefined],
    ['topic', '/title', undefined],
    ['form-comparison', '/overview', undefined],
    ['form-comparison', '/summary', undefined],
    // The nearest mapping around that declares cite.
    ['topic', '/guidance/0/text', '/guidance/0'],
    ['topic', '/guidance/3/timeframe/min', '/guidance/3'],
    ['topic', '/sections/1/body', '/sections/1'],
    ['topic', '/mechanisms/0/pathways/2/description', '/mechanisms/0'],
    ['topic', '/caveats/0/text', '/caveats/0'],
    ['topic', '/evidence/1/dose/value', '/evidence/1'],
    ['form-comparison', '/forms/1/suits/0', '/forms/1'],
    ['form-comparison', '/forms/0/elemental/amount/value', '/forms/0/elemental'],
    ['form-comparison', '/caveats/2/text', '/caveats/2'],
    // Kinds cited at the top: the root.
    ['misconception', '/summary', ''],
    ['misconception', '/title', ''],
    ['population-caution', '/threshold/value', ''],
    ['interaction', '/guidance', ''],
    // A path the schema does not know stops at what it knows.
    ['topic', '/nope/0/text', undefined],
  ] as [Kind, string, string | undefined][])('%s %s', (kind, pointer, expected) => {
    expect(findCiteHolder(kind, pointer)).toBe(expected);
  });

  it('gives the same answer for every index of a list', () => {
    expect(findCiteHolder('topic', '/guidance/0/text')).toBe('/guidance/0');
    expect(findCiteHolder('topic', '/guidance/41/text')).toBe('/guidance/41');
  });
});
