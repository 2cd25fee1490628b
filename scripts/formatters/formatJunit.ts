/** JUnit XML, for CI systems that show test reports: one test suite per file, one failing test case per problem. */
import type { Formatter } from '../pipeline/runResult';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** Files with no problems appear as a passing case, so the output lists every file checked. */
export const formatJunit: Formatter = (result) => {
  const byFile = new Map<string, typeof result.diagnostics>();
  for (const file of [...result.sources.keys()].sort()) byFile.set(file, []);
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cases = list.length
      ? list.map((d) => {
          const text = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}${d.hint ? `\n${d.hint}` : ''}`;
          return `    <testcase classname="${escapeXml(file)}" name="${escapeXml(`${d.line}:${d.column} ${d.rule}`)}">\n      <failure type="${d.severity}" message="${escapeXml(d.message)}">${escapeXml(text)}</failure>\n    </testcase>`;
        })
      : [`    <testcase classname="${escapeXml(file)}" name="no problems"/>`];
    const fileFailures = list.length;
    tests += cases.length;
    failures += fileFailures;
    suites.push(`  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="reflib" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
};
