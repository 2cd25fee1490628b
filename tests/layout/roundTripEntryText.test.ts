/**
 * fmt is lossless: on every real entry, on every real entry put out of
 * layout, and on generated hostile input, the data, each scalar's type and
 * text, the comments and the modeline survive, and a second run changes nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../scripts/core/limits';
import { formatEntryText } from '../../scripts/layout/layoutEntryText';
import { hostileCases } from '../hostile/hostileInputs';
import { REPO } from '../support/fixtures';
import { expectLossless, format } from './expectLossless';
import { generateHostileTexts } from './generateHostileTexts';
import { scrambleLayout } from './scrambleLayout';

const realEntries = readdirSync(path.join(REPO, 'entries'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

const readEntry = (rel: string) => readFileSync(path.join(REPO, 'entries', rel), 'utf8');

describe('fmt round trip on the real library', () => {
  it('finds the library’s entry files', () => {
    expect(realEntries.length).toBeGreaterThanOrEqual(15);
  });

  it.each(realEntries)('%s: unchanged, lossless and idempotent', (rel) => {
    const text = readEntry(rel);
    expect(expectLossless(text)).toBe(text);
  });

  it.each(realEntries)('%s, out of layout: formats back to the file as it is', (rel) => {
    const text = readEntry(rel);
    const messy = scrambleLayout(text);
    expect(messy).not.toBe(text);
    expect(expectLossless(messy)).toBe(text);
  });
});

describe('fmt round trip on hostile input', () => {
  it.each(generateHostileTexts())('%s', (_, text) => {
    expectLossless(text);
  });

  it('keeps the text of a number-like ID and list items (the issue’s example)', () => {
    expect(format('id: 01234567\nkind: topic\nrelated: [01234567, 1000e123]\n')).toBe('id: 01234567\nkind: topic\nrelated: [01234567, 1000e123]\n');
  });
});

/** The text of a hostile file fmt would format: UTF-8 within the size limit (fmt refuses the others unread; see tests/commands/fmt.test.ts). */
function formattable(content: string | Buffer): string | undefined {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (bytes.length > MAX_FILE_BYTES) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

describe('fmt on the hostile-input suite (tests/hostile)', () => {
  // A case of many files (a long replacement loop) repeats one shape: its first files stand for the rest.
  it.each(hostileCases().map((c) => [c.name, c] as const))('%s: lossless, or refused and left as it is', (_, hostile) => {
    for (const content of Object.values(hostile.files).slice(0, 10)) {
      const text = formattable(content);
      if (text === undefined) continue;
      const r = formatEntryText(text);
      if (r.ok) expectLossless(text);
      else expect(['yaml', 'empty', 'comment-only']).toContain(r.reason);
    }
    // The 130,000-item list takes seconds alone and far longer on a loaded 2-core machine: a generous limit, not a timing.
  }, 180_000);
});
