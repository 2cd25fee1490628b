/** `reflib fmt [--check] [paths…]`: rewrite entry files in the canonical layout, or check that they are. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { formatEntryText } from '../../layout/layoutEntryText';
import { listEntryFiles } from '../../load/readLibrary';
import { writeFileAtomic } from '../../core/writeAtomic';

export interface FmtOptions {
  cwd: string;
  root?: string;
  /** Files to format; default every entry file under the root. */
  paths?: string[];
  /** Only report the files that would change. */
  check?: boolean;
}

export interface FmtResult {
  /** 0: nothing to change (or all written); 1: --check found files to change, or a file does not parse. */
  exitCode: 0 | 1;
  output: string;
  changed: string[];
  failed: { file: string; error: string }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Formats (or checks) entry files. Never rewrites a file that does not parse; writes atomically. */
export async function fmt(options: FmtOptions): Promise<FmtResult> {
  const root = resolveRoot(options);
  const files = options.paths?.length
    ? options.paths.map((p) => path.resolve(options.cwd, p))
    : (await listEntryFiles(root)).map((rel) => path.join(root, rel));
  const changed: string[] = [];
  const failed: FmtResult['failed'] = [];
  for (const file of files) {
    const shown = path.relative(options.cwd, file) || file;
    if (!/\.ya?ml$/i.test(file)) throw new UsageError(`${shown} is not a YAML entry file`, 'fmt formats .yaml and .yml entry files only.');
    const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${shown} (${err.code ?? 'error'})`);
    });
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      // Rewriting would replace the bad bytes for good: leave the file to validate's encoding error.
      failed.push({ file: shown, error: 'not valid UTF-8' });
      continue;
    }
    const result = formatEntryText(text);
    if (!result.ok) {
      failed.push({ file: shown, error: result.error });
      continue;
    }
    if (result.text === text) continue;
    changed.push(shown);
    if (!options.check) await writeFileAtomic(file, result.text);
  }
  const lines: string[] = [];
  for (const f of failed) lines.push(`${f.file}: not formatted, it ${f.error === 'not valid UTF-8' ? 'is not valid UTF-8' : `does not parse (${f.error})`}; run reflib validate`);
  if (options.check) {
    for (const f of changed) lines.push(`${f}: not formatted`);
    lines.push(changed.length ? `${changed.length} of ${files.length} files would be reformatted: run reflib fmt` : `All ${files.length} files are formatted.`);
  } else {
    for (const f of changed) lines.push(`formatted ${f}`);
    lines.push(`${changed.length} of ${files.length} files reformatted.`);
  }
  const exitCode = failed.length || (options.check && changed.length) ? 1 : 0;
  return { exitCode, output: lines.join('\n') + '\n', changed, failed };
}
