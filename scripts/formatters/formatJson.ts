import type { Formatter } from '../pipeline/runResult';

/** The machine-readable contract: `{diagnostics, summary}`, documented in the README. */
export const formatJson: Formatter = (report) =>
  JSON.stringify({ diagnostics: report.diagnostics, summary: report.summary }, null, 2) + '\n';
