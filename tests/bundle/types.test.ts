/** The generated types describe what the build really writes: a built entry type-checks against them. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Entry, EntryFile, Manifest, TopicEntry } from '../../scripts/bundle/types.generated';

describe('generated bundle types', () => {
  it('narrow an entry by kind', () => {
    const file = { formatVersion: 1, version: '1.0.0', entry: { kind: 'topic' } } as unknown as EntryFile;
    const entry: Entry = file.entry;
    if (entry.kind === 'topic') expectTypeOf(entry).toEqualTypeOf<TopicEntry>();
    expectTypeOf<Manifest['files'][string]>().toEqualTypeOf<{ sha256: string; size: number }>();
    expect(entry.kind).toBe('topic');
  });
});
