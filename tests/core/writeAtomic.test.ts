/** The one atomic writer: files and folders, rollback, stale temporaries, modes from the umask. */
import fsModule, { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeStaleTemporaries, temporaryPrefix, writeFileAtomic, writeFolderAtomic } from '../../scripts/core/writeAtomic';

let parent: string;
let umask: number;

beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'reflib-atomic-'));
  umask = process.umask(0o022);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.umask(umask);
  rmSync(parent, { recursive: true, force: true });
});

/** Every file under `dir` with its text. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const item of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, item.name);
      if (item.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const mode = (p: string) => statSync(p).mode & 0o777;

/** A temporary's name as a writer that has since died (no process has this PID) leaves it. */
const crashed = (target: string, hex: string, old = '') => `.${target}.tmp-999999999-${hex.repeat(12 / hex.length)}${old}`;

/** Makes the nth call to fs.promises.rename (1-based) fail with EIO; the others run for real. */
function failRename(nth: number) {
  const real = fsModule.promises.rename;
  let calls = 0;
  return vi.spyOn(fsModule.promises, 'rename').mockImplementation(async (from, to) => {
    calls++;
    if (calls === nth) throw Object.assign(new Error(`EIO: rename ${String(from)}`), { code: 'EIO' });
    return real(from, to);
  });
}

describe('writeFileAtomic', () => {
  it('writes a new file with the umask mode and leaves no temporary', async () => {
    const file = path.join(parent, 'lock.json');
    await writeFileAtomic(file, '{}\n');
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
    expect(mode(file)).toBe(0o644);
    expect(readdirSync(parent)).toEqual(['lock.json']);
  });

  it('writes content given in pieces, in order, without holding it whole', async () => {
    const file = path.join(parent, 'files.json');
    function* pieces() {
      yield '{"a":';
      for (let i = 0; i < 1000; i++) yield `${i},`;
      yield 'null}';
    }
    await writeFileAtomic(file, pieces());
    expect(readFileSync(file, 'utf8')).toBe(`{"a":${Array.from({ length: 1000 }, (_, i) => `${i},`).join('')}null}`);
    expect(readdirSync(parent)).toEqual(['files.json']);
  });

  it('keeps the mode of the file it replaces', async () => {
    const file = path.join(parent, 'entry.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(mode(file)).toBe(0o600);
  });

  it('leaves the old file and no temporary when the rename fails', async () => {
    const file = path.join(parent, 'entry.yaml');
    writeFileSync(file, 'old');
    failRename(1);
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EIO/);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['entry.yaml']);
  });

  it('removes the temporaries a crash left beside the same file, and no others', async () => {
    writeFileSync(path.join(parent, crashed('entry.yaml', 'a')), 'half');
    writeFileSync(path.join(parent, crashed('other.yaml', 'a')), 'not this target');
    await writeFileAtomic(path.join(parent, 'entry.yaml'), 'new');
    expect(readdirSync(parent).sort()).toEqual([crashed('other.yaml', 'a'), 'entry.yaml']);
  });

  it.each([
    ['a name that only starts like a temporary', '.entry.yaml.tmp-my-notes'],
    ['a folder named like one, without a PID', '.entry.yaml.tmp-aaaaaaaaaaaa'],
    ['a temporary of a writer that is still running', `.entry.yaml.tmp-${process.pid}-aaaaaaaaaaaa`],
  ])('never touches %s', async (_name, name) => {
    writeFileSync(path.join(parent, name), 'precious');
    await writeFileAtomic(path.join(parent, 'entry.yaml'), 'new');
    expect(readFileSync(path.join(parent, name), 'utf8')).toBe('precious');
  });

  it('says which file it cannot write, as a usage error, when the folder refuses', async () => {
    const locked = path.join(parent, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const err = await writeFileAtomic(path.join(locked, 'x.json'), '{}').catch((e) => e);
      // root ignores folder permissions; then the write simply succeeds.
      if (process.getuid?.() !== 0) expect(err).toMatchObject({ name: 'UsageError', message: `cannot write ${path.join(locked, 'x.json')} (EACCES)` });
    } finally {
      chmodSync(locked, 0o700);
    }
    const missing = await writeFileAtomic(path.join(parent, 'no/such/x.json'), '{}').catch((e) => e);
    expect(missing).toMatchObject({ name: 'UsageError', message: `cannot write ${path.join(parent, 'no/such/x.json')} (ENOENT)` });
  });
});

describe('writeFolderAtomic', () => {
  const out = () => path.join(parent, 'site');

  it('writes folders 0755 and files 0644 under umask 022', async () => {
    await writeFolderAtomic(out(), new Map([['index.html', 'a'], ['entries/x.html', 'b']]));
    expect(mode(out())).toBe(0o755);
    expect(mode(path.join(out(), 'entries'))).toBe(0o755);
    expect(mode(path.join(out(), 'index.html'))).toBe(0o644);
    expect(mode(path.join(out(), 'entries/x.html'))).toBe(0o644);
  });

  it('follows a stricter umask', async () => {
    process.umask(0o077);
    await writeFolderAtomic(out(), new Map([['index.html', 'a']]));
    expect(mode(out())).toBe(0o700);
    expect(mode(path.join(out(), 'index.html'))).toBe(0o600);
  });

  it('replaces the folder as a whole: files that are not in the new set are gone', async () => {
    await writeFolderAtomic(out(), new Map([['a.html', 'old'], ['b.html', 'old']]));
    await writeFolderAtomic(out(), new Map([['a.html', 'new']]));
    expect(snapshot(out())).toEqual({ 'a.html': 'new' });
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it.each([
    ['the first rename (the old folder aside)', 1],
    ['the second rename (the new folder in)', 2],
  ])('leaves the previous folder in place when %s fails', async (_name, nth) => {
    await writeFolderAtomic(out(), new Map([['index.html', 'old'], ['entries/a.html', 'old a']]));
    const spy = failRename(nth);
    await expect(writeFolderAtomic(out(), new Map([['index.html', 'new']]))).rejects.toThrow(/EIO/);
    expect(spy).toHaveBeenCalledTimes(nth === 1 ? 1 : 3); // the second failure is followed by the rollback rename
    expect(snapshot(out())).toEqual({ 'entries/a.html': 'old a', 'index.html': 'old' });
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it('leaves the previous folder when writing a file fails, and no temporary', async () => {
    await writeFolderAtomic(out(), new Map([['index.html', 'old']]));
    // 'x' is written as a file, so the folder 'x/' for the next file cannot be made.
    await expect(writeFolderAtomic(out(), new Map([['index.html', 'new'], ['x', 'file'], ['x/y.html', 'fails']]))).rejects.toThrow();
    expect(snapshot(out())).toEqual({ 'index.html': 'old' });
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it('refuses a path that leaves the folder', async () => {
    await expect(writeFolderAtomic(out(), new Map([['../escape.html', 'x']]))).rejects.toThrow(/outside/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removes temporaries an interrupted run left behind', async () => {
    mkdirSync(path.join(parent, crashed('site', 'a')));
    mkdirSync(path.join(parent, crashed('site', 'b', '-old')));
    mkdirSync(path.join(parent, 'site'));
    await writeFolderAtomic(out(), new Map([['index.html', 'new']]));
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it('puts the previous folder back after a crash between the two renames', async () => {
    // What kill -9 between the renames leaves: no folder, the old one aside, the new one unfinished.
    mkdirSync(path.join(parent, crashed('site', 'a', '-old')));
    writeFileSync(path.join(parent, crashed('site', 'a', '-old'), 'index.html'), 'previous');
    mkdirSync(path.join(parent, crashed('site', 'b')));
    await removeStaleTemporaries(out());
    expect(readdirSync(parent)).toEqual(['site']);
    expect(snapshot(out())).toEqual({ 'index.html': 'previous' });
  });

  it('names every temporary after its target', () => {
    expect(temporaryPrefix('/x/dist/1.2.0')).toBe('.1.2.0.tmp-');
    // What a write leaves while it runs: its own PID, then 12 hex digits.
    expect(crashed('1.2.0', 'f')).toMatch(/^\.1\.2\.0\.tmp-\d+-f{12}$/);
    expect(temporaryPrefix('/x/pubmed-lock.json')).toBe('.pubmed-lock.json.tmp-');
  });
});
