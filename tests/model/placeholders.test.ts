import { describe, expect, it } from 'vitest';
import { parseEntry, toEntry } from '../../scripts/load/parseEntry';
import { entryPlaceholders, findPlaceholders } from '../../scripts/model/placeholders';
import { entry } from '../support/fixtures';

const parse = (text: string) => parseEntry('m.yaml', text).entry!;

/** The entry with its data behind a proxy that counts walks over its top level. */
function counted(text: string) {
  let walks = 0;
  const parsed = parse(text);
  const e = toEntry(parsed.file, new Proxy(parsed.data as object, { ownKeys: (target) => (walks++, Reflect.ownKeys(target)) }));
  walks = 0; // toEntry may look the data over too
  return { entry: e, walks: () => walks };
}

describe('entryPlaceholders', () => {
  it('does not walk an entry whose text holds no <, which every placeholder has', () => {
    const { entry: e, walks } = counted(entry('misconception', 'bbbbbbbb'));
    expect(entryPlaceholders(e)).toEqual([]);
    expect(walks()).toBe(0);
  });

  it('walks an entry that may hold one once, escapes included', () => {
    const { entry: e, walks } = counted(entry('misconception', 'bbbbbbbb').replace(/^summary: .*$/m, 'summary: "\\x3cfill in: a summary>"'));
    for (let i = 0; i < 3; i++) expect(entryPlaceholders(e)).toEqual([{ pointer: '/summary', text: '<fill in: a summary>' }]);
    expect(walks()).toBe(1);
  });

  it('finds placeholders in document order, with escaped pointers, wherever they are', () => {
    expect(findPlaceholders({ a: ['x', ' <Fill in: one> '], 'b/c': { d: '<fill in>' }, e: '<fill in: x', f: 3 })).toEqual([
      { pointer: '/a/1', text: ' <Fill in: one> ' },
      { pointer: '/b~1c/d', text: '<fill in>' },
    ]);
  });
});
