/**
 * Parsing one entry file is a pure function of its path and text, so it can be
 * cached or moved to a worker later.
 */
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { findExcessiveNesting, MAX_READ_DEPTH, readPlainData } from './readPlainData';
import type { Finding } from '../core/diagnostic';
import { rangeToSpan } from '../core/locatePointer';
import { MAX_DEPTH, MAX_YAML_ERRORS } from '../core/limits';
import { checkProfile } from './checkProfile';
import { SourceFile, YAML_OPTIONS } from '../core/sourceFile';

/** An entry as loaded: the parsed file and its data, before schema validation. */
export interface LoadedEntry {
  file: SourceFile;
  /** The document as plain JSON data. */
  data: unknown;
  /** The `id` field, when it is a string. */
  id?: string;
  /** The `kind` field, when it is a string. */
  kind?: string;
  /** Whether the data survives JSON unchanged (no Infinity, NaN or -0): only then may it be cached or cross to a worker. */
  jsonSafe: boolean;
}

export interface ParseResult {
  /** Absent when the YAML has errors: later stages only see clean parses. */
  entry?: LoadedEntry;
  findings: Finding[];
}

// Hints for the yaml library's stable error codes; the rest get a generic one.
const HINTS: Record<string, string> = {
  DUPLICATE_KEY: 'Each field may appear once per mapping: remove or merge the repeated key.',
  TAB_AS_INDENT: 'Indent with spaces, not tabs (two spaces per level).',
  MULTIPLE_DOCS: 'Put one entry in each file: remove the `---` separator and move the rest to a new file.',
  BAD_INDENT: 'Check the indentation: items of one mapping or list must line up.',
  MISSING_CHAR: 'A bracket, brace or quote is not closed.',
  BLOCK_AS_IMPLICIT_KEY: 'A key is missing its colon, or a value continues on a line it should not.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line; is a colon missing on the line above?',
  UNEXPECTED_TOKEN: 'Check for a stray character, or quote values that contain `: ` or start with a special character.',
  TAG_RESOLVE_FAILED: 'reflib entries use no YAML tags: remove the `!tag`.',
};

// `key: [[3ca17b72]] text` reads as a YAML flow list, not prose with a link.
const LEADING_LINK = /:\s+\[\[/;

function yamlFinding(path: string, lc: LineCounter, e: YAMLError, text: string, lineOf: (n: number) => string): Finding {
  const [start, end] = e.pos;
  const span = rangeToSpan({ lineCounter: lc }, start, Math.min(Math.max(end, start + 1), text.length));
  if (e.code === 'RESOURCE_EXHAUSTION') {
    // The yaml library stops before its own stack runs out; say what that means for an entry.
    return { file: path, ...span, rule: 'limit', message: `the YAML is nested too deeply to read (an entry may nest at most ${MAX_DEPTH} levels)`, hint: 'Flatten the structure: entries use a few levels of mappings and lists.' };
  }
  const line = lineOf(span.line);
  if (LEADING_LINK.test(line)) {
    return {
      file: path,
      ...span,
      rule: 'yaml-syntax',
      message: `text that starts with an inline link [[…]] reads as a YAML list (${e.code})`,
      hint: 'Start the text with a word, put it in quotes, or write it as a block (key: >-, then the text on the next line).',
    };
  }
  // The yaml library appends a source excerpt to some messages; we print our own.
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { file: path, ...span, rule: 'yaml-syntax', message: `${message} (${e.code})`, hint: HINTS[e.code] ?? 'Fix the YAML syntax here.' };
}

/** Strips a leading byte-order mark so columns on line 1 match what editors show. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses one entry file. YAML errors (including duplicate keys, tabs and
 * unresolved tags) come back as `yaml-syntax` findings; YAML features
 * entries do not use (tags, anchors, aliases, merge keys) as `yaml-profile`
 * findings, and values beyond reflib's limits as `limit` findings. The entry
 * is only returned when the file parsed cleanly within the profile.
 */
export function parseEntry(path: string, rawText: string): ParseResult {
  const text = stripBom(rawText);
  // Most files are plain data: read them fast, and leave positions until a finding needs one.
  const plain = readPlainData(text);
  // The fast path leaves Infinity, NaN and -0 to the full parser, so its data is always JSON data.
  if (plain) return { entry: toEntry(new SourceFile(path, text, undefined, plain.plainNumbers), plain.data, true), findings: [] };
  const lineCounter = new LineCounter();
  const deep = findExcessiveNesting(text);
  if (deep !== undefined) {
    for (let i = 0; i < text.length; i = text.indexOf('\n', i) + 1 || text.length) lineCounter.addNewLine(i);
    const span = rangeToSpan({ lineCounter }, deep, Math.min(deep + 1, text.length));
    return { findings: [{ file: path, ...span, rule: 'limit', message: `the YAML is nested more than ${MAX_READ_DEPTH} levels deep (an entry may nest at most ${MAX_DEPTH} levels)`, hint: 'Flatten the structure: entries use a few levels of mappings and lists.' }] };
  }
  // uniqueKeys is checked in checkProfile, in one pass: the yaml library compares every key with every other.
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    let lines: string[] | undefined;
    const lineOf = (n: number) => (lines ??= text.split('\n'))[n - 1] ?? '';
    // A file that is not YAML can hold an error on every line; the first few say what to fix.
    const findings = problems.slice(0, MAX_YAML_ERRORS).map((e) => yamlFinding(path, lineCounter, e, text, lineOf));
    if (problems.length > MAX_YAML_ERRORS) {
      const last = findings[findings.length - 1];
      findings.push({ ...last, message: `and ${problems.length - MAX_YAML_ERRORS} more YAML errors in this file`, hint: 'Fix the first ones: later errors often follow from them.' });
    }
    return { findings };
  }
  const file = new SourceFile(path, text, { doc, lineCounter });
  // Before toJS: an alias can make the data circular or exponentially large.
  const outside = checkProfile(file);
  if (outside.length > 0) return { findings: outside };
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  return { entry: toEntry(file, data, keepsAsJson(data)), findings: [] };
}

/** Whether data survives JSON as it is: Infinity, NaN and -0 would silently become null or 0. */
export function keepsAsJson(data: unknown): boolean {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return false;
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push(child);
  }
  return true;
}

/** An entry from its file and data, with the `id` and `kind` fields picked out when they are text; `jsonSafe` is worked out unless the caller knows it. */
export function toEntry(file: SourceFile, data: unknown, jsonSafe = keepsAsJson(data)): LoadedEntry {
  const entry: LoadedEntry = { file, data, jsonSafe };
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const { id, kind } = data as Record<string, unknown>;
    if (typeof id === 'string') entry.id = id;
    if (typeof kind === 'string') entry.kind = kind;
  }
  return entry;
}
