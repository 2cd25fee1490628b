/** Text normalised for comparison: what the citation checks compare, forgiving case, accents and punctuation. */

/** Lowercase, accents folded, punctuation and brackets dropped, spaces collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `compute` remembered by its string argument, keeping at most `maxChars`
 * characters of arguments: when full, it starts afresh, so no library (or
 * hostile input) can grow it without limit.
 */
export function rememberByValue<T>(compute: (s: string) => T, maxChars: number): (s: string) => T {
  const memo = new Map<string, T>();
  let chars = 0;
  return (s) => {
    let value = memo.get(s);
    if (value === undefined) {
      value = compute(s);
      if (chars + s.length > maxChars) {
        memo.clear();
        chars = 0;
      }
      memo.set(s, value);
      chars += s.length;
    }
    return value;
  };
}

// Every entry citing a paper states the same first author, journal and
// title, so a library of 10,000 entries normalises a few hundred distinct
// strings tens of thousands of times: NFKD and four regex passes each time
// were the citation checks' largest cost.
/** normalizeText, remembered by value: for text that recurs across entries. */
export const normalizeRecurring = rememberByValue(normalizeText, 4 * 1024 * 1024);
