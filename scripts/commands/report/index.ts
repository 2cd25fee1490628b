/**
 * `reflib report`: a static HTML site for reviewers, written to
 * <root>/dist/report by default: a dashboard (entries, citations by
 * verification status, conflicts of interest, every diagnostic, what the
 * next release would change), one page per entry as readers would see it,
 * and the link graph as SVG. No scripts, nothing loaded from the network,
 * the same bytes for the same sources. Written atomically.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readReleases } from '../../bundle/readReleases';
import { checkLibrary } from '../../pipeline/checkLibrary';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { collectReportData, type ReportData } from '../../report/collectReportData';
import { GENERATOR } from '../../report/renderPage';
import { renderReportPages } from '../../report/renderReport';
import { writeFolderAtomic } from '../../core/writeAtomic';

export interface ReportOptions {
  cwd: string;
  root?: string;
  /** Where the site goes; default <root>/dist/report. Replaced as a whole. */
  out?: string;
  /** Use the content cache under the root (default true). */
  cache?: boolean;
}

const inside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Refuses an output folder whose replacement would destroy something that is not a report. */
async function checkOutDir(outDir: string, root: string): Promise<void> {
  if (outDir === path.join(root, 'dist')) throw new UsageError(`--out ${outDir} is the releases folder`, 'The report folder is replaced as a whole: choose a folder of its own, e.g. dist/report.');
  if (inside(root, outDir)) throw new UsageError(`--out ${outDir} is the library root or a folder that holds it`, 'The report folder is replaced as a whole: choose a folder of its own, e.g. dist/report.');
  if (inside(outDir, path.join(root, 'entries'))) throw new UsageError(`--out ${outDir} is inside entries/`, 'Choose a folder outside entries/, e.g. dist/report.');
  const stat = await fs.stat(outDir).catch(() => undefined);
  if (!stat) return;
  if (!stat.isDirectory()) throw new UsageError(`--out ${outDir} is a file, not a folder`);
  const names = await fs.readdir(outDir);
  if (names.length === 0) return;
  const index = await fs.readFile(path.join(outDir, 'index.html'), 'utf8').catch(() => '');
  if (!index.includes(`<meta name="generator" content="${GENERATOR}">`)) {
    throw new UsageError(`${outDir} is not empty and holds no earlier reflib report`, 'The report folder is replaced as a whole: choose an empty or new folder.');
  }
  // An earlier report holds only what a report writes: anything else (a release, latest.json, notes) would be lost.
  const foreign = names.filter((n) => !REPORT_NAMES.has(n));
  if (foreign.length) {
    throw new UsageError(`${outDir} holds an earlier report and also ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}, which a report does not write`, 'The report folder is replaced as a whole: move those elsewhere, or choose another folder.');
  }
}

/** The top-level names a report writes; an earlier report holds nothing else. */
const REPORT_NAMES = new Set(['index.html', 'graph.html', 'entries']);

/** Rule IDs that have a page under docs/rules/ in the root. */
async function documentedRules(root: string): Promise<Set<string>> {
  const names = await fs.readdir(path.join(root, 'docs', 'rules')).catch(() => [] as string[]);
  return new Set(names.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)));
}

/**
 * What the report shows. The checked library (every file's parsed YAML and
 * the link index) is dropped on return: the pages need only what this
 * collects, and the garbage collector need not trace the rest while they are made.
 */
async function collect(root: string, outDir: string, cache: boolean): Promise<ReportData> {
  const checked = await checkLibrary(root, {}, undefined, { contentCache: cache });
  const releases = await readReleases(path.join(root, 'dist'));
  const rootHref = path.relative(outDir, root).split(path.sep).join('/') || '.';
  return collectReportData(checked, { rootHref, releases, documentedRules: await documentedRules(root) });
}

/** Writes the QA report for the library under `root`. */
export async function report(options: ReportOptions): Promise<{ output: string; outDir: string }> {
  const root = resolveRoot(options);
  const outDir = path.resolve(options.cwd, options.out ?? path.join(root, 'dist', 'report'));
  await checkOutDir(outDir, root);
  const data = await collect(root, outDir, options.cache !== false);
  // Each page is kept as UTF-8 bytes as soon as it is made: half the memory of a string holding any character beyond Latin-1.
  const files = new Map<string, Buffer>();
  renderReportPages(data, (rel, html) => {
    if (!REPORT_NAMES.has(rel.split('/')[0])) throw new Error(`the report writes ${rel}, which REPORT_NAMES does not list`);
    files.set(rel, Buffer.from(html));
  });
  await writeFolderAtomic(outDir, files);
  const rel = path.relative(options.cwd, outDir);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : outDir;
  const { errors, warnings } = data.summary;
  const output = `Wrote the QA report: ${files.size} pages, ${data.entries.length} entries, ${errors} errors, ${warnings} warnings.\nOpen ${path.join(shown, 'index.html')}\n`;
  return { output, outDir };
}
