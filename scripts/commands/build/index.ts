/**
 * `reflib build`: validate, then compile the published entries into a
 * versioned release under dist/. Refuses on any error, leaving dist/ as it
 * was; writes atomically; never rewrites a released version with other content.
 * With `sign`, also writes dist/latest.signed.json (signBuild.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { assembleRelease, type Release } from '../../release/assembleRelease';
import { readReleases } from '../../bundle/readReleases';
import type { Latest } from '../../bundle/manifest';
import { sourceInfo } from '../../release/sourceInfo';
import { createReleaseValidator } from '../../release/validateRelease';
import { writeRelease } from '../../release/writeRelease';
import { recoverInterruptedWrites } from '../../core/writeAtomic';
import { lockFolder } from '../../core/lockFolder';
import { checkLibrary } from '../../pipeline/checkLibrary';
import { severitiesFor } from '../../pipeline/rules';
import { compileLibrary, type CompiledLibrary } from '../../release/compileLibrary';
import { UsageError } from '../../core/usageError';
import { resolveRoot, resolveDist } from '../../core/resolveRoot';
import { formatText } from '../../formatters/formatText';
import type { RunResult } from '../../pipeline/runResult';
import { gzipSizes } from './gzipSizes';
import { prepareSigning, readPreviousSigned, refuseUnsignedNewRelease, writeSignedLatest, type Signing } from './signBuild';

export interface BuildOptions {
  cwd: string;
  root?: string;
  /** Where releases go; default <root>/dist. */
  outDir?: string;
  strict?: boolean;
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Use the content cache under the root (default true). */
  cache?: boolean;
  /** Also write dist/latest.signed.json, signed with the keys from `keyFile` or else REFLIB_SIGNING_KEY (in `env`). */
  sign?: boolean;
  /** `--key`: a file (outside the repository) of one or more PEM Ed25519 private keys. Only with `sign`. */
  keyFile?: string;
  /** `--expires-in`: days until the signature expires, 1 to 366 (default 30). Only with `sign`. */
  expiresInDays?: number;
  /** The clock for the signature's issue time (default: the wall clock). */
  now?: () => Date;
}

export interface BuildResult {
  exitCode: 0 | 1;
  output: string;
  result: RunResult;
  release?: Release;
}

const kb = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`);

function sizeTable(files: ReadonlyMap<string, Uint8Array>, gzipped: ReadonlyMap<string, number>): string {
  const rows = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((rel) => [rel, kb(files.get(rel)!.length), kb(gzipped.get(rel)!)]);
  const w = rows.reduce((m, r) => Math.max(m, r[0].length), 0);
  return rows.map(([rel, raw, gz]) => `  ${rel.padEnd(w)}  ${raw.padStart(9)}  ${gz.padStart(9)} gzip`).join('\n');
}

/**
 * latest.json names the release apps are told to fetch. If that release's
 * folder is gone, building would issue the version again with other bytes
 * (a new creation time), which apps that cached it would reject: refuse and
 * say how to recover instead.
 */
async function refuseMissingLatest(dist: string, releases: readonly { version: string }[]): Promise<void> {
  const text = await readIfExists(path.join(dist, 'latest.json'));
  if (text === undefined) return;
  let version: unknown;
  try {
    version = (JSON.parse(text) as { version?: unknown }).version;
  } catch {
    throw new UsageError(`${path.join(dist, 'latest.json')} is not valid JSON`, 'Restore dist/ from git (git checkout -- dist) and build again.');
  }
  if (typeof version === 'string' && !releases.some((r) => r.version === version)) {
    throw new UsageError(
      `dist/latest.json names release ${version}, but ${path.join(dist, version, 'manifest.json')} is missing`,
      `A published release never changes, so it is not rebuilt from scratch. Restore it from git (git checkout -- ${path.relative(process.cwd(), dist) || 'dist'}), then build again; the build regenerates its files byte for byte from the committed manifest.`,
    );
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

/** Builds the library under `root` into `outDir`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const dist = resolveDist(options, options.outDir);
  // Keys and signing options first: a bad key must stop the build before it reads or writes anything.
  const signing = await prepareSigning({ ...options, root: resolveRoot(options) });
  // One build at a time: two at once could publish one version with different bytes.
  const unlock = await lockFolder(dist, 'build');
  try {
    return await buildLocked(options, dist, signing);
  } finally {
    await unlock();
  }
}

/**
 * Checks the library and, when it has no errors, compiles it. The checked
 * library (every file's parsed YAML, the link index) is dropped on return:
 * the rest of the build needs only the compiled entries and the findings.
 */
async function checkAndCompile(root: string, options: BuildOptions): Promise<{ result: RunResult; compiled?: CompiledLibrary }> {
  const checked = await checkLibrary(root, severitiesFor(options.strict), undefined, { contentCache: options.cache !== false });
  if (checked.result.summary.errors > 0) return { result: checked.result };
  return { result: checked.result, compiled: compileLibrary(checked) };
}

/** The newest `updated` date of the compiled entries. */
function newestUpdate(compiled: CompiledLibrary): string {
  let newest = '1970-01-01';
  for (const e of compiled.entries) if (e.updated > newest) newest = e.updated;
  return newest;
}

async function buildLocked(options: BuildOptions, dist: string, signing: Signing | undefined): Promise<BuildResult> {
  const root = resolveRoot(options);
  // A crash between a release swap's two renames sets the previous release aside: put it back before
  // anything reads dist/, or the build would see no release there and issue it again with new bytes.
  await recoverInterruptedWrites(dist);
  // The previous signing's counter, before anything is written: one that cannot be read stops the build.
  const previousSigned = signing && (await readPreviousSigned(dist));
  const { result, compiled } = await checkAndCompile(root, options);
  if (!compiled) {
    const output = formatText(result, { color: options.color }) + `Build refused: fix the errors above. ${path.relative(options.cwd, dist) || dist} was left unchanged.\n`;
    return { exitCode: 1, output, result };
  }
  const releases = await readReleases(dist);
  await refuseMissingLatest(dist, releases);
  const previous = releases[releases.length - 1];
  const prior = previous && {
    manifest: previous,
    changelogJson: await readIfExists(path.join(dist, previous.version, 'changelog.json')),
    changelogMd: await readIfExists(path.join(dist, previous.version, 'CHANGELOG.md')),
  };
  const entryCount = compiled.entries.length;
  const redirectCount = Object.keys(compiled.redirects).length;
  // Each file is checked against the bundle schema as the object it is serialised from, before anything is written.
  const validator = createReleaseValidator();
  const release = assembleRelease(compiled, prior, sourceInfo(root, newestUpdate(compiled), options.env), { check: validator.check });
  if (validator.problems.length) throw new Error(`the build produced files that do not match schemas/bundle.schema.json: ${validator.problems.slice(0, 3).join('; ')}`);
  // A released version never changes: an unchanged rebuild must reproduce it byte for byte.
  if (release.bump === 'none') {
    const committed = await fs.readFile(path.join(dist, release.version, 'manifest.json')).catch(() => undefined);
    if (committed !== undefined && !committed.equals(release.files.get('manifest.json')!)) {
      throw new UsageError(`release ${release.version} exists with different content, and released versions never change`, 'Restore dist/ from git, or check what changed in the build since that release.');
    }
  }
  if (!signing) await refuseUnsignedNewRelease(dist, release.version, release.bump !== 'none');
  // The gzip sizes are worked out on the thread pool while the files are written.
  const gzipped = gzipSizes(release.files);
  gzipped.catch(() => undefined);
  await writeRelease(dist, release.version, release.files, release.latest);
  // Last, after latest.json: a crash in between leaves signed apps on the previous release until the next build --sign.
  const signedLine = signing ? await writeSignedLatest(dist, JSON.parse(release.latest) as Latest, previousSigned!, signing) : '';
  const table = sizeTable(release.files, await gzipped);
  const verb = release.bump === 'none' ? `Rebuilt release ${release.version} (no content changes)` : `Built release ${release.version} (${release.bump === 'major' && !previous ? 'first release' : `${release.bump} release after ${previous?.version}`})`;
  const warnings = result.summary.warnings ? ` ${result.summary.warnings} warnings: run reflib validate to see them.` : '';
  const removed = release.changelog.removed;
  const dropped = release.droppedRedirects.length
    ? `BREAKING: ${release.droppedRedirects.length} redirect${release.droppedRedirects.length === 1 ? '' : 's'} of earlier releases now lead nowhere: ${release.droppedRedirects.join(', ')}. Their replacements were deleted; retire them with replaced_by instead.\n`
    : '';
  const breaking = removed.length
    ? `BREAKING: ${removed.length} published ${removed.length === 1 ? 'entry was' : 'entries were'} deleted without a redirect: ${removed.map((e) => `${e.id} (${e.title})`).join(', ')}. Apps linking to them now get 404s; restore the files with status: retired and replaced_by to keep the links working.\n`
    : '';
  const output = `${dropped}${breaking}${verb}: ${entryCount} entries, ${redirectCount} redirects.${warnings}\n${path.relative(options.cwd, path.join(dist, release.version)) || '.'}/\n${table}\n${signedLine}`;
  return { exitCode: 0, output, result, release };
}
