/** The pre-commit hook blocks a commit that adds a broken entry, and lets a clean one through. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entry, makeLibrary, REPO } from '../support/fixtures';

function repoWithHook(): string {
  const root = makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa') });
  // The hook runs the real reflib from this checkout.
  mkdirSync(path.join(root, 'scripts'));
  cpSync(path.join(REPO, 'scripts'), path.join(root, 'scripts'), { recursive: true });
  cpSync(path.join(REPO, 'tools/git-hooks'), path.join(root, 'tools/git-hooks'), { recursive: true });
  cpSync(path.join(REPO, 'schemas'), path.join(root, 'schemas'), { recursive: true });
  cpSync(path.join(REPO, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(REPO, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
  execFileSync('ln', ['-s', path.join(REPO, 'node_modules'), path.join(root, 'node_modules')]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 't@example.org');
  git('config', 'user.name', 'T');
  execFileSync('npm', ['run', '-s', 'hooks'], { cwd: root, stdio: 'pipe' });
  return root;
}

describe('pre-commit hook', () => {
  it('is installed by npm run hooks and blocks a broken entry', () => {
    const root = repoWithHook();
    expect(execFileSync('git', ['config', 'core.hooksPath'], { cwd: root, encoding: 'utf8' }).trim()).toBe('tools/git-hooks');
    execFileSync('git', ['add', '-A'], { cwd: root });
    expect(spawnSync('git', ['commit', '-qm', 'clean'], { cwd: root }).status).toBe(0);
    writeFileSync(path.join(root, 'entries/t.yaml'), entry('topic', 'aaaaaaaa').replace('summary:', 'sumary:'));
    execFileSync('git', ['add', '-A'], { cwd: root });
    const r = spawnSync('git', ['commit', '-qm', 'broken'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    // Git shows a hook's output on stderr.
    expect(r.stdout + r.stderr).toContain('unknown field "sumary"');
  });
});
