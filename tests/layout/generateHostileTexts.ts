/**
 * Hostile entry texts for fmt's round-trip tests, generated in code: every
 * scalar YAML may read as something other than a string, in every position
 * (value, key, block and flow list, flow map, schema fields fmt reorders),
 * with comments everywhere, long lines, unicode, deep nesting, empty values,
 * block scalars, anchors and tags — then each again with CRLF line endings, a
 * BOM, trailing spaces and a modeline on line 1.
 */

/** Plain scalars that YAML 1.2 (or 1.1) reads as numbers, booleans, null or dates, and strings that look like them. */
export const NUMBER_LIKE = [
  '01234567', '1000e123', '1e5', '1E5', '1e-3', '0x1F', '0o17', '0b101', '+12', '-0', '007', '.5', '+.5', '3.', '0.', '1.0', '1.10',
  '1_000', '-1_000', '12345678901234567890', '.inf', '-.Inf', '.NaN', '0',
  '2026-11-23', '2026-11-23T10:00:00Z', '2026-11-23 10:00:00 +1', '12:30', '190:20:30',
  'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'TRUE', '~', 'null', 'NULL', 'Null',
];

const MODELINE = '# yaml-language-server: $schema=../../schemas/topic.schema.json';

const lines = (...parts: string[]) => parts.join('\n') + '\n';
const indent = (text: string, by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));

/** Each number-like scalar as a plain value, a quoted value, a key, a block and a flow item. */
function numberLikeTexts(): [string, string][] {
  const values = NUMBER_LIKE.map((s, i) => `v${i}: ${s}`);
  const quoted = NUMBER_LIKE.map((s, i) => `q${i}: "${s}"\ns${i}: '${s}'`);
  // Keys must differ in value too (1e5 and 1E5 are one key), so a set of distinct ones.
  const keys = ['01234567', '1000e123', '1e5', '0x1F', '0o17', '+12', '-0', '.5', '3.', '1_000', '12345678901234567890', '2026-11-23', '12:30', 'yes', 'No', 'true', '.inf', '.NaN', '007'].map((s, i) => `${s}: k${i}`);
  return [
    ['schema fields with number-like values, out of order', lines('title: T', 'related: [01234567, 1000e123]', 'kind: topic', 'id: 01234567', 'updated: 2026-11-23', 'status: yes')],
    ['number-like values', lines('title: T', 'kind: topic', ...values)],
    ['quoted number-like values', lines('kind: topic', ...quoted)],
    ['number-like keys', lines('title: T', 'kind: topic', ...keys)],
    ['number-like block list', lines('title: T', 'kind: topic', 'related:', ...NUMBER_LIKE.map((s) => `  - ${s}`))],
    ['number-like short block lists', lines('kind: topic', ...NUMBER_LIKE.map((s, i) => `l${i}:\n  - ${s}\n  - x`))],
    ['number-like flow lists', lines('kind: topic', ...NUMBER_LIKE.map((s, i) => `f${i}: [${s}, ${s}]`))],
    ['number-like flow maps', lines('kind: topic', ...NUMBER_LIKE.map((s, i) => `m${i}: {${s === '~' ? 'k' : s}: ${s}}`))],
    ['number-like under tags', lines('title: T', 'kind: topic', 'tags:', `  conditions: [${NUMBER_LIKE.slice(0, 12).join(', ')}]`, '  populations:', ...NUMBER_LIKE.slice(12).map((s) => `    - ${s}`))],
    ['a YAML 1.1 document', lines('%YAML 1.1', '---', 'title: T', 'kind: topic', ...values, ...NUMBER_LIKE.map((s, i) => `f${i}: [${s}, x]`), 'related:', ...NUMBER_LIKE.map((s) => `  - ${s}`))],
  ];
}

function shapeTexts(): [string, string][] {
  const prose = 'Magnesium glycinate is often described as gentle, yet the evidence for any form-specific benefit is thin. '.repeat(5).trim();
  const url = `https://example.org/${'a'.repeat(300)}?q=${'1'.repeat(50)}`;
  const deepMap = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 01234567';
  const deepSeq = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}-`).join('\n') + ' 1e5';
  const deepFlow = '['.repeat(40) + '0x1F, yes' + ']'.repeat(40);
  return [
    ['long lines', lines('kind: topic', `title: ${prose}`, `url: ${url}`, `overview: "${prose}  ${prose}"`, `id: "${'9'.repeat(200)}"`, `n: ${'9'.repeat(200)}`)],
    [
      'unicode',
      lines(
        'kind: topic',
        'title: Magnesium 💊 and sleep 😴 — «ça va» ✓',
        'overview: المغنيسيوم والنوم في الليل، وهو نص من اليمين إلى اليسار',
        'mixed: "עברית then English then 123"',
        'zwj: 👩‍⚕️ doctor, e\u0301 combining, non\u00a0breaking',
        'escapes: "bell \\a, tab \\t, nul-free \\u00e9 \\U0001F600"',
        `"ключ 🔑": значение`,
        'wide: 中文文本和一些数字 01234567',
      ),
    ],
    [
      'comments everywhere',
      lines(
        '# before everything',
        'title: T # after the title',
        '# before kind',
        'kind: topic',
        'related: # after a key with a list',
        '  # before the first item',
        '  - 01234567 # after an item',
        '  # between items',
        '  - 1e5',
        'nested:',
        '  # inside a map',
        '  a: 1 # one',
        '  b:',
        '    - x: 0x1F # deep',
        '      # after a deep key',
        '      y: yes',
        'flow: [a, b] # after a flow list',
        'summary: >- # after a folded header',
        '  Folded text',
        '  on two lines.',
        '# at the end',
      ),
    ],
    ['deep legal nesting', lines('kind: topic', 'map:', indent(deepMap, 2), 'seq:', indent(deepSeq, 2), `flow: ${deepFlow}`)],
    [
      'empty values',
      lines('title:', 'kind: topic', 'id:', 'empty-string: ""', "empty-single: ''", 'list: []', 'map: {}', 'tilde: ~', 'items:', '  -', '  - a', '  -', 'nested:', '  key:', 'short:', '  -', '  -'),
    ],
    [
      'block scalars',
      lines(
        'kind: topic',
        'literal: |',
        '  Line one.',
        '    indented line',
        '  01234567',
        'keep: |+',
        '  kept',
        '',
        'strip: >-',
        '  folded',
        '  text',
        'clip: >',
        '  clip',
        'indicator: |2',
        '    four spaces',
        '  two spaces',
        'trailing: "spaces at the end   "',
      ),
    ],
    [
      'strings that look like YAML',
      lines(
        'kind: topic',
        'a: "*not an alias"',
        'b: "&not an anchor"',
        'c: "!not a tag"',
        'd: "%not a directive"',
        'e: "@at"',
        'f: "`tick"',
        'g: "- dash"',
        'h: "? question"',
        'i: ": colon"',
        'j: "# hash"',
        'k: "[bracket"',
        'l: "{brace"',
        'm: "| pipe"',
        'n: "> gt"',
        "o: \"it's\"",
        "p: 'say \"hi\"'",
        'q: a # comment, not text',
        'r: "a #text, not comment"',
        's: "key: value"',
        't: ../../etc/passwd',
        'u: "C:\\\\Windows\\\\x"',
        'v: entries/topics/x.yaml',
        'w: "line one\\nline two"',
        'x: "  leading and trailing  "',
      ),
    ],
    [
      'less common syntax',
      lines(
        '%YAML 1.2',
        '---',
        'kind: topic',
        'plain: a plain scalar',
        '  folded over lines',
        '',
        '  with a break',
        'double: "a double-quoted',
        '  scalar \\ over lines"',
        'tabs: a\tb',
        'flow: [a, # inside a flow list',
        '  0x1F, "1e5", 1e5]',
        'fmap: {a: 1, b: [2, 3], "c": d}',
        '? explicit key',
        ': explicit value',
        '"1e5": quoted key',
        '1e5: plain key',
        "'01234567': single-quoted key",
        '01234567: plain key',
        '<<: not a merge',
        'separators: "line\u2028separator and next\u0085line"',
        '...',
      ),
    ],
    ['anchors, aliases and tags', lines('kind: topic', 'base: &b {a: 01234567, b: yes}', 'copy: *b', 'str: !!str 0x1F', 'int: !!int "12"', 'merge: {<<: *b}', 'set: !!set {a, b}', 'omap: !!omap [a: 1, b: 2]')],
  ];
}

/** The ways a file may differ from the canonical layout without any change of data. */
const VARIANTS: [string, (text: string) => string][] = [
  ['as written', (t) => t],
  ['with a modeline', (t) => `${MODELINE}\n${t}`],
  ['with CRLF line endings', (t) => t.replace(/\n/g, '\r\n')],
  ['with a BOM', (t) => `\ufeff${t}`],
  ['with trailing spaces', (t) => t.replace(/(?<=\S)\n/g, '   \n')],
  ['with a BOM, a modeline and CRLF', (t) => `\ufeff${MODELINE}\r\n${t.replace(/\n/g, '\r\n')}`],
];

/** Every generated hostile text, as [name, text]. */
export function generateHostileTexts(): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, text] of [...numberLikeTexts(), ...shapeTexts()]) {
    for (const [variant, apply] of VARIANTS) out.push([`${name}, ${variant}`, apply(text)]);
  }
  return out;
}

/** The modeline the generated texts use. */
export { MODELINE };
