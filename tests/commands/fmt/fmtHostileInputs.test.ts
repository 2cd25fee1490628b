/**
 * `reflib fmt` on a copy of the real library with every hostile input of
 * tests/hostile added: no stack trace, --check changes nothing, and fmt
 * rewrites only what it can format losslessly, leaving every refused file
 * byte for byte as it was.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fmt } from '../../../scripts/commands/fmt';
import { hostileCases } from '../../hostile/hostileInputs';
import { expectLossless } from '../../layout/expectLossless';
import { REPO, runCli } from '../../support/fixtures';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** The real library plus every hostile file (a case of many files adds its first ten, which share one shape). */
function hostileLibrary(): { root: string; files: Map<string, Buffer> } {
  const root = mkdtempSync(path.join(tmpdir(), 'reflib-fmt-hostile-'));
  roots.push(root);
  cpSync(path.join(REPO, 'entries'), path.join(root, 'entries'), { recursive: true });
  const files = new Map<string, Buffer>();
  for (const hostile of hostileCases()) {
    for (const [rel, content] of Object.entries(hostile.files).slice(0, 10)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
      files.set(rel, Buffer.from(content));
    }
  }
  return { root, files };
}

const bytesOf = (root: string, rel: string) => readFileSync(path.join(root, rel));

describe('reflib fmt on hostile input', () => {
  it('fmt --check names each file it cannot format, changes nothing and prints no stack trace', () => {
    const { root, files } = hostileLibrary();
    const r = runCli(['fmt', '--check'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\n\s+at /);
    for (const [rel, bytes] of files) expect(bytesOf(root, rel).equals(bytes), rel).toBe(true);
  }, 180_000); // generous: the hostile suite holds files of 100,000+ items; a hang still fails

  it('fmt rewrites only what it formats losslessly, and leaves every refused file as it was', async () => {
    const { root, files } = hostileLibrary();
    const inodes = new Map([...files.keys()].map((rel) => [rel, statSync(path.join(root, rel)).ino]));
    const r = runCli(['fmt'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const refused = new Set([...r.stdout.matchAll(/^(\S+): (?:not formatted|left as it is), /gm)].map((m) => m[1]));
    const formatted = new Set([...r.stdout.matchAll(/^formatted (\S+)$/gm)].map((m) => m[1]));
    for (const [rel, bytes] of files) {
      if (formatted.has(rel)) {
        expect(refused.has(rel), rel).toBe(false);
        expect(bytesOf(root, rel).toString('utf8'), rel).toBe(expectLossless(bytes.toString('utf8')));
      } else {
        expect(bytesOf(root, rel).equals(bytes), rel).toBe(true);
        expect(statSync(path.join(root, rel)).ino, rel).toBe(inodes.get(rel));
      }
    }
    // Each class of refusal was met: encoding, YAML errors, size, no data.
    const why = (rel: string) => r.stdout.split('\n').find((l) => l.startsWith(`${rel}: `));
    expect(why('entries/hostile/latin-1-bytes.yaml')).toContain('it is not valid UTF-8');
    expect(why('entries/hostile/two-documents-in-one-file.yaml')).toContain('it does not parse');
    expect(why('entries/hostile/a-file-over-the-size-limit.yaml')).toContain('it is over the size limit of 1 MiB');
    expect(why('entries/hostile/an-empty-file.yaml')).toContain('left as it is, it is empty');
    expect(why('entries/hostile/a-comment-only-file.yaml')).toContain('left as it is, it holds only comments, no data');
    // Nothing is left to format; the real entries were never touched.
    expect((await fmt({ cwd: root, check: true })).changed).toEqual([]);
  }, 180_000); // generous: the hostile suite holds files of 100,000+ items; a hang still fails
});
