/**
 * Generates a benchmark library: N valid, published entries copied from the
 * real library (all five kinds, in the real library's proportions), each
 * with a fresh ID and its links rewired to other generated entries, plus the
 * PubMed lock the copies' citations need. `reflib validate` finds nothing in
 * it: no errors, no warnings, no infos. The same seed gives the same bytes.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LockRecord } from '../../scripts/citations/lockRecord';
import { assignLinks, type LinkPlan } from './assignLinks';
import { createRandom, type Random } from './createRandom';
import { readTemplates, SLOT, type EntryTemplate } from './readTemplates';
import { relabelLock } from './relabelLock';

/** The repository whose entries/ and pubmed-lock.json are copied. */
export const REPO = path.resolve(__dirname, '../..');

export interface GenerateOptions {
  /** The library root to write; must not hold an entries/ folder yet. */
  dir: string;
  /** How many entries (at least as many as the real library has). */
  entries: number;
  /** Any 32-bit integer; the same seed gives a byte-identical library. */
  seed: number;
  /**
   * How many links the library should hold in all, counted as reflib does
   * (every ID in a link field and every inline `[[id]]`). Default: as many as
   * the copied entries carry, about 6 an entry.
   */
  links?: number;
  /** Where to copy from (default: this repository). */
  repo?: string;
}

export interface GeneratedLibrary {
  dir: string;
  entries: number;
  links: number;
  /** Entries by kind. */
  kinds: Record<string, number>;
}

/** YAML reads some hex strings as numbers (12345678, 1234e567): such IDs would need quotes, so none are handed out. */
function looksNumeric(id: string): boolean {
  return /^\d+$/.test(id) || /^\d+e\d+$/.test(id);
}

/** `count` distinct 8-hex IDs, none of them in `avoid`. */
function createIds(count: number, random: Random, avoid: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const id = random.uint32().toString(16).padStart(8, '0');
    if (!looksNumeric(id) && !avoid.has(id)) seen.add(id);
  }
  return [...seen];
}

/** A generated entry's text: the template with its slots filled. */
function renderEntry(plan: LinkPlan, index: number, ids: readonly string[]): string {
  const { template } = plan;
  return template.text.replace(SLOT, (_, slot: string, newline: string) => {
    if (slot === 'I') return ids[index] + newline;
    if (slot[0] === 'T') return ids[plan.targets[Number(slot.slice(1))]] + newline;
    const field = template.fields.find((f) => f.field === slot.slice(1))!;
    const list = plan.fields.get(field.field) ?? [];
    if (list.length === 0) return '';
    const value = field.many ? `[${list.map((j) => ids[j]).join(', ')}]` : ids[list[0]];
    return `${field.field}: ${value}${newline}`;
  });
}

/** Writes the library described by `options` and says what it holds. */
export function generateLibrary(options: GenerateOptions): GeneratedLibrary {
  const repo = options.repo ?? REPO;
  const lock = JSON.parse(readFileSync(path.join(repo, 'pubmed-lock.json'), 'utf8')) as { lockVersion: number; records: Record<string, LockRecord> };
  const templates = readTemplates(repo, lock.records);
  if (!Number.isInteger(options.entries) || options.entries < templates.length) {
    throw new RangeError(`entries must be a whole number of at least ${templates.length} (one copy of each real entry), not ${options.entries}`);
  }
  if (existsSync(path.join(options.dir, 'entries'))) throw new Error(`${options.dir} already holds an entries/ folder`);
  const random = createRandom(options.seed);
  // Entry i copies template i mod T: every kind appears in the real library's proportions.
  const perEntry: EntryTemplate[] = Array.from({ length: options.entries }, (_, i) => templates[i % templates.length]);
  const ids = createIds(options.entries, random, new Set(templates.map((t) => t.id)));
  const { plans, links } = assignLinks(perEntry, random, options.links);
  const kinds: Record<string, number> = {};
  for (const folder of new Set(templates.map((t) => t.folder))) mkdirSync(path.join(options.dir, 'entries', folder), { recursive: true });
  plans.forEach((plan, i) => {
    const { folder, name, kind } = plan.template;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    writeFileSync(path.join(options.dir, 'entries', folder, `${name}-${ids[i]}.yaml`), renderEntry(plan, i, ids));
  });
  writeFileSync(path.join(options.dir, 'pubmed-lock.json'), relabelLock(lock));
  for (const config of ['reflib.config.yaml', 'reflib.config.yml']) {
    if (existsSync(path.join(repo, config))) copyFileSync(path.join(repo, config), path.join(options.dir, config));
  }
  return { dir: options.dir, entries: options.entries, links, kinds };
}
