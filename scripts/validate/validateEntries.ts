/**
 * Validates loaded entries against their kind's JSON Schema and turns ajv's
 * errors into located `schema` findings with a hint at the fix.
 */
import type { ErrorObject } from 'ajv';
import type { Finding } from '../core/diagnostic';
import { locateContainer, locatePointer, sourceAt, toPointer, type Target } from '../core/locatePointer';
import type { LoadedEntry } from '../load/parseEntry';
import { closest } from '../core/suggest';
import { findPlaceholders, isPlaceholder } from '../model/placeholders';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KINDS, loadSchemas, SCHEMA_DIR, schemaAjv, schemaId, type Kind } from '../core/loadSchemas';

export interface ValidateResult {
  /** Entries that passed their schema; later stages rely on their shape. */
  valid: LoadedEntry[];
  findings: Finding[];
}

type SchemaObject = Record<string, unknown>;

/** A property's description, following a `$ref` into the shared definitions. */
function describe(prop: unknown): string | undefined {
  if (!prop || typeof prop !== 'object') return undefined;
  const p = prop as SchemaObject;
  if (typeof p.description === 'string') return p.description;
  if (typeof p.$ref === 'string') {
    const [file, fragment] = p.$ref.split('#');
    const base = file ? schemaId(file.replace(/\.schema\.json$/, '')) : schemaId('definitions');
    return describe(schemaAjv().getSchema(`${base}#${fragment ?? ''}`)?.schema);
  }
  return undefined;
}

function kindName(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ("${value.length > 40 ? value.slice(0, 40) + '…' : value}")`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'nothing',
};

interface Mapped {
  pointer: string;
  target: Target | 'container';
  message: string;
  hint?: string;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

let fieldDescriptions: Map<string, Set<string>> | undefined;

/**
 * A field's description when the schema that requires it does not declare it,
 * as when `then: {required: [sources]}` makes a field required only for some
 * statuses: the one description every schema gives a field of that name, if
 * they all agree. Read once, from the shared definitions.
 */
function describeByName(name: string): string | undefined {
  if (!fieldDescriptions) {
    const found = new Map<string, Set<string>>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as SchemaObject).properties as Record<string, SchemaObject> | undefined;
      if (props && typeof props === 'object') {
        for (const [key, prop] of Object.entries(props)) if (typeof prop?.description === 'string') (found.get(key) ?? found.set(key, new Set()).get(key)!).add(prop.description);
      }
      for (const child of Object.values(node)) walk(child);
    };
    walk(JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'definitions.schema.json'), 'utf8')));
    fieldDescriptions = found;
  }
  const all = fieldDescriptions.get(name);
  return all?.size === 1 ? [...all][0] : undefined;
}

/** Turns one ajv error into a message with a pointer and a hint, or drops it as noise. */
function mapError(e: ErrorObject, entry: LoadedEntry): Mapped | undefined {
  const parent = (e.parentSchema ?? {}) as SchemaObject;
  const properties = (parent.properties ?? {}) as SchemaObject;
  // For a list item, name the list: "an item of conditions", not "0".
  const segments = e.instancePath.split('/');
  const last = segments.pop() || 'entry';
  const field = /^\d+$/.test(last) ? `item of ${segments.pop() || 'the list'}` : last;
  switch (e.keyword) {
    case 'if':
      return undefined; // the failing branch reports the real problem
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const guess = closest(key, Object.keys(properties));
      return {
        pointer: e.instancePath + toPointer([key]),
        target: 'key',
        // JSON-quoted: a key can hold quotes and line breaks.
        message: `unknown field ${JSON.stringify(key)}`,
        hint: guess ? `Did you mean "${guess}"?` : `Allowed fields here: ${Object.keys(properties).join(', ')}.`,
      };
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      const what = describe(properties[missing]) ?? describeByName(missing);
      return {
        pointer: e.instancePath,
        target: 'container',
        message: `missing required field "${missing}"`,
        hint: `Add ${missing}: …${what ? ` (${what})` : ''}`,
      };
    }
    case 'anyOf': {
      const options = (e.schema as SchemaObject[]).map((s) => ((s.required as string[]) ?? []).join(' and '));
      return { pointer: e.instancePath, target: 'container', message: `${field} needs ${options.join(', or ')}`, hint: describe(parent) };
    }
    case 'oneOf': {
      // The alternatives in words: a constant as written, anything else by its type (a $ref here is always a mapping).
      const options = (e.schema as SchemaObject[]).map((s) => ('const' in s ? show(s.const) : TYPE_NAMES[String(s.type ?? 'object')] ?? String(s.type)));
      return { pointer: e.instancePath, target: 'value', message: `${field} must be ${options.join(', or ')}, not ${show(e.data)}`, hint: describe(parent) };
    }
    case 'type': {
      // YAML reads unquoted yes/no/true/false/null and numbers as non-text.
      const unquoted = e.params.type === 'string' && e.data !== null && typeof e.data !== 'object';
      // What the editor typed: 1234e567, not the Infinity YAML made of it.
      const written = sourceAt(entry.file, e.instancePath) ?? String(e.data);
      return {
        pointer: e.instancePath,
        target: 'value',
        message: `${field} must be ${TYPE_NAMES[String(e.params.type)] ?? e.params.type}, not ${typeof e.data === 'number' && written !== String(e.data) ? `the number ${written}` : kindName(e.data)}`,
        hint: Array.isArray(parent.enum)
          ? `Use one of: ${parent.enum.join(', ')}.`
          : unquoted
          ? `YAML reads ${written} as a ${typeof e.data}: put it in quotes ("${written}") to make it text.` : describe(parent),
      };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return {
        pointer: e.instancePath,
        target: 'value',
        message: `${show(e.data)} is not a valid ${field}: use one of ${allowed.join(', ')}`,
        hint: guess ? `Did you mean "${guess}"?` : describe(parent),
      };
    }
    case 'const':
      return { pointer: e.instancePath, target: 'value', message: `${field} must be ${show(e.params.allowedValue)}, not ${show(e.data)}`, hint: describe(parent) };
    case 'pattern':
      return { pointer: e.instancePath, target: 'value', message: `${show(e.data)} is not a valid ${field}`, hint: describe(parent) };
    case 'format':
      return {
        pointer: e.instancePath,
        target: 'value',
        message: `${show(e.data)} is not a valid ${e.params.format}`,
        hint: e.params.format === 'date' ? 'Write dates as YYYY-MM-DD, e.g. 2026-11-23.' : describe(parent),
      };
    default:
      return { pointer: e.instancePath, target: 'value', message: `${field} ${e.message ?? 'is not valid'}`, hint: describe(parent) };
  }
}

/**
 * Values whose problems another rule reports with a more specific message:
 * the PMID's form belongs to pmid-format.
 */
const OWNED_ELSEWHERE = /^\/references\/\d+\/pmid$/;

/** Converts ajv errors to findings for one file, dropping noise and duplicates. */
export function schemaFindings(entry: LoadedEntry, errors: readonly ErrorObject[]): Finding[] {
  // Errors inside an anyOf branch are summarised by the anyOf error itself.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  // So are those under a oneOf, found by where they are in the entry (a branch's $ref puts its errors under
  // another schemaPath), except that a mapping given where a oneOf allows one is told what is wrong inside it.
  const oneOfAt = new Map<string, 'summary' | 'inside'>();
  for (const e of errors) {
    if (e.keyword !== 'oneOf') continue;
    const isMapping = e.data !== null && typeof e.data === 'object' && !Array.isArray(e.data);
    oneOfAt.set(e.instancePath, isMapping && (e.schema as SchemaObject[]).some((b) => !('const' in b) && (b.type ?? 'object') === 'object') ? 'inside' : 'summary');
  }
  const underOneOf = (e: ErrorObject): boolean => {
    if (!oneOfAt.size) return false;
    const at = oneOfAt.get(e.instancePath);
    if (e.keyword === 'oneOf') return at === 'inside';
    if (at) return at === 'summary' || e.keyword === 'const';
    for (const [path, how] of oneOfAt) if (how === 'summary' && e.instancePath.startsWith(`${path}/`)) return true;
    return false;
  };
  // A value of the wrong type also fails its enum or pattern: the type error says it all.
  const typeErrors = new Set(errors.filter((e) => e.keyword === 'type' && !underOneOf(e)).map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const e of errors) {
    if (underOneOf(e) || anyOfPaths.some((p) => e.schemaPath.startsWith(p))) continue;
    if (OWNED_ELSEWHERE.test(e.instancePath)) continue;
    // A placeholder from reflib new is reported as "fill this in", not as a schema error.
    if (isPlaceholder(e.data) && e.keyword !== 'required' && e.keyword !== 'additionalProperties') continue;
    if (e.keyword !== 'type' && e.keyword !== 'required' && e.keyword !== 'additionalProperties' && typeErrors.has(e.instancePath)) continue;
    const m = mapError(e, entry);
    if (!m) continue;
    const dedupe = `${m.pointer}\0${m.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const span = m.target === 'container' ? locateContainer(entry.file, m.pointer) : locatePointer(entry.file, m.pointer, m.target);
    out.push({ file: entry.file.path, ...span, rule: 'schema', message: m.message, hint: m.hint, entry: entry.id });
  }
  return out;
}

function isKind(kind: string | undefined): kind is Kind {
  return (KINDS as readonly string[]).includes(kind ?? '');
}

// Parsed entries are immutable and reused while their text is unchanged, so
// their validation results can be remembered per entry object.
const memo = new WeakMap<LoadedEntry, EntryValidation>();

/** One entry's schema result. */
export interface EntryValidation {
  /** Whether its shape can be relied on. */
  valid: boolean;
  findings: Finding[];
}

/** The schema result of one entry, computed once per entry object. */
export function validateEntry(entry: LoadedEntry): EntryValidation {
  let result = memo.get(entry);
  if (!result) {
    result = validateOne(entry);
    memo.set(entry, result);
  }
  return result;
}

/** Supplies an entry's schema result known from elsewhere (the content cache), so it is not validated again. */
export function knownValidation(entry: LoadedEntry, result: EntryValidation): void {
  memo.set(entry, result);
}

/** Validates the entries; each entry object is validated once, however often this is called. */
export function validateEntries(entries: readonly LoadedEntry[]): ValidateResult {
  const valid: LoadedEntry[] = [];
  const findings: Finding[] = [];
  for (const entry of entries) {
    const result = validateEntry(entry);
    if (result.valid) valid.push(entry);
    for (const f of result.findings) findings.push(f);
  }
  return { valid, findings };
}

/** Validates one entry: whether its shape can be relied on, and its schema findings. */
function validateOne(entry: LoadedEntry): EntryValidation {
  const at = (pointer: string, target: Target) => ({ file: entry.file.path, ...locatePointer(entry.file, pointer, target), rule: 'schema', entry: entry.id });
  if (!entry.data || typeof entry.data !== 'object' || Array.isArray(entry.data)) {
    return { valid: false, findings: [{ ...at('', 'value'), message: 'an entry must be a mapping of fields (id: …, kind: …, title: …)', hint: 'Start from an existing entry of the same kind.' }] };
  }
  const kind = (entry.data as Record<string, unknown>).kind;
  if (kind === undefined) {
    return { valid: false, findings: [{ ...locateContainerFinding(entry), message: 'missing required field "kind"', hint: `Add kind: one of ${KINDS.join(', ')}.` }] };
  }
  if (!isKind(entry.kind)) {
    const guess = typeof kind === 'string' ? closest(kind, KINDS) : undefined;
    const message = `${show(kind)} is not a valid kind: use one of ${KINDS.join(', ')}`;
    return { valid: false, findings: [{ ...at('/kind', 'value'), message, hint: guess ? `Did you mean "${guess}"?` : undefined }] };
  }
  const validate = loadSchemas().validators.get(entry.kind)!;
  if (validate(entry.data)) return { valid: true, findings: [] };
  const findings = schemaFindings(entry, validate.errors ?? []);
  // Errors owned by other rules (which report them) do not make the shape
  // invalid; an unfilled entry is not valid, so checks that rely on shape skip it.
  return { valid: findings.length === 0 && findPlaceholders(entry.data).length === 0, findings };
}

function locateContainerFinding(entry: LoadedEntry): Finding {
  return { file: entry.file.path, ...locateContainer(entry.file, ''), rule: 'schema', entry: entry.id, message: '' };
}
