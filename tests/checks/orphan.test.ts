import { describe, expect, it } from 'vitest';
import check from '../../scripts/checks/orphan';
import { entry } from '../support/fixtures';
import { runCheck, where } from '../support/runCheck';

describe('orphan', () => {
  it.each([
    ['a misconception its topic links to', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\n'), 'm.yaml': entry('misconception', 'bbbbbbbb') }, []],
    ['a misconception nothing links to, at its ID', { 't.yaml': entry('topic', 'aaaaaaaa'), 'm.yaml': entry('misconception', 'bbbbbbbb') }, [['m.yaml', 1, 5, 'orphan']]],
    ['a topic nothing links to (topics are exempt)', { 't.yaml': entry('topic', 'aaaaaaaa') }, []],
    ['linked only from a draft', { 't.yaml': entry('topic', 'aaaaaaaa', 'misconceptions: [bbbbbbbb]\n', 'draft'), 'm.yaml': entry('misconception', 'bbbbbbbb') }, [['m.yaml', 1, 5, 'orphan']]],
    ['linked only from itself', { 'm.yaml': entry('misconception', 'bbbbbbbb', 'related: [bbbbbbbb]\n') }, [['m.yaml', 1, 5, 'orphan']]],
    ['an unlinked draft', { 'm.yaml': entry('misconception', 'bbbbbbbb', '', 'draft') }, []],
  ])('%s', (_, files, expected) => {
    expect(where(runCheck(check, files))).toEqual(expected);
  });
});

describe('orphan with an unparsable file', () => {
  it('reports nothing, since the unreadable file may hold the links', async () => {
    const { checkLibrary } = await import('../../scripts/pipeline/checkLibrary');
    const { makeLibrary } = await import('../support/fixtures');
    const root = makeLibrary({ 'entries/m.yaml': entry('misconception', 'bbbbbbbb'), 'entries/t.yaml': 'id: aaaaaaaa\nkind: topic\nkind: topic\n' });
    const { result } = await checkLibrary(root);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['yaml-syntax']);
  });
});
