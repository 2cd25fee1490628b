import { describe, expect, it } from 'vitest';
import { findInlineLinks } from '../../scripts/graph/findInlineLinks';

describe('findInlineLinks', () => {
  it.each([
    ['no links', 'plain text (3ca17b72)', []],
    ['a bare link', 'see [[3ca17b72]].', [{ target: '3ca17b72', from: 4, to: 16 }]],
    ['a labelled link', '[[3ca17b72|the form comparison]]', [{ target: '3ca17b72', label: 'the form comparison', from: 0, to: 32 }]],
    ['two links', '[[aaaaaaaa]] and [[bbbbbbbb|b]]', [{ target: 'aaaaaaaa', from: 0, to: 12 }, { target: 'bbbbbbbb', label: 'b', from: 17, to: 31 }]],
    ['spaces around the ID', '[[ 3ca17b72 | x ]]', [{ target: '3ca17b72', label: 'x', from: 0, to: 18 }]],
    ['a malformed target (still a link, reported as broken)', '[[magnesium forms]]', [{ target: 'magnesium forms', from: 0, to: 19 }]],
    ['an unclosed link is not a link', '[[3ca17b72 and more', []],
    ['a link never spans lines', '[[3ca17b72\n]]', []],
  ])('%s', (_, text, expected) => {
    expect(findInlineLinks(text)).toEqual(expected);
  });
});
