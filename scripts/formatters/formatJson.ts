import type { Formatter } from '../pipeline/runResult';

/** The machine-readable contract: `{diagnostics, summary}`, documented in the README. */
export const formatJson: Formatter = (result) =>
  JSON.stringify({ diagnostics: result.diagnostics, summary: result.summary }, null, 2) + '\n';
