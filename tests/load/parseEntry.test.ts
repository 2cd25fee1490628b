import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../scripts/load/parseEntry';

describe('parseEntry', () => {
  it('returns data, id and kind for a clean file', () => {
    const r = parseEntry('e.yaml', 'id: 3ca17b72\nkind: topic\n');
    expect(r.findings).toEqual([]);
    expect(r.entry).toMatchObject({ id: '3ca17b72', kind: 'topic', data: { id: '3ca17b72', kind: 'topic' } });
  });

  it('keeps dates as text (YAML 1.2 core schema)', () => {
    expect(parseEntry('e.yaml', 'updated: 2026-11-23\n').entry?.data).toEqual({ updated: '2026-11-23' });
  });

  it.each([
    ['a duplicate key, at the repeated key', 'id: a\ntitle: x\ntitle: y\n', 3, 1, /DUPLICATE_KEY/],
    ['a tab used as indentation', 'tags:\n\tconditions: []\n', 2, 1, /TAB_AS_INDENT/],
    ['two documents in one file', 'id: a\n---\nid: b\n', 2, 1, /MULTIPLE_DOCS/],
    ['an unclosed flow sequence', 'related: [a, b\ntitle: x\n', 2, 1, /./],
    ['an unknown tag', 'id: !secret x\n', 1, 5, /TAG_RESOLVE_FAILED/],
    ['a duplicate key after a BOM', '\uFEFFid: a\nid: b\n', 2, 1, /DUPLICATE_KEY/],
    ['a duplicate key with CRLF endings', 'id: a\r\nx: 1\r\nid: b\r\n', 3, 1, /DUPLICATE_KEY/],
  ])('reports %s as yaml-syntax', (_, text, line, column, message) => {
    const r = parseEntry('e.yaml', text);
    expect(r.entry).toBeUndefined();
    expect(r.findings[0]).toMatchObject({ file: 'e.yaml', rule: 'yaml-syntax', line, column });
    expect(r.findings[0].message).toMatch(message);
    expect(r.findings[0].hint).toBeTruthy();
  });
});

describe('parseEntry hints', () => {
  it('explains prose that starts with an inline link', () => {
    const r = parseEntry('e.yaml', 'id: a\noverview: [[3ca17b72]] is the comparison.\n');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'yaml-syntax', line: 2 });
    expect(r.findings[0].message).toMatch(/reads as a YAML list/);
    expect(r.findings[0].hint).toMatch(/quotes/);
  });
});
