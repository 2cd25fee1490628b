/**
 * The Chromium the browser tests drive: REFLIB_CHROMIUM if set, else Debian's
 * /usr/bin/chromium (tools/ensure-chromium.sh installs it), else the Chrome
 * that GitHub's Ubuntu runners carry. One list, kept in step with
 * tools/ensure-chromium.sh.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'];

/** The browser's executable; throws with what to install when there is none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const found = [env.REFLIB_CHROMIUM, ...CANDIDATES].find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
  if (!found) throw new Error(`no Chromium: install Debian's chromium package (npm test does, as root), or set REFLIB_CHROMIUM to a Chromium or Chrome executable. Looked for ${CANDIDATES.join(', ')}.`);
  return found;
}
