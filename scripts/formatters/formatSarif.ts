/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. What the log
 * holds, and which of the SARIF Multitool's warnings remain and why, is in
 * docs/ci.md ("SARIF (GitHub code scanning)").
 */
import type { Span } from '../core/diagnostic';
import { RULE_DOCS } from '../pipeline/ruleDocs.generated';
import { RULES } from '../pipeline/rules';
import type { Formatter } from '../pipeline/runResult';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

// Outside scripts/, so required rather than imported (as in cli.ts); the same path from lib/.
const VERSION = (require('../../package.json') as { version: string }).version;

/** A root-relative path as a relative URI reference: each segment percent-encoded (a space, a comma, a colon…). */
const uri = (file: string) => file.split('/').map(encodeURIComponent).join('/');

const region = (s: Span) => ({ startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn });

/** One run, with every rule described and one result per diagnostic. */
export const formatSarif: Formatter = (result) => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'reflib',
            // No informationUri and no helpUri: reflib has no public home page to point at (see docs/ci.md).
            version: VERSION,
            semanticVersion: VERSION,
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              // Both from docs/rules/<id>.md, through the generated module.
              fullDescription: RULE_DOCS[r.id].description,
              help: RULE_DOCS[r.id].help,
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        // Paths are relative to the library root, which SARIF calls the source root.
        originalUriBaseIds: { SRCROOT: { description: { text: 'The library root.' } } },
        // Columns count UTF-16 code units, as JavaScript strings (and editors using LSP) do.
        columnKind: 'utf16CodeUnits',
        results: result.diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIndex.get(d.rule),
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: uri(d.file), uriBaseId: 'SRCROOT' }, region: region(d) } }],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: 'SRCROOT' }, region: region(r) },
                })),
              }
            : {}),
          ...(d.entry ? { properties: { entry: d.entry } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
