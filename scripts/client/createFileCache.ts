/**
 * A client cache in a folder, so an app keeps its last good copy across
 * restarts and offline. One file per URL, named by the URL's SHA-256: a JSON
 * header line ({key, etag}) and then the body's bytes. Written with reflib's
 * atomic writer (a temporary file in the same folder, fsynced, then a rename);
 * temporaries a killed app left are removed on the first write. Node only.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { recoverInterruptedWrites, writeFileAtomic } from '../core/writeAtomic';
import type { CachedFile, ClientCache } from './clientCache';

/** A cache stored under `dir` (created on first write). An unreadable or damaged file reads as a miss. */
export function createFileCache(dir: string): ClientCache {
  let swept: Promise<void> | undefined;
  const fileOf = (key: string) => path.join(dir, `${createHash('sha256').update(key).digest('hex')}.cache`);
  return {
    async get(key) {
      let data: Buffer;
      try {
        data = await fs.readFile(fileOf(key));
      } catch {
        return undefined;
      }
      const newline = data.indexOf(0x0a);
      if (newline < 0) return undefined;
      let header: { key?: unknown; etag?: unknown };
      try {
        header = JSON.parse(data.subarray(0, newline).toString('utf8'));
      } catch {
        return undefined;
      }
      if (header?.key !== key) return undefined;
      const file: CachedFile = { body: new Uint8Array(data.subarray(newline + 1)) };
      if (typeof header.etag === 'string') file.etag = header.etag;
      return file;
    },
    async set(key, file) {
      await fs.mkdir(dir, { recursive: true });
      // Once per cache: temporaries of an app that was killed mid-write would otherwise stay for ever.
      swept ??= recoverInterruptedWrites(dir);
      await swept;
      const header = Buffer.from(`${JSON.stringify({ key, etag: file.etag })}\n`, 'utf8');
      await writeFileAtomic(fileOf(key), Buffer.concat([header, file.body]));
    },
  };
}
