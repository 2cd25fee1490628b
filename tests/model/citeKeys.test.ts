import { describe, expect, it } from 'vitest';
import { parseEntry, toEntry } from '../../scripts/load/parseEntry';
import { citedKeys, collectCiteKeys, entryCiteKeys, entryReferenceKeys } from '../../scripts/model/citeKeys';
import { entry } from '../support/fixtures';

const parse = (text: string) => parseEntry('t.yaml', text).entry!;

describe('cite keys', () => {
  it('are found outside references, not inside cite lists, with escaped pointers, in document order', () => {
    const topic = parse(
      entry('topic', 'aaaaaaaa', [
        'sections:',
        '  - heading: x',
        '    body: y',
        '    cite: [ods, {cite: [inner]}]',
        '    references:',
        '      cite: [hidden]',
        'nested:',
        '  a/b~:',
        '    - cite: [deep]',
        '',
      ].join('\n')),
    );
    expect(collectCiteKeys(topic.data)).toEqual([
      { key: 'ods', pointer: '/guidance/0/cite/0' },
      { key: 'ods', pointer: '/sections/0/cite/0' },
      { key: 'deep', pointer: '/nested/a~1b~0/0/cite/0' },
    ]);
    expect(entryCiteKeys(topic)).toEqual(collectCiteKeys(topic.data));
  });

  it('are collected once per entry, however often the checks ask', () => {
    let walks = 0;
    const parsed = parse(entry('misconception', 'bbbbbbbb'));
    const e = toEntry(parsed.file, new Proxy(parsed.data as object, { ownKeys: (target) => (walks++, Reflect.ownKeys(target)) }));
    walks = 0; // toEntry may look the data over too
    for (let i = 0; i < 3; i++) {
      expect(entryCiteKeys(e).map((c) => c.key)).toEqual(['ods']);
      expect([...citedKeys(e)]).toEqual(['ods']);
      expect([...entryReferenceKeys(e)]).toEqual(['ods']);
    }
    expect(walks).toBe(1);
  });
});
