import type { Diagnostic } from '../core/diagnostic';

/** Counts for the JSON contract's `summary`. */
export interface Summary {
  files: number;
  entries: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings silenced by reflib-disable-next-line comments. */
  suppressed: number;
}

/** What a formatter receives: the diagnostics, counts, and source text for code frames. */
export interface RunResult {
  diagnostics: Diagnostic[];
  summary: Summary;
  /** File text by root-relative path, for code frames. */
  sources: ReadonlyMap<string, string>;
}

export interface FormatOptions {
  /** Use ANSI colours (text only). */
  color?: boolean;
}

export type Formatter = (result: RunResult, options: FormatOptions) => string;
