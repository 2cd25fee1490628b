import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/broken-link';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';
import { MAX_SUGGESTED_LINKS } from '../../scripts/core/limits';

const myth = entry('misconception', 'bbbbbbbb', 'corrects: aaaaaaaa\n');
const lib = (topicExtra: string, extra: Record<string, string> = {}) => ({ 't.yaml': entry('topic', 'aaaaaaaa', topicExtra), 'm.yaml': myth, ...extra });

describe('broken-link', () => {
  it.each([
    ['links that resolve', lib('misconceptions: [bbbbbbbb]\nrelated:\n  - bbbbbbbb\n'), []],
    ['a block sequence item', lib('misconceptions:\n  - bbbbbbbc\n'), [['t.yaml', 12, 5, 'broken-link']]],
    ['a flow sequence item', lib('misconceptions: [bbbbbbbb, bbbbbbbc]\n'), [['t.yaml', 11, 28, 'broken-link']]],
    ['a single-ID field', { 't.yaml': entry('topic', 'aaaaaaaa'), 'm.yaml': entry('misconception', 'bbbbbbbb', 'corrects: aaaaaaab\n') }, [['m.yaml', 11, 11, 'broken-link']]],
    ['an inline link in a folded block scalar (>-)', lib('sections:\n  - heading: More\n    body: >-\n      First line of text\n      and see [[bbbbbbbc]] here.\n'), [['t.yaml', 15, 15, 'broken-link']]],
    ['an inline link in a literal block scalar (|)', lib('sections:\n  - heading: More\n    body: |\n      Line one.\n      Line two [[cccccccc|label]].\n'), [['t.yaml', 15, 16, 'broken-link']]],
    ['an inline link whose label is folded across lines', lib('sections:\n  - heading: More\n    body: >-\n      See [[bbbbbbbc|the\n      myth]] now.\n'), [['t.yaml', 14, 11, 'broken-link']]],
    ['an inline link in a plain scalar, malformed', { 't.yaml': entry('topic', 'aaaaaaaa').replace('overview: What', 'overview: See [[magnesium forms]]. What'), 'm.yaml': myth }, [['t.yaml', 7, 15, 'broken-link']]],
    ['an inline link in a double-quoted scalar with escapes', { 't.yaml': entry('topic', 'aaaaaaaa').replace('overview: What the topic covers.', 'overview: "Caf\\u00e9 \\"x\\" [[bbbbbbbc]]"'), 'm.yaml': myth }, [['t.yaml', 7, 28, 'broken-link']]],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });

  it('suggests the closest existing ID', () => {
    const [f] = runCheck(check, lib('misconceptions: [bbbbbbbc]\n'));
    expect(f.hint).toMatch(/Did you mean bbbbbbbb \(Entry bbbbbbbb\)/);
  });

  it.each([
    ['the entry itself', lib('misconceptions: [aaaaaaab]\n'), undefined],
    ['an entry of a kind the field does not take', lib('misconceptions: [aaaaaaab]\n', { 'm2.yaml': entry('misconception', 'cccccccc') }), undefined],
    ['a retired entry', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbc]\n'), 'm.yaml': entry('misconception', 'bbbbbbbb', 'corrects: aaaaaaaa\nreplaced_by: dddddddd\n', 'retired'), 'd.yaml': entry('misconception', 'dddddddd', 'corrects: aaaaaaaa\n') }, undefined],
    ['a live entry of the right kind', lib('misconceptions: [bbbbbbbc]\n'), 'bbbbbbbb'],
  ])('suggests no ID the link could not take: %s', (_, files, suggestion) => {
    const [f] = runCheck(check, files).filter((d) => d.file === 't.yaml');
    expect(f.data).toEqual(suggestion ? { target: f.data!.target, suggestion } : { target: f.data!.target });
    if (!suggestion) expect(f.hint).not.toMatch(/Did you mean/);
  });

  it('suggests an entry by title when a title was written instead of an ID', () => {
    const [f] = runCheck(check, lib('related: [Entry bbbbbbb]\n'.replace('related: [Entry bbbbbbb]', 'sections:\n  - heading: x\n    body: See [[Entry bbbbbbbx]].')));
    expect(f.message).toMatch(/not an entry ID/);
    expect(f.hint).toMatch(/Did you mean bbbbbbbb/);
  });

  it('points the span at the whole [[…]]', () => {
    const [f] = runCheck(check, lib('sections:\n  - heading: x\n    body: See [[bbbbbbbc|the myth]].\n'));
    expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([13, 15, 13, 36]);
  });

  it('suggests for the first broken links only, so suggestions cost at most a fixed number of passes over the entries', () => {
    const n = MAX_SUGGESTED_LINKS + 20;
    const files: Record<string, string> = { 't.yaml': entry('topic', 'aaaaaaaa') };
    // Each links to aaaaaaab, one edit from aaaaaaaa.
    for (let i = 0; i < n; i++) files[`m${String(i).padStart(3, '0')}.yaml`] = entry('misconception', `bbbb${String(i).padStart(4, '0')}`, 'related: [aaaaaaab]\n');
    const hints = runCheck(check, files).map((f) => f.hint);
    expect(hints).toHaveLength(n);
    expect(hints.filter((h) => h?.startsWith('Did you mean aaaaaaaa'))).toHaveLength(MAX_SUGGESTED_LINKS);
  });
});
