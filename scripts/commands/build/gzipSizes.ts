/**
 * The gzip size of each file, as the build prints them: at zlib's default
 * level, as `reflib serve` sends them (level 9 took three times as long for
 * 3% less), a few at a time on libuv's thread pool.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/**
 * Gzips `files` at most `concurrency` at a time, in the pool's threads, and
 * keeps only the sizes. Two at a time leave the pool's other two threads to
 * the file system, so the sizes are worked out while the release is written.
 */
export async function gzipSizes(files: ReadonlyMap<string, Uint8Array>, concurrency = 2): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  // Largest first: the one big file (library.json) takes a thread from the start instead of holding up the end.
  const queue = [...files.keys()].sort((a, b) => files.get(b)!.length - files.get(a)!.length || (a < b ? -1 : a > b ? 1 : 0));
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const rel = queue[next++];
      sizes.set(rel, (await gzipAsync(files.get(rel)!)).length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return sizes;
}
