/** `reflib validate`: check the library and report every problem. */
import { checkLibraryResult } from '../../pipeline/checkLibrary';
import { severitiesFor } from '../../pipeline/severitiesFor';
import { UsageError } from '../../core/usageError';
import { resolveRoot } from '../../core/resolveRoot';
import { FORMATTERS } from '../../formatters';
import type { RunResult } from '../../pipeline/runResult';

export interface ValidateOptions {
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** The library root (the folder holding entries/); defaults to `cwd`. */
  root?: string;
  /** `text` (default), `json` or `github`. */
  format?: string;
  /** Colour the text format. */
  color?: boolean;
  /** Treat unverified PMIDs as errors (for release builds and CI on main). */
  strict?: boolean;
  /** Use the content cache under the root (default true). */
  cache?: boolean;
}

export interface ValidateResult {
  /** 0: no errors (warnings allowed); 1: errors found. Usage problems throw UsageError (exit 2). */
  exitCode: 0 | 1;
  output: string;
  result: RunResult;
}

/** Validates the library and formats the result. */
export async function validate(options: ValidateOptions): Promise<ValidateResult> {
  const format = options.format ?? 'text';
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format "${format}"`, `Use one of: ${Object.keys(FORMATTERS).join(', ')}.`);
  const root = resolveRoot(options);
  const result = await checkLibraryResult(root, severitiesFor(options.strict), { contentCache: options.cache !== false });
  return {
    exitCode: result.summary.errors > 0 ? 1 : 0,
    output: formatter(result, { color: options.color }),
    result,
  };
}
