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

/** Headless, sandbox off (containers), and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A published or draft misconception whose title, summary, claim, inline
 * link label and web source title all hold `markup`: what a page must show
 * as text and never run.
 */
export function plantedEntry(markup: string, status: 'published' | 'draft', where: string): string {
  return `id: abcdef12
kind: misconception
title: "${markup} Planted"
status: ${status}
updated: 2026-11-23
summary: "A planted entry whose summary holds ${markup} as text."
claim: "${where} ${markup} runs in the page."
verdict: incorrect
correction: >-
  It shows as text. See [[033c7bbb|the stress topic ${markup}]].
corrects: 033c7bbb
cite: [ods]
references:
  - key: ods
    type: web
    title: "Fact sheet ${markup}"
    url: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
    accessed: 2026-11-23
`;
}
