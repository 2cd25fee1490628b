import { describe, expect, it } from 'vitest';
import { bumpVersion, computeBump } from '../../scripts/release/computeVersion';
import { compareVersions } from '../../scripts/bundle/releaseVersion';
import type { Manifest } from '../../scripts/bundle/manifest';

const e = (contentHash: string) => ({ kind: 'topic', title: 't', contentHash });
const manifest = (entries: Manifest['entries'], redirects: Manifest['redirects'] = {}): Manifest => ({
  formatVersion: 1, version: '1.2.3', sourceCommit: null, created: '2026-01-01T00:00:00Z', counts: {}, files: {}, entries, redirects, references: {},
});
const next = (entries: Manifest['entries'], redirects: Manifest['redirects'] = {}, formatVersion = 1) => ({ entries, redirects, formatVersion });
const before = manifest({ aaaaaaaa: e('1'), bbbbbbbb: e('2') });

describe('computeBump', () => {
  it.each([
    ['major: an entry disappears without a redirect', next({ aaaaaaaa: e('1') }), 'major'],
    ['major: an earlier redirect disappears', next({ aaaaaaaa: e('1'), bbbbbbbb: e('2') }), 'major', { cccccccc: 'aaaaaaaa' }],
    ['major: the format changes', next({ aaaaaaaa: e('1'), bbbbbbbb: e('2') }, {}, 2), 'major'],
    ['minor: an entry is added', next({ aaaaaaaa: e('1'), bbbbbbbb: e('2'), cccccccc: e('3') }), 'minor'],
    ['minor: an entry is retired with a redirect', next({ aaaaaaaa: e('1') }, { bbbbbbbb: 'aaaaaaaa' }), 'minor'],
    ['patch: content is edited', next({ aaaaaaaa: e('1'), bbbbbbbb: e('2b') }), 'patch'],
    ['none: nothing changed', next({ aaaaaaaa: e('1'), bbbbbbbb: e('2') }), 'none'],
  ] as [string, ReturnType<typeof next>, string, Manifest['redirects']?][])('%s', (_, n, bump, previousRedirects) => {
    expect(computeBump(previousRedirects ? { ...before, redirects: previousRedirects } : before, n)).toBe(bump);
  });

  it('patch: a redirect changes target', () => {
    const withRedirect = manifest({ aaaaaaaa: e('1') }, { bbbbbbbb: 'aaaaaaaa' });
    expect(computeBump(withRedirect, next({ aaaaaaaa: e('1'), cccccccc: e('3') }, { bbbbbbbb: 'cccccccc' }))).toBe('minor');
    expect(computeBump({ ...withRedirect, entries: { aaaaaaaa: e('1'), cccccccc: e('3') } }, next({ aaaaaaaa: e('1'), cccccccc: e('3') }, { bbbbbbbb: 'cccccccc' }))).toBe('patch');
  });

  it('starts at 1.0.0 and bumps semantically', () => {
    expect(computeBump(undefined, next({}))).toBe('major');
    expect(bumpVersion(undefined, 'major')).toBe('1.0.0');
    expect(['major', 'minor', 'patch', 'none'].map((b) => bumpVersion('1.2.3', b as never))).toEqual(['2.0.0', '1.3.0', '1.2.4', '1.2.3']);
    expect(['1.10.0', '1.9.9', '2.0.0'].sort(compareVersions)).toEqual(['1.9.9', '1.10.0', '2.0.0']);
  });
});
