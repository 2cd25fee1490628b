/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
import { RULES } from '../pipeline/rules';
import type { Formatter } from '../pipeline/runResult';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

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
            rules: RULES.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              // The rule pages live in the repository; its public URL is not fixed, so name the path.
              help: { text: `See docs/rules/${r.id}.md in the reflib repository.` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        // Paths are relative to the library root, which SARIF calls the source root.
        originalUriBaseIds: { SRCROOT: { description: { text: 'The library root.' } } },
        results: result.diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIndex.get(d.rule),
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file, uriBaseId: 'SRCROOT' },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
            },
          ],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: r.file, uriBaseId: 'SRCROOT' }, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
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
