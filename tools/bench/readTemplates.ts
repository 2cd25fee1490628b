/**
 * Turns the real library's entries into templates for the benchmark
 * generator: the entry's own text, with its ID, its link fields and the IDs
 * of its inline `[[id]]` links replaced by slots, so that each generated copy
 * keeps the real layout and prose and only its links change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Kind } from '../../scripts/core/loadSchemas';
import type { LockRecord } from '../../scripts/citations/lockRecord';
import { linkFields } from '../../scripts/graph/linkFields';

/** A link field of a template: which template targets it lists. */
export interface TemplateField {
  field: string;
  /** A list of IDs rather than one ID. */
  many: boolean;
  /** The kinds the field may point at (the schema's `x-links-to`). */
  kinds: readonly Kind[];
  /** Indexes into the template's `targets`, in the order written. */
  targets: number[];
}

/** One real entry, ready to be copied with fresh links. */
export interface EntryTemplate {
  /** The real file, relative to the repository, e.g. `entries/topics/magnesium-and-sleep.yaml`. */
  file: string;
  /** The kind folder under entries/, e.g. `topics` (`.` for a file directly in entries/). */
  folder: string;
  /** The file name without `.yaml`. */
  name: string;
  kind: Kind;
  id: string;
  /** The entry's text with slots (see `SLOT`). */
  text: string;
  /** The distinct IDs the entry links to, with their kinds, in order of first use. */
  targets: { id: string; kind: Kind }[];
  /** Every link field of the kind; `related` is always present (maybe empty). */
  fields: TemplateField[];
  /** The target of each inline `[[id]]` link in the text, in order (each occurrence is a link, as reflib counts them). */
  inline: number[];
}

/**
 * Slots in a template's text: `\0I\0` is the entry's ID, `\0T<n>\0` the ID of
 * target n in an inline link, and `\0F<field>\0\n` a whole link-field line.
 */
export const SLOT = /\0(I|T\d+|F[a-z_]+)\0(\n?)/g;

const NOTICE_FIELDS = [
  ['errata', 'erratum'],
  ['expressionsOfConcern', 'expression-of-concern'],
  ['retractions', 'retraction'],
] as const;

type Data = Record<string, unknown>;

/** Every `.yaml` file under `dir`, relative to `base`, sorted. */
function listYaml(dir: string, base: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...listYaml(full, base));
    else if (d.isFile() && /\.ya?ml$/.test(d.name)) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The index just past a top-level key's block: its line and every following indented or `- ` line (blank lines inside included). */
function blockEnd(lines: string[], start: number): number {
  let end = start + 1;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    if (!/^( |-( |$))/.test(lines[i])) break;
    end = i + 1;
  }
  return end;
}

/**
 * The notices a reference must carry for its lock record to raise no
 * pmid-erratum or pmid-retracted finding, as YAML lines at reference level.
 */
function noticeLines(ref: Data, lock: Record<string, LockRecord>): string[] {
  const record = lock[String(ref.pmid)] as unknown as Data | undefined;
  if (ref.type !== 'article' || !record) return [];
  const acknowledged = (ref.notices as Data[] | undefined) ?? [];
  const lines: string[] = [];
  for (const [field, type] of NOTICE_FIELDS) {
    for (const notice of (record[field] as { pmid?: string }[] | undefined) ?? []) {
      if (!notice.pmid || acknowledged.some((n) => n.type === type && String(n.pmid) === notice.pmid)) continue;
      lines.push(`      - type: ${type}`, `        pmid: ${notice.pmid}`, '        note: Acknowledged for the benchmark; the statements citing this paper are unchanged.');
    }
  }
  return lines.length > 0 ? ['    notices:', ...lines] : [];
}

/** Adds the missing notices to the references block that starts at `start`; returns the lines. */
function acknowledgeNotices(lines: string[], start: number, refs: Data[], lock: Record<string, LockRecord>): string[] {
  const end = blockEnd(lines, start);
  const items: number[] = [];
  for (let i = start + 1; i < end; i++) if (lines[i].startsWith('  - ')) items.push(i);
  if (items.length !== refs.length) throw new Error(`references block has ${items.length} items, data ${refs.length}`);
  const out = lines.slice(0, start + 1);
  items.forEach((from, k) => {
    const to = k + 1 < items.length ? items[k + 1] : end;
    out.push(...lines.slice(from, to));
    // A reference that already has notices keeps them as they are: adding a second key would be a YAML error.
    if (!('notices' in refs[k])) out.push(...noticeLines(refs[k], lock));
  });
  return [...out, ...lines.slice(end)];
}

/** Reads one real entry into a template. `kindOf` gives the kind of every real ID. */
function readTemplate(file: string, text: string, data: Data, kindOf: Map<string, Kind>, lock: Record<string, LockRecord>): EntryTemplate {
  const kind = data.kind as Kind;
  const targets: EntryTemplate['targets'] = [];
  const targetIndex = (id: string): number => {
    const at = targets.findIndex((t) => t.id === id);
    if (at >= 0) return at;
    const targetKind = kindOf.get(id);
    if (!targetKind) throw new Error(`${file} links to ${id}, which no real entry has`);
    return targets.push({ id, kind: targetKind }) - 1;
  };
  const fields: TemplateField[] = (linkFields().get(kind) ?? [])
    .filter((f) => f.field !== 'replaced_by')
    .map((f) => {
      const value = data[f.field];
      const ids = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
      return { field: f.field, many: f.many, kinds: f.kinds, targets: ids.map(targetIndex) };
    });
  let lines = text.split('\n');
  const refsAt = lines.indexOf('references:');
  if (refsAt < 0) throw new Error(`${file} has no top-level references: line`);
  lines = acknowledgeNotices(lines, refsAt, data.references as Data[], lock);
  const hasRelated = lines.some((line) => line.startsWith('related:'));
  const out: string[] = [];
  const inline: number[] = [];
  let inReferences = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\S/.test(line)) inReferences = line === 'references:';
    const key = /^([a-z_]+):/.exec(line)?.[1];
    if (key === 'id') {
      out.push('id: \0I\0');
    } else if (key && fields.some((f) => f.field === key)) {
      out.push(`\0F${key}\0`);
      i = blockEnd(lines, i) - 1;
    } else {
      if (!hasRelated && line === 'references:') out.push('\0Frelated\0');
      // Inside references, `[[…]]` is bibliographic text, not a link (as reflib reads it).
      out.push(inReferences ? line : line.replace(/\[\[([0-9a-f]{8})(?=[\]|])/g, (_, id: string) => {
        const target = targetIndex(id);
        inline.push(target);
        return `[[\0T${target}\0`;
      }));
    }
  }
  return { file, folder: path.posix.dirname(file.slice('entries/'.length)), name: path.basename(file).replace(/\.ya?ml$/, ''), kind, id: String(data.id), text: out.join('\n'), targets, fields, inline };
}

/**
 * Reads every published entry under `<repo>/entries` into a template, in path order.
 * `lock` is the real PubMed lock's records: references to papers with
 * errata, expressions of concern or retractions get the `notices` that
 * acknowledge them, so that copies raise no pmid-erratum or pmid-retracted
 * finding.
 */
export function readTemplates(repo: string, lock: Record<string, LockRecord>): EntryTemplate[] {
  const files = listYaml(path.join(repo, 'entries'), repo);
  const sources = files.map((file) => {
    const text = readFileSync(path.join(repo, file), 'utf8').replace(/\r\n/g, '\n');
    return { file, text, data: parse(text) as Data };
  });
  const kindOf = new Map(sources.map((s) => [String(s.data.id), s.data.kind as Kind]));
  // Only published entries are copied: a copy of a draft or a retired entry could not be linked without findings.
  return sources.filter((s) => s.data.status === 'published').map((s) => readTemplate(s.file, s.text, s.data, kindOf, lock));
}
