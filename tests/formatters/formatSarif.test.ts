/**
 * reflib's SARIF as its readers see it: the SARIF 2.1.0 JSON Schema with
 * every format checked, and Microsoft's SARIF Multitool applying GitHub's
 * ingestion rules and SARIF's own, on the real library and on libraries
 * that draw a finding from every rule.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants as fsConstants, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic';
import { formatSarif } from '../../scripts/formatters/formatSarif';
import { RULE_DOCS } from '../../scripts/pipeline/ruleDocs.generated';
import { RULES } from '../../scripts/pipeline/rules';
import { MAX_DESCRIPTION, RULE_DOCS_FILE, ruleDoc, ruleDocsText } from '../../tools/generate/generateRuleDocs';
import { articleEntry, lockOf, record } from '../support/citations';
import { entry, makeLibrary, REPO, runCli } from '../support/fixtures';
import { d, result } from '../support/formatterFixtures';

// ---------------------------------------------------------------------------
// The JSON Schema, formats included.

const schema = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
/** The SARIF 2.1.0 schema with `uri`, `uri-reference` and `date-time` checked, rather than ignored with a warning on the console. */
function sarifValidator() {
  // strictSchema: a format the schema uses that ajv does not know throws, rather than printing a warning and passing.
  // The rest of strict mode stays off: the official schema trips strictRequired.
  const ajv = new Ajv4({ strict: false, strictSchema: true, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validateSarif = sarifValidator();
const schemaErrors = (log: unknown) => (validateSarif(log) ? [] : validateSarif.errors!.map((e) => `${e.instancePath} ${e.message}`));


describe('formatSarif', () => {
  const withRelated: Diagnostic = { ...d, related: [{ file: 'entries/b.yaml', line: 1, column: 5, endLine: 1, endColumn: 13, message: 'also here' }] };
  const log = JSON.parse(formatSarif(result([withRelated, { ...d, severity: 'info', rule: 'orphan', hint: undefined }]), {}));

  it('validates against the SARIF 2.1.0 schema, formats included', () => {
    expect(schemaErrors(log)).toEqual([]);
  });

  it('rejects broken logs, so the check above can fail', () => {
    expect(schemaErrors({ version: '2.1.0', runs: [{ results: [] }] })).not.toEqual([]);
    // A path with a space is not a URI: only a validator that checks formats sees it.
    const raw = structuredClone(log);
    raw.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'entries/a, b.yaml';
    expect(schemaErrors(raw)).toEqual([expect.stringMatching(/artifactLocation\/uri must match format "uri-reference"/)]);
  });

  it('gives each result its rule, level and place, with paths as URIs relative to the library root', () => {
    const run = log.runs[0];
    expect(run.results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['schema', 'error', 2],
      ['orphan', 'note', 2],
    ]);
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('schema');
    expect(run.tool.driver.rules[run.results[1].ruleIndex].id).toBe('orphan');
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'entries/a%2C%20b.yaml', uriBaseId: 'SRCROOT' });
    expect(run.results[0].relatedLocations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'entries/b.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 13 } });
    expect(run.results[0].message.text).toBe('unknown field "sumary". Did you mean "summary"?');
  });

  it('names the tool with its version, and describes every rule from its page in docs/rules', () => {
    const driver = log.runs[0].tool.driver;
    const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    expect(driver).toMatchObject({ name: 'reflib', version, semanticVersion: version });
    expect(driver.rules.map((r: any) => r.id)).toEqual(RULES.map((r) => r.id));
    const orphan = driver.rules.find((r: any) => r.id === 'orphan');
    expect(orphan.fullDescription.text).toBe(readFileSync(path.join(REPO, 'docs/rules/orphan.md'), 'utf8').split('\n\n')[2].replace(/\n/g, ' '));
    expect(orphan.help.markdown).toContain('**Fix:** link it from the topic it belongs to');
    expect(orphan.help.text).toContain('\nFix: link it from the topic it belongs to');
  });
});

// ---------------------------------------------------------------------------
// The rule documentation the log carries, generated from docs/rules/.

describe('ruleDocs.generated.ts', () => {
  it('is current: run `npm run generate` after changing docs/rules/', () => {
    expect(readFileSync(RULE_DOCS_FILE, 'utf8') === ruleDocsText(), 'scripts/pipeline/ruleDocs.generated.ts is stale: run npm run generate').toBe(true);
  });

  it.each(RULES.map((r) => [r.id]))('describes %s in whole sentences, short enough for GitHub', (id) => {
    const { description, help } = RULE_DOCS[id];
    expect(description.text).toMatch(/^\S.{20,}[.)"]$/s);
    expect(description.markdown.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(help.markdown).toMatch(/^Default severity: /);
    // Relative links to other docs pages cannot be followed from a SARIF viewer.
    expect(help.markdown).not.toMatch(/\]\((?!https?:)/);
  });

  it.each([
    ['a first paragraph', '# r\n\nDefault severity: error\n\nOne thing. Another\nthing.\n\nMore.\n', 'One thing. Another thing.'],
    ['a paragraph introducing a list: its last sentence goes', '# r\n\nDefault severity: error\n\nA **bad** thing. It comes in kinds:\n\n- one\n', 'A bad thing.'],
    ['a single sentence introducing a table: it ends with a period', '# r\n\nDefault severity: error\n\nLimits, as [listed](../x.md):\n\n| a |\n', 'Limits, as listed.'],
  ])('takes the description from %s', (_name, page, text) => {
    expect(ruleDoc('r', page).description.text).toBe(text);
  });

  it.each([
    ['no heading', 'Default severity: error\n\nA thing.\n'],
    ['no severity line', '# r\n\nA thing.\n'],
    ['a list where the description belongs', '# r\n\nDefault severity: error\n\n- a thing.\n'],
    ['a description too long for GitHub', `# r\n\nDefault severity: error\n\n${'word '.repeat(250)}end.\n`],
  ])('refuses a page with %s', (_name, page) => {
    expect(() => ruleDoc('r', page)).toThrow();
  });
});

// ---------------------------------------------------------------------------
// Libraries that draw a finding from every rule, through the real CLI.

const temps: string[] = [];
const lib = (files: Record<string, string | Buffer>) => {
  const root = makeLibrary(files);
  temps.push(root);
  return root;
};
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const at = (id: string, text: string) => text.replace(/^id: \S+$/m, `id: ${id}`);
const article = (id: string, pmid: string, o: Parameters<typeof articleEntry>[0] = {}) => at(id, articleEntry({ pmid, ...o }));
const declared = 'status: declared\nsponsors: [Sanofi]\nstatement: The review was funded in part by Sanofi.\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n';

/**
 * Every entry here parses, so every check runs (orphan, for one, says
 * nothing while any file is unreadable). Each file is named for the rule it
 * is there to trigger; most trigger others too (every published misconception
 * nothing links to is an orphan).
 */
function checkedLibrary(): string {
  const root = lib({
    'reflib.config.yaml': 'rules:\n  orphn: off\n',
    'entries/topic.yaml': entry('topic', 'a0000001', 'misconceptions: [a0000002]\n'),
    // What other entries here link to.
    'entries/linked.yaml': entry('misconception', 'a0000002'),
    'entries/orphan.yaml': entry('misconception', 'a000000b'),
    'entries/schema.yaml': entry('misconception', 'a0000003', 'sumary: A typo.\n'),
    'entries/suppression.yaml': `# reflib-disable-next-line orphan\n${entry('misconception', 'a0000004')}`,
    'entries/unused-suppression.yaml': entry('misconception', 'a0000005').replace('title:', '# reflib-disable-next-line self-link -- it links to itself on purpose\ntitle:'),
    'entries/placeholder.yaml': entry('misconception', 'a0000006').replace(/^summary: .*$/m, 'summary: "<fill in: one or two sentences for lists and search>"'),
    'entries/duplicate-id-1.yaml': entry('misconception', 'a0000007'),
    'entries/duplicate-id-2.yaml': entry('misconception', 'a0000007'),
    'entries/id-reuse-old.yaml': entry('topic', 'a0000008', 'replaced_by: a0000001\n', 'retired'),
    'entries/id-reuse-new.yaml': entry('misconception', 'a0000008'),
    'entries/cite-key.yaml': entry('misconception', 'a0000009').replace('cite: [ods]', 'cite: [ods, nope]'),
    'entries/unused-reference.yaml': `${entry('misconception', 'a000000a')}  - key: spare\n    type: web\n    title: A page no statement cites\n    url: https://example.org/spare\n    accessed: 2026-11-23\n`,
    'entries/pmid-format.yaml': article('b0000001', 'PMC7761127'),
    'entries/pmid-unverified.yaml': article('b0000002', '11111111'),
    'entries/pmid-not-in-lock.yaml': article('b000000a', '12121212'),
    'entries/pmid-unchecked.yaml': article('b000000b', '13131313'),
    'entries/pmid-not-found.yaml': article('b0000003', '22222222'),
    'entries/pmid-mismatch.yaml': article('b0000004', '33333333', { year: '2019' }),
    'entries/pmid-retracted.yaml': article('b0000005', '44444444'),
    'entries/pmid-erratum.yaml': article('b0000006', '55555555'),
    'entries/coi-missing.yaml': article('b0000007', '66666666', { coi: '' }),
    'entries/coi-unsurfaced.yaml': article('b0000008', '77777777', { coi: declared }),
    'entries/coi-mismatch.yaml': article('b0000009', '88888888', { coi: 'status: none-declared\nsources: [{url: "https://example.org/coi", accessed: 2026-12-06}]\n' }),
    'entries/broken-link.yaml': entry('topic', 'c0000001', 'related: [deadbeef]\n'),
    'entries/link-kind.yaml': entry('topic', 'c0000002', 'cautions: [a0000002]\n'),
    'entries/unpublished-link-target.yaml': entry('misconception', 'c0000003', '', 'draft'),
    'entries/unpublished-link.yaml': entry('topic', 'c0000004', 'misconceptions: [c0000003]\n'),
    'entries/retired-link-target.yaml': entry('misconception', 'c0000005', 'replaced_by: a0000002\n', 'retired'),
    'entries/retired-link.yaml': entry('topic', 'c0000006', 'related: [c0000005]\n'),
    'entries/retired-replacement.yaml': entry('topic', 'c0000007', '', 'retired'),
    'entries/replacement-cycle-1.yaml': entry('topic', 'c0000008', 'replaced_by: c0000009\n', 'retired'),
    'entries/replacement-cycle-2.yaml': entry('topic', 'c0000009', 'replaced_by: c0000008\n', 'retired'),
    'entries/self-link.yaml': entry('topic', 'c000000a', 'related: [c000000a]\n'),
    'entries/duplicate-link.yaml': entry('topic', 'c000000b', 'related: [a0000002, a0000002]\n'),
    'entries/uncited-figure.yaml': entry('topic', 'c000000c', 'sections:\n  - heading: Dose\n    body: Take 30 mg a day.\n'),
  });
  const found = (pmid: string, o: Parameters<typeof record>[0] = {}) => record({ ...o, pmid });
  const lock = lockOf(
    // In the lock, but entered by hand: unverified.
    found('11111111', { source: { type: 'hand-entered', checkedBy: 'An editor', checkedAgainst: 'https://pubmed.ncbi.nlm.nih.gov/11111111/', checked: '2026-11-20', seenOnPubmed: true } }),
    // Only corroborated, and cited by a published entry: pmid-unchecked.
    found('13131313', { source: { type: 'corroborated', seenIn: 'a review', recorded: '2026-11-20', by: 'An editor' } }),
    found('22222222', { status: 'not-found', title: undefined, authors: undefined, journal: undefined, year: undefined }),
    found('33333333'),
    found('44444444', { retractions: [{ pmid: '39999999' }] }),
    found('55555555', { errata: [{ pmid: '29634047' }] }),
    found('66666666'),
    found('77777777'),
    found('88888888', { coiStatement: 'G.P. received consultancy fees from Sanofi.' }),
  );
  writeFileSync(path.join(root, 'pubmed-lock.json'), JSON.stringify(lock, null, 2) + '\n');
  return root;
}

/** Files reflib cannot read as entries, and a lock it cannot trust (which would silence the lock-based checks above). */
function unreadableLibrary(): string {
  const root = lib({
    // Cites a PMID the lock has a record for; with the lock ignored, it is not in the lock (pmid-not-in-lock).
    'entries/cited.yaml': at('d0000002', articleEntry()),
    'entries/encoding.yaml': Buffer.concat([Buffer.from('id: d0000003\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'entries/yaml-syntax.yaml': 'id: d0000004\nid: d0000005\n',
    'entries/yaml-profile.yaml': entry('misconception', 'd0000006').replace('claim: More is better.', 'claim: &c More is better.\nclaim_again: *c'),
    'entries/limit.yaml': entry('misconception', 'd0000007').replace(/^summary: .*$/m, `summary: ${'x'.repeat(40_000)}`),
    'secret.yaml': 'not: an entry\n',
    // A record keyed by another PMID than its own: the whole lock is ignored.
    'pubmed-lock.json': JSON.stringify({ lockVersion: 1, records: { '33260549': record({ pmid: '33260548' }) } }, null, 2),
  });
  symlinkSync(path.join(root, 'secret.yaml'), path.join(root, 'entries/not-a-file.yaml'));
  return root;
}

const sarifOf = (root: string) => {
  const r = runCli(['validate', '--format', 'sarif', '--no-cache'], root);
  if (r.code !== 0 && r.code !== 1) throw new Error(`reflib validate exited ${r.code}: ${r.stderr}`);
  return r.stdout;
};
/** Each result of a log as `rule file`. */
const findingsIn = (sarif: string): string[] => JSON.parse(sarif).runs[0].results.map((r: any) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}`);

// ---------------------------------------------------------------------------
// Microsoft's SARIF Multitool.

/** The Multitool binary for this platform, from node_modules (no network, no .NET install). */
const MULTITOOL: string = require('@microsoft/sarif-multitool');
// The package's postinstall makes the binary executable; npm 11 warns that such scripts are "not yet covered
// by allowScripts" and may one day skip them (as `npm ci --ignore-scripts` does): do what the script does.
try {
  accessSync(MULTITOOL, fsConstants.X_OK);
} catch {
  chmodSync(MULTITOOL, statSync(MULTITOOL).mode | 0o100);
}
const MULTITOOL_VERSION = '5.7.0';
/** GitHub's ingestion rules, and SARIF's own. */
const RULE_KINDS = 'Gh;Sarif';

interface MultitoolResult {
  ruleId: string;
  level?: string;
  message: { id?: string; text?: string; arguments?: string[] };
}

/**
 * Runs `Sarif.Multitool validate` on `sarif` and returns its results, read
 * from the SARIF log it writes (its exit code is 0 whatever it finds). The
 * binary is spawned directly: the npm wrapper goes through a shell, which
 * would split `Gh;Sarif` at the semicolon.
 */
function multitool(sarif: string): MultitoolResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'reflib-sarif-'));
  temps.push(dir);
  const input = path.join(dir, 'reflib.sarif');
  const output = path.join(dir, 'validation.sarif');
  writeFileSync(input, sarif);
  const r = spawnSync(MULTITOOL, ['validate', input, '--rule-kind', RULE_KINDS, '--output', output, '--log', 'ForceOverwrite', '--quiet'], {
    encoding: 'utf8',
    timeout: 240_000,
    // .NET without ICU: the same on a machine that lacks libicu.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  // EACCES: the binary is made executable by the package's postinstall script, which `npm ci --ignore-scripts` skips.
  if (r.error) throw new Error(`the Multitool at ${MULTITOOL} did not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`the Multitool exited ${r.status}:\n${r.stdout}${r.stderr}`);
  const run = JSON.parse(readFileSync(output, 'utf8')).runs[0];
  // A rule that crashed, or a configuration problem, would otherwise pass as "no results".
  const invocation = run.invocations[0];
  expect(invocation.executionSuccessful, JSON.stringify(invocation)).toBe(true);
  expect([...(invocation.toolExecutionNotifications ?? []), ...(invocation.toolConfigurationNotifications ?? [])]).toEqual([]);
  // A result without a level has its rule's default level, and SARIF's default is warning.
  const rules: { defaultConfiguration?: { level?: string } }[] = run.tool.driver.rules ?? [];
  return run.results.map((x: MultitoolResult & { ruleIndex?: number }) => ({ ...x, level: x.level ?? rules[x.ruleIndex ?? -1]?.defaultConfiguration?.level ?? 'warning' }));
}

/** What a result says, for a readable failure: rule, level and the message's arguments (its location first). */
const describeResult = (x: MultitoolResult) => `${x.ruleId} ${x.level}: ${x.message.text ?? `${x.message.id} ${(x.message.arguments ?? []).join(' | ')}`}`;

/**
 * The warnings that remain, by rule, place and message id: each because
 * reflib has no truthful value to give (docs/ci.md, "SARIF (GitHub code
 * scanning)").
 * - SARIF2005 on the driver, no `informationUri` (the Multitool's id has the
 *   typo): reflib has no public home page or repository URL; package.json
 *   names none, and an invented one would send readers nowhere.
 */
const EXPECTED_WARNINGS = ['SARIF2005 runs[0].tool.driver Warning_ProvideToolnformationUri'];
const key = (x: MultitoolResult) => `${x.ruleId} ${x.message.arguments?.[0] ?? ''} ${x.message.id ?? x.message.text}`;

describe('the SARIF Multitool, with GitHub’s and SARIF’s rules', () => {
  let logs: { name: string; root: string; sarif: string }[];
  beforeAll(() => {
    logs = [
      { name: 'the real library', root: REPO },
      { name: 'a library with a finding from every check', root: checkedLibrary() },
      { name: 'a library with files reflib cannot read', root: unreadableLibrary() },
    ].map((l) => ({ ...l, sarif: sarifOf(l.root) }));
  }, 120_000);

  it('is the pinned version, run from node_modules', () => {
    const r = spawnSync(MULTITOOL, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    // It prints its version on stderr.
    expect(`${r.stdout}${r.stderr}`).toContain(`SARIF Multitool ${MULTITOOL_VERSION}+`);
    expect(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).devDependencies['@microsoft/sarif-multitool']).toBe(MULTITOOL_VERSION);
  }, 60_000);

  it('gets a finding from every rule, between the two fixture libraries, in the file made for it', () => {
    const seen = new Set([...findingsIn(logs[1].sarif), ...findingsIn(logs[2].sarif)]);
    const home = (id: string) => ({ config: 'reflib.config.yaml', 'pubmed-lock': 'pubmed-lock.json' })[id] ?? `entries/${id}`;
    expect(RULES.map((r) => r.id).filter((id) => ![...seen].some((f) => f.startsWith(`${id} ${home(id)}`)))).toEqual([]);
  });

  it('names no absolute path, so the same library gives the same log anywhere', () => {
    for (const { root, sarif } of logs) expect(sarif).not.toContain(root);
  });

  it.each(['the real library', 'a library with a finding from every check', 'a library with files reflib cannot read'])('reports no errors, and only the known warnings, for %s', (name) => {
    const { sarif } = logs.find((l) => l.name === name)!;
    expect(schemaErrors(JSON.parse(sarif)), name).toEqual([]);
    const found = multitool(sarif);
    expect(found.filter((x) => x.level === 'error').map(describeResult), name).toEqual([]);
    expect(found.filter((x) => x.level === 'warning').map(key).sort(), `${name}:\n${found.map(describeResult).join('\n')}`).toEqual(EXPECTED_WARNINGS);
  }, 300_000);

  it('finds the errors GitHub would reject, so the checks above can fail', () => {
    const log = JSON.parse(formatSarif(result([d]), {}));
    delete log.runs[0].tool.driver.rules[0].fullDescription;
    log.runs[0].results[0].locations = [];
    const found = multitool(JSON.stringify(log));
    expect(found.filter((x) => x.level === 'error').map(key)).toEqual(
      expect.arrayContaining(['GH2012 runs[0].tool.driver.rules[0] Error_MissingFullDescription', 'GH1015 runs[0].results[0] Error_EmptyLocationsArray']),
    );
  }, 300_000);
});
