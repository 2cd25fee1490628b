/**
 * Everything a check of the library reads from disk, read once and kept as
 * text: the entry files, the PubMed lock, the config file, and the earlier
 * releases' redirects. A run's result is a function of these (and of the
 * severities asked for), which is what lets the content cache reuse a whole
 * result; parsing them is left to checkInputs.ts, which a cached run never loads.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readReleases } from '../bundle/readReleases';
import type { RetiredBefore } from '../checks/check';
import { readLibrary, type ReadOptions, type ReadResult } from '../load/readLibrary';
import type { SeverityConfig } from './rules';
import { CONFIG_FILE, LOCK_FILE } from '../core/fileNames';

export interface Inputs {
  read: ReadResult;
  /** The lock's text; undefined when there is none. */
  lockText?: string;
  /** The config file's text; undefined when there is none. */
  configText?: string;
  /** IDs retired (redirected) in earlier releases under dist/, with the release that first redirected each. */
  retiredBefore: Map<string, RetiredBefore>;
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Reads the inputs of a check of the library under `root`; `keys` adds each file's content key. Throws UsageError when there is no library. */
export async function readInputs(root: string, options: ReadOptions = {}): Promise<Inputs> {
  const read = await readLibrary(root, options);
  const lockText = await readOptional(path.join(root, LOCK_FILE));
  const configText = await readOptional(path.join(root, CONFIG_FILE));
  const retiredBefore = new Map<string, RetiredBefore>();
  for (const m of await readReleases(path.join(root, 'dist'))) {
    for (const [id, replacedBy] of Object.entries(m.redirects)) retiredBefore.set(id, { version: retiredBefore.get(id)?.version ?? m.version, replacedBy });
  }
  return { read, lockText, configText, retiredBefore };
}

/** The source texts a formatter may quote: the entries, the lock and the config. */
export function sourcesOf(inputs: Inputs, entrySources: Iterable<readonly [string, string]>): Map<string, string> {
  const sources = new Map(entrySources);
  if (inputs.lockText !== undefined) sources.set(LOCK_FILE, inputs.lockText);
  if (inputs.configText !== undefined) sources.set(CONFIG_FILE, inputs.configText);
  return sources;
}

/** A digest of the inputs and severities: equal digests mean equal results (with the same code, which the cache's salt covers). */
export function digestInputs(inputs: Inputs, severities: SeverityConfig, keyOf: (text: string) => string): string {
  const hash = createHash('sha256');
  const { read } = inputs;
  for (const f of read.files) hash.update(`f ${f.path} ${keyOf(f.text)}\n`);
  for (const f of read.undecodable) hash.update(`u ${f.path} ${keyOf(f.text)}\n`);
  hash.update(`r ${JSON.stringify(read.findings)}\n`);
  hash.update(`l ${inputs.lockText ?? '-'}\n`);
  hash.update(`c ${inputs.configText ?? '-'}\n`);
  hash.update(`d ${JSON.stringify([...inputs.retiredBefore])}\n`);
  hash.update(`s ${JSON.stringify(Object.entries(severities).sort())}\n`);
  return hash.digest('base64url');
}
