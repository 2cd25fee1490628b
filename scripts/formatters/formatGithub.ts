import type { Formatter } from '../pipeline/runResult';

// Workflow commands: data escapes %, CR and LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions annotations, one `::error file=…,line=…::message` line per diagnostic. */
export const formatGithub: Formatter = (result) =>
  result.diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`reflib ${d.rule}`)}`,
      ].join(',');
      const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${LEVEL[d.severity]} ${props}::${escapeData(message)}\n`;
    })
    .join('');
