/** One writer at a time: a live owner is refused, a dead one's lock is taken over. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_NAME, lockFolder } from '../../scripts/core/lockFolder';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'reflib-lock-'));
  dirs.push(d);
  return d;
};

describe('lockFolder', () => {
  it('holds the lock until released, and makes the folder', async () => {
    const dist = path.join(temp(), 'dist');
    const release = await lockFolder(dist, 'build');
    expect(readFileSync(path.join(dist, LOCK_NAME), 'utf8')).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(path.join(dist, LOCK_NAME))).toBe(false);
  });

  it('refuses while another live process holds it, naming it', async () => {
    const dist = temp();
    // PID 1 is always alive.
    writeFileSync(path.join(dist, LOCK_NAME), '1\n');
    await expect(lockFolder(dist, 'build')).rejects.toMatchObject({ name: 'UsageError', message: `another reflib build is writing ${dist} (process 1)` });
    expect(readFileSync(path.join(dist, LOCK_NAME), 'utf8')).toBe('1\n');
  });

  it.each([
    ['an owner that has exited', '999999999\n'],
    ['a damaged lock file', 'garbage'],
  ])('takes over the lock of %s', async (_name, content) => {
    const dist = temp();
    writeFileSync(path.join(dist, LOCK_NAME), content);
    const release = await lockFolder(dist, 'build');
    expect(readFileSync(path.join(dist, LOCK_NAME), 'utf8')).toBe(`${process.pid}\n`);
    await release();
  });
});
