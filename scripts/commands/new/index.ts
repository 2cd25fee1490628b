/** `reflib new <kind> --title "…"`: a new entry file with a fresh ID and placeholders for every required field. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Document } from 'yaml';
import { readReleases } from '../../bundle/readReleases';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { loadLibrary } from '../../load/loadLibrary';
import { ENTRIES_DIR } from '../../load/readLibrary';
import { placeholder } from '../../model/placeholders';
import { KINDS, type Kind } from '../../core/loadSchemas';
import { closest } from '../../core/suggest';
import { FOLDERS, REFERENCES, TEMPLATES } from './templates';
import { formatEntryText } from '../../layout/layoutEntryText';

export interface NewOptions {
  cwd: string;
  root?: string;
  kind: string;
  title?: string;
  /** Source of random bytes (tests make it predictable). */
  random?: () => Buffer;
  /** Today, as YYYY-MM-DD (tests fix it). */
  today?: string;
}

/** YAML reads some hex strings as numbers (12345678, 1234e567): never hand those out. */
export function looksNumeric(id: string): boolean {
  return /^\d+$/.test(id) || /^\d+e\d+$/.test(id);
}

/** A lowercase, hyphenated file name from a title. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'entry';
}

/** Every ID in use or ever retired: in the library, and redirected by earlier releases. */
async function takenIds(root: string): Promise<Set<string>> {
  const taken = new Set<string>();
  const loaded = await loadLibrary(root).catch((err: unknown) => {
    // An empty library is fine for the first entry.
    if (err instanceof UsageError && err.code === 'empty-library') return undefined;
    throw err;
  });
  for (const e of loaded?.library.entries ?? []) if (e.id) taken.add(e.id);
  for (const id of loaded?.library.unreadableIds ?? []) taken.add(id);
  for (const m of await readReleases(path.join(root, 'dist'))) for (const id of [...Object.keys(m.entries), ...Object.keys(m.redirects)]) taken.add(id);
  return taken;
}

/** Creates the entry file; refuses to overwrite. Returns its path (relative to `cwd`) and ID. */
export async function newEntry(options: NewOptions): Promise<{ path: string; id: string; output: string }> {
  const root = resolveRoot(options);
  if (!(KINDS as readonly string[]).includes(options.kind)) {
    const guess = closest(options.kind, KINDS);
    throw new UsageError(`unknown kind "${options.kind}"`, guess ? `Did you mean "${guess}"? Kinds: ${KINDS.join(', ')}.` : `Kinds: ${KINDS.join(', ')}.`);
  }
  const kind = options.kind as Kind;
  const title = options.title?.trim();
  if (!title) throw new UsageError('new needs a title', `Example: reflib new ${kind} --title "Magnesium and migraine"`);
  const taken = await takenIds(root);
  const random = options.random ?? (() => randomBytes(4));
  let id = '';
  for (let tries = 0; tries < 1000 && (!id || taken.has(id) || looksNumeric(id)); tries++) id = random().toString('hex').slice(0, 8);
  if (!id || taken.has(id) || looksNumeric(id)) throw new Error('could not find a free entry ID');
  const data = {
    id,
    kind,
    title,
    status: 'draft',
    updated: options.today ?? new Date().toISOString().slice(0, 10),
    summary: placeholder('one or two sentences shown in lists and search results'),
    ...TEMPLATES[kind],
    references: REFERENCES(),
  };
  const doc = new Document(data);
  doc.commentBefore = ` yaml-language-server: $schema=../../schemas/${kind}.schema.json`;
  const rel = path.join(ENTRIES_DIR, FOLDERS[kind], `${slugify(title)}.yaml`);
  const file = path.join(root, rel);
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    // Written in the canonical layout, so a new entry passes fmt --check as it is.
    const formatted = formatEntryText(doc.toString({ lineWidth: 0 }));
    if (!formatted.ok) throw new Error(`the new entry does not parse: ${formatted.error}`);
    await fs.writeFile(file, formatted.text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${rel} already exists`, 'Choose another title, or edit the existing file.');
    throw err;
  }
  const shown = path.relative(options.cwd, file) || rel;
  return { path: shown, id, output: `${shown}\n` };
}
