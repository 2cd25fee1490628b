/**
 * Hostile inputs, generated in code (nothing large is committed): each is
 * one entry file, with the rule reflib must report for it and where. The
 * classes follow the hostile-input issue: encodings, YAML features outside
 * what entries need, sizes and depths, number-, date- and boolean-like
 * scalars, path-like IDs, long cycles, empty and comment-only files.
 */
import { MAX_DEPTH, MAX_FILE_BYTES, MAX_SCALAR_CHARS } from '../../scripts/core/limits';

export interface HostileCase {
  /** What the input is. */
  name: string;
  /** The files to add under the library root (most cases add one). */
  files: Record<string, string | Buffer>;
  /** The finding that must be reported: its file, rule, and line when it is known. */
  expect: { file: string; rule: string; line?: number; message?: RegExp };
}

/** A valid draft misconception with the given ID, and `extra` YAML before its references. */
export function entryText(id: string, extra = '', fields: Record<string, string> = {}): string {
  const f = { title: 'A hostile test entry', summary: 'An entry made by the hostile-input suite.', ...fields };
  return [
    `id: ${id}`,
    'kind: misconception',
    `title: ${f.title}`,
    'status: draft',
    'updated: 2026-11-23',
    `summary: ${f.summary}`,
    'claim: More is better.',
    'verdict: incorrect',
    'correction: Above the upper limit it causes diarrhoea.',
    'cite: [ods]',
    extra.trimEnd(),
    'references:',
    '  - key: ods',
    '    type: web',
    '    title: Magnesium fact sheet',
    '    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/',
    '    accessed: 2026-11-23',
    '',
  ].filter((l, i) => l !== '' || i > 10).join('\n');
}

const one = (name: string, text: string | Buffer, rule: string, line?: number, message?: RegExp): HostileCase => {
  const file = `entries/hostile/${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.yaml`;
  return { name, files: { [file]: text }, expect: { file, rule, line, message } };
};

/** A loop of `n` retired entries, each replaced by the next. */
function retiredLoop(n: number): HostileCase {
  const id = (i: number) => `f${String(i % n).padStart(7, '0')}`;
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`entries/loop/${i}.yaml`] = entryText(id(i), `replaced_by: ${id(i + 1)}`).replace('status: draft', 'status: retired');
  return { name: `a replaced_by loop of ${n} retired entries`, files, expect: { file: 'entries/loop/0.yaml', rule: 'replacement-cycle', message: /more\) →/ } };
}

/** Every hostile case. */
export function hostileCases(): HostileCase[] {
  const deepBlock = `related:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 2)}-`).join('\n')}\n`;
  let bomb = 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 9; i++) bomb += `x${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  return [
    // Encodings
    one('latin-1 bytes', Buffer.from(entryText('ab000001', '', { title: 'Gr\xf6ber on magnesium' }), 'latin1'), 'encoding', 3),
    one('UTF-16 with a byte-order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(entryText('ab000002'), 'utf16le')]), 'encoding', 1),
    one('a NUL byte in prose', entryText('ab000003', '', { summary: 'Magnesium\u0000 and sleep, in a summary.' }), 'encoding', 6, /U\+0000/),
    one('a NUL written as an escape', entryText('ab000004', '', { summary: '"Magnesium\\0 and sleep, in a summary."' }), 'encoding', 6, /U\+0000/),
    one('a bell character', entryText('ab000005', '', { title: 'A title with a bell\u0007' }), 'encoding', 3, /U\+0007/),
    one('a NEL (U+0085) in a title', entryText('ab000007', '', { title: 'A title\u0085with a NEL' }), 'encoding', 3, /U\+0085/),
    one('a line separator (U+2028) in a title', entryText('ab000008', '', { title: 'A title\u2028split in two' }), 'encoding', 3, /line separator/),
    one('a bidirectional override in a title', entryText('ab000009', '', { title: 'Safe dose \u202E01 x gm 004' }), 'encoding', 3, /bidirectional override/),
    one('a lone surrogate written as an escape', entryText('ab00000a', '', { title: '"A title \\uD800 with half a pair"' }), 'encoding', 3, /surrogate/),
    one('a truncated UTF-8 sequence at the end', Buffer.concat([Buffer.from(entryText('ab000006')), Buffer.from([0xe2, 0x82])]), 'encoding'),
    // YAML features outside what entries need
    one('an !!omap tag', entryText('ab000011', 'tags: !!omap [{populations: [a]}]'), 'yaml-profile', 11, /!!omap/),
    one('a !!binary tag', entryText('ab000012', '', { summary: '!!binary aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=' }), 'yaml-profile', 6, /!!binary/),
    one('a local tag', entryText('ab000013', '', { title: '!shout A shouted title' }), 'yaml-syntax', 3),
    one('an anchor and an alias', entryText('ab000014', 'related: &r [ab000001]\nsee_also: *r'), 'yaml-profile', 11, /anchor/),
    one('a one-line self-referencing alias', entryText('ab000015', 'related: &c [a, *c]'), 'yaml-profile', 11),
    one('a 1 KB alias bomb', entryText('ab000016', bomb), 'yaml-profile', 11),
    one('a merge key', entryText('ab000017', '<<: {status: published}'), 'yaml-profile', 11, /merge/),
    one('two documents in one file', `${entryText('ab000018')}---\n${entryText('ab000019')}`, 'yaml-syntax'),
    one('a key that is a list', entryText('ab000020', '? [a, b]\n: c'), 'yaml-profile', 11),
    // Sizes and depths
    one('a file over the size limit', entryText('ab000021', `correction_notes: ${'x'.repeat(MAX_FILE_BYTES)}`), 'limit', 1, /over the limit of 1 MiB/),
    one('a block sequence nested 3,000 deep', entryText('ab000022', deepBlock), 'limit'),
    one('a flow sequence nested 3,000 deep', entryText('ab000023', `related: ${'['.repeat(3000)}${']'.repeat(3000)}`), 'limit'),
    one(`nesting just over ${MAX_DEPTH} levels`, entryText('ab000024', `related: ${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`), 'limit', 11, /over the limit of 32/),
    one('a text over the length limit', entryText('ab000025', '', { summary: 'y'.repeat(MAX_SCALAR_CHARS + 1) }), 'limit', 6),
    one('a 100,000-character broken inline link', entryText('ab000026', '', { summary: `See [[${'a'.repeat(100_000)}]] here.` }), 'limit', 6),
    one('a 30,000-character broken link ID', entryText('ab000027', `related: [${'b'.repeat(30_000)}]`), 'broken-link', 11),
    one('40,000 keys in one mapping', entryText('ab000028', `x:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i.toString(16)}: 1`).join('\n')}`), 'schema', 11),
    one('20,000 duplicate keys', entryText('ab000029', 'a: 1\n'.repeat(20_000)), 'yaml-syntax', 12, /DUPLICATE_KEY/),
    one('20,000 YAML errors', `${entryText('ab00002a')}${'\tbad: [\n'.repeat(20_000)}`, 'yaml-syntax'),
    one('a list of 130,000 bad items (more findings than a spread can take)', entryText('ab00002b', `related:\n${'- a\n'.repeat(130_000)}`), 'schema', 12),
    one('a %YAML 1.1 directive that would read 030 as 24', `%YAML 1.1\n---\n${entryText('ab00002c', 'x: 030')}`, 'yaml-profile', 1, /%YAML directive/),
    // Number-, date- and boolean-like scalars
    one('an ID with a leading zero, unquoted', entryText('01234567'), 'schema', 1, /number/),
    one('an ID in exponent form, unquoted', entryText('1234e567'), 'schema', 1),
    one('number-like related IDs', entryText('ab000031', 'related: [01234567, 1000e123]'), 'schema', 11),
    one('an impossible date', entryText('ab000032').replace('updated: 2026-11-23', 'updated: 2026-13-45'), 'schema', 5),
    one('a boolean-like status', entryText('ab000033').replace('status: draft', 'status: yes'), 'schema', 4),
    one('a null title', entryText('ab000034', '', { title: '~' }), 'schema', 3),
    // Path-like IDs
    one('a path-like ID', entryText('../../../etc/passwd'), 'schema', 1),
    one('a path-like link', entryText('ab000041', 'related: ["../../dist/latest"]'), 'schema', 11),
    one('a path-like inline link', entryText('ab000042', '', { summary: 'See [[../../secrets]] for more on this.' }), 'broken-link', 6),
    // Long cycles
    retiredLoop(2000),
    // Empty and comment-only files
    one('an empty file', '', 'schema', 1),
    one('a comment-only file', '# nothing here yet\n', 'schema', 1),
    one('a file of blank lines', '\n\n   \n', 'schema', 1),
    one('a lone document marker', '---\n', 'schema', 1),
  ];
}
