/**
 * `reflib lsp` in a real editor: Neovim (0.7 or later, tools/ensure-neovim.sh
 * installs Debian's) runs headless with tests/editor/neovim.lua, which loads
 * the Lua snippet from docs/editors.md as it stands, opens entries of a copy
 * of the real library, and records what the editor then has: the diagnostics
 * Neovim shows, and the answers to hover, go-to-definition and completion
 * requests made where a writer's cursor would be.
 *
 * The copy is set up like a library that installed reflib: its
 * node_modules/.bin/reflib runs this checkout's scripts/bin.js, and the
 * snippet finds it there. It gets two plants: a link to an ID no entry has (a
 * broken link) in the caution on kidney disease, and a retired caution, which
 * link completion must not offer. What completion should offer is worked out
 * here from the copied entries and the schemas' `x-links-to`.
 *
 * Every wait is bounded (in the Lua script and here), and the Neovim process
 * group is killed whatever happens.
 */
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, runCli } from '../support/fixtures';

const SCRIPT = path.join(__dirname, 'neovim.lua');
const DOCS = path.join(REPO, 'docs/editors.md');
/** The bound of each wait inside Neovim, and of the whole Neovim run here. */
const WAIT_MS = 20_000;
const RUN_MS = 90_000;

const CAUTION_FILE = 'entries/cautions/kidney-disease.yaml';
const TOPIC_FILE = 'entries/topics/magnesium-and-hrv.yaml';
const RETIRED_FILE = 'entries/cautions/athletes-2025.yaml';
const BROKEN_ID = '0badc0de';
const RETIRED_ID = 'c0ffee01';

/** The Neovim the test drives: REFLIB_NVIM, Debian's /usr/bin/nvim, or nvim on the PATH (as tools/ensure-neovim.sh looks). */
function nvimPath(env: NodeJS.ProcessEnv = process.env): string {
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'nvim'));
  const found = [env.REFLIB_NVIM, '/usr/bin/nvim', ...onPath].find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
  if (!found) throw new Error('no Neovim: run tools/ensure-neovim.sh (as root it installs Debian\'s neovim), or set REFLIB_NVIM to an nvim executable (0.7 or later).');
  return found;
}

interface Entry {
  id: string;
  kind: string;
  status: string;
  title: string;
  file: string;
}

interface ShownDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source?: string;
  code?: string | number;
  message: string;
}

interface CompletionItem {
  label: string;
  detail?: string;
  labelDetails?: { detail?: string; description?: string };
  documentation?: string;
  insertText?: string;
  newText?: string;
}

interface Probe {
  name: string;
  line_text?: string;
  error?: string;
  items?: CompletionItem[] | Record<string, never>;
  hover?: string;
  locations?: { uri: string; line?: number }[] | Record<string, never>;
}

interface NeovimResult {
  nvim: string;
  filetype: string;
  root_dir: string;
  cmd: string[];
  log_path?: string;
  errors: string[] | Record<string, never>;
  capabilities: { completion: boolean; hover: boolean; definition: boolean };
  diagnostics_in_time: boolean;
  diagnostics: ShownDiagnostic[] | Record<string, never>;
  probes: Probe[] | Record<string, never>;
  server_exited: boolean;
}

/** Lua's JSON encoder writes an empty list as `{}`. */
const list = <T>(x: T[] | Record<string, never> | undefined): T[] => (Array.isArray(x) ? x : []);

/** Every entry of a library: ID, kind, status, title and file. */
function readEntries(root: string): Entry[] {
  const entries: Entry[] = [];
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(d.name)) {
        const data = parse(readFileSync(full, 'utf8')) as Omit<Entry, 'file'>;
        entries.push({ id: data.id, kind: data.kind, status: data.status, title: data.title, file: path.relative(root, full) });
      }
    }
  };
  walk(path.join(root, 'entries'));
  return entries;
}

/** The kinds a link field accepts, from the kind's schema: `x-links-to`. */
function linksTo(kind: string, field: string): string[] {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas', `${kind}.schema.json`), 'utf8')) as { properties: Record<string, { 'x-links-to'?: string[] }> };
  const kinds = schema.properties[field]?.['x-links-to'];
  if (!kinds) throw new Error(`${kind}.schema.json: ${field} has no x-links-to`);
  return kinds;
}

/** The Neovim set-up health writers are told to paste into init.lua: docs/editors.md's first Lua block. */
function docsSnippet(): string {
  const block = /```lua\n(-- reflib lsp for YAML files under entries\/[\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'));
  if (!block) throw new Error('docs/editors.md has no Lua block starting "-- reflib lsp for YAML files under entries/"');
  return block[1];
}

/** The 0-based index of the one line starting with `prefix`. */
function lineIndex(text: string, prefix: string): number {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(prefix));
  if (at < 0 || lines.findIndex((l, i) => i > at && l.startsWith(prefix)) >= 0) throw new Error(`expected one line starting with ${prefix}`);
  return at;
}

/** Runs Neovim with the script and config; resolves with its output, killing it (and the server) when it overruns. */
function runNeovim(cwd: string, configFile: string, home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(nvimPath(), ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${SCRIPT}`], {
    cwd,
    // Its own process group, so that a kill reaches the language server it started too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      REFLIB_NVIM_CONFIG: configFile,
      // Neovim's own files (the LSP log) go to the scratch folder, not the real home.
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      NO_COLOR: '1',
    },
  });
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`Neovim did not finish within ${RUN_MS} ms; killed it.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, RUN_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      killGroup();
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // Neovim is gone; make sure nothing it started outlives it.
      killGroup();
      resolve({ code, stdout, stderr });
    });
  });
}

let root = '';
let library = '';
let entries: Entry[] = [];
let result: NeovimResult;
let cautionText = '';
let relatedLine = -1;
let cautionsLine = -1;

const probe = (name: string): Probe => {
  const found = list(result.probes).find((p) => p.name === name);
  expect(found, `probe ${name} ran`).toBeDefined();
  expect(found!.error, `probe ${name} got an answer`).toBeUndefined();
  return found!;
};
const byId = (id: string): Entry => entries.find((e) => e.id === id)!;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'reflib-nvim-'));
  library = path.join(root, 'library');
  const home = path.join(root, 'home');
  mkdirSync(library);
  mkdirSync(home);
  cpSync(path.join(REPO, 'entries'), path.join(library, 'entries'), { recursive: true });
  for (const file of ['pubmed-lock.json', 'reflib.config.yaml']) {
    if (existsSync(path.join(REPO, file))) cpSync(path.join(REPO, file), path.join(library, file));
  }
  // As `npm install` leaves it in a library: node_modules/.bin/reflib (here: this checkout's, on this Node).
  const shim = path.join(library, 'node_modules/.bin/reflib');
  mkdirSync(path.dirname(shim), { recursive: true });
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`);
  chmodSync(shim, 0o755);
  const setupFile = path.join(root, 'init.lua');
  writeFileSync(setupFile, docsSnippet());

  // Plant a broken link at the end of the caution's related list.
  const cautionPath = path.join(library, CAUTION_FILE);
  cautionText = readFileSync(cautionPath, 'utf8');
  relatedLine = lineIndex(cautionText, 'related: [');
  const lines = cautionText.split('\n');
  lines[relatedLine] = lines[relatedLine].replace(/\]$/, `, ${BROKEN_ID}]`);
  cautionText = lines.join('\n');
  writeFileSync(cautionPath, cautionText);

  // Plant a retired caution (replaced by the current one), a kind every tested field accepts.
  const athletes = readFileSync(path.join(library, 'entries/cautions/athletes.yaml'), 'utf8');
  const athletesId = (parse(athletes) as { id: string }).id;
  const retired = athletes
    .replace(/^id: .*$/m, `id: ${RETIRED_ID}`)
    .replace(/^title: (.*)$/m, 'title: $1 (2025 edition)')
    .replace(/^status: .*$/m, `status: retired\nreplaced_by: ${athletesId}`);
  writeFileSync(path.join(library, RETIRED_FILE), retired);

  entries = readEntries(library);
  expect(entries.map((e) => e.id)).not.toContain(BROKEN_ID);
  expect(byId(RETIRED_ID).status).toBe('retired');

  const topicText = readFileSync(path.join(library, TOPIC_FILE), 'utf8');
  cautionsLine = lineIndex(topicText, 'cautions: [');
  // The cursor on the related list's first ID, e.g. `related: [03|3c7bbb, …`.
  const onFirstId = 'related: ['.length + 2;

  const config = {
    setup_file: setupFile,
    root: library,
    out: path.join(root, 'out.json'),
    timeout_ms: WAIT_MS,
    open: CAUTION_FILE,
    wait_for_code: 'broken-link',
    probes: [
      // Hover, then go to definition, on the first ID of the related list.
      { name: 'hover', method: 'hover', file: CAUTION_FILE, line: relatedLine, character: onFirstId },
      { name: 'definition', method: 'definition', file: CAUTION_FILE, line: relatedLine, character: onFirstId },
      // In a topic, `cautions` takes population cautions only. The editor has
      // closed the bracket (as VS Code does), so the topic still parses.
      { name: 'cautions', method: 'completion', file: TOPIC_FILE, line: cautionsLine, character: 'cautions: ['.length, replace_line: 'cautions: []' },
      // A writer types `related: [` (no closing bracket yet) and asks for completion.
      // Last: until the bracket is closed the caution does not parse, and the
      // server then leaves it out of the library others complete from.
      { name: 'related', method: 'completion', file: CAUTION_FILE, line: relatedLine, character: 'related: ['.length, replace_line: 'related: [' },
    ],
  };
  const configFile = path.join(root, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));

  const run = await runNeovim(library, configFile, home);
  const outFile = path.join(root, 'out.json');
  if (!existsSync(outFile)) throw new Error(`Neovim wrote no results (exit ${run.code}).\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  result = JSON.parse(readFileSync(outFile, 'utf8')) as NeovimResult;
  if (list(result.errors).length > 0 || run.code !== 0) {
    // Neovim logs what the server wrote to stderr.
    const log = result.log_path && existsSync(result.log_path) ? readFileSync(result.log_path, 'utf8').slice(-4000) : '(no LSP log)';
    throw new Error(`the Neovim script failed (exit ${run.code}): ${list(result.errors).join('\n')}\nstderr: ${run.stderr}\nNeovim's LSP log:\n${log}`);
  }
}, RUN_MS + 10_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('reflib lsp in Neovim (headless, set up as docs/editors.md says)', () => {
  it('starts the library\'s reflib for a yaml file under entries/ and stops it cleanly when Neovim quits', () => {
    expect(result.filetype).toBe('yaml');
    expect(result.root_dir, 'the library root, from the entry\'s path').toBe(library);
    expect(result.cmd).toEqual([path.join(library, 'node_modules/.bin/reflib'), 'lsp', '--root', library]);
    expect(result.capabilities).toEqual({ completion: true, hover: true, definition: true });
    expect(result.server_exited).toBe(true);
  });

  it('shows the planted broken link as a "broken-link" error on its line, over the ID', () => {
    expect(result.diagnostics_in_time, 'a broken-link diagnostic showed within the wait').toBe(true);
    const broken = list(result.diagnostics).filter((d) => d.code === 'broken-link');
    expect(broken).toHaveLength(1);
    const [d] = broken;
    const column = cautionText.split('\n')[relatedLine].indexOf(BROKEN_ID);
    expect(d).toMatchObject({ lnum: relatedLine, end_lnum: relatedLine, source: 'reflib', severity: 1 });
    expect(d.col).toBeLessThanOrEqual(column);
    expect(d.end_col).toBeGreaterThanOrEqual(column + BROKEN_ID.length);
    expect(d.message).toContain(BROKEN_ID);
  });

  it('shows what `reflib validate` reports for the file, at the same places', () => {
    const cli = runCli(['validate', '--root', library, '--format', 'json']);
    const reported = (JSON.parse(cli.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] }).diagnostics
      .filter((d) => d.file === CAUTION_FILE)
      .map((d) => `${d.rule} ${d.line - 1}:${d.column - 1}`);
    expect(reported).toContain(`broken-link ${relatedLine}:${cautionText.split('\n')[relatedLine].indexOf(BROKEN_ID)}`);
    const shown = list(result.diagnostics).map((d) => `${d.code} ${d.lnum}:${d.col}`);
    expect(shown.sort()).toEqual(reported.sort());
  });

  it('hovers a linked ID with its entry: title, kind and status', () => {
    const target = byId(/^related: \[([0-9a-f]{8})/.exec(cautionText.split('\n')[relatedLine])![1]);
    const hover = probe('hover').hover ?? '';
    // Markdown: the title's punctuation may be escaped.
    expect(hover.replace(/\\(.)/g, '$1')).toContain(target.title);
    expect(hover).toContain(`${target.kind} · ${target.status}`);
  });

  it('goes to the definition of a linked ID: the entry file', () => {
    const target = /^related: \[([0-9a-f]{8})/.exec(cautionText.split('\n')[relatedLine])![1];
    const locations = list(probe('definition').locations);
    expect(locations.map((l) => l.uri)).toEqual([pathToFileURL(path.join(library, byId(target).file)).href]);
  });

  it('completes `related: [` with every non-retired entry of the kinds related accepts, labelled by ID', () => {
    const p = probe('related');
    expect(p.line_text).toBe('related: [');
    const accepted = linksTo('population-caution', 'related');
    const self = (parse(cautionText) as { id: string }).id;
    const expected = entries.filter((e) => accepted.includes(e.kind) && e.status !== 'retired' && e.id !== self).map((e) => e.id);
    const items = list(p.items);
    const labels = items.map((i) => i.label);
    expect(labels.sort()).toEqual(expected.sort());
    expect(labels).not.toContain(RETIRED_ID);
    // What the menu shows beside each ID: the title and kind · status (Neovim shows `detail`; VS Code, labelDetails).
    for (const item of items) {
      const target = byId(item.label);
      expect(item.labelDetails?.description).toBe(`${target.kind} · ${target.status}`);
      expect(item.detail).toContain(target.title);
      expect(item.detail).toContain(`${target.kind} · ${target.status}`);
      expect(item.documentation).toContain(target.title);
      // Accepting the item writes the ID.
      expect(item.newText ?? item.insertText ?? item.label).toBe(item.label);
    }
  });

  it('completes `cautions: [` in a topic with population cautions only, not the retired one', () => {
    const p = probe('cautions');
    expect(p.line_text).toBe('cautions: []');
    const accepted = linksTo('topic', 'cautions');
    expect(accepted).toEqual(['population-caution']);
    const expected = entries.filter((e) => accepted.includes(e.kind) && e.status !== 'retired').map((e) => e.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(list(p.items).map((i) => i.label).sort()).toEqual(expected.sort());
  });
});
