/**
 * Vitest global set-up: compile scripts/ into lib/ before any test runs, so
 * tests that spawn `scripts/bin.js` run the code as it is now, whichever way
 * vitest was started. tsc is incremental: with nothing changed it takes a
 * few seconds.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function compileOnce(): void {
  // For a quick run of tests that spawn nothing, while other work leaves scripts/ not compiling.
  if (process.env.REFLIB_SKIP_COMPILE === '1') return;
  const repo = path.resolve(__dirname, '../..');
  const r = spawnSync('npm', ['run', '--silent', 'compile'], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run compile failed:\n${r.stdout}${r.stderr}`);
}
