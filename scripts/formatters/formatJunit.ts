/**
 * JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure
 * Pipelines, test-reporter actions).
 *
 * The shape, and why:
 *   - one <testsuite> per file checked, named by its path, so every file
 *     shows and its failures are counted together;
 *   - a file without errors is one passing
 *     <testcase classname="reflib" name="<file>">;
 *   - each error finding is its own failing
 *     <testcase classname="<rule id>" name="<file>:<line>:<column> <message>">
 *     holding one <failure type="error" message="<message>">. One case per
 *     error rather than one case per file with several failures: the Ant
 *     schema most tools follow allows one <failure> per case and Jenkins
 *     keeps only one, GitLab keys a case by classname + name and shows the
 *     classname as its group. So dashboards group by rule, the name says
 *     where, and `failures` is the number of errors;
 *   - warnings and infos fail nothing: they are listed in the suite's
 *     <system-out>, one `file:line:column severity rule: message` a line;
 *   - each case also carries `file` (the root-relative path), which GitLab
 *     and several reporters read, and the others ignore.
 */
import type { Diagnostic } from '../core/diagnostic';
import type { Formatter } from '../pipeline/runResult';
import { compareStrings } from '../core/countWords';

/** The classname of the passing case of a file with no errors. */
export const CLEAN_CLASSNAME = 'reflib';

/** XML 1.0 text: escaped, without the characters it cannot carry even escaped (most controls, lone surrogates, U+FFFE/U+FFFF). */
const xmlText = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** An attribute value: as text, plus quotes, and line breaks and tabs as references so parsers keep them. */
const xmlAttr = (s: string) =>
  xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/** A case name is one line. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const byPosition = (a: Diagnostic, b: Diagnostic) => a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message);

/** The name of an error's test case: where it is and what it says. */
const caseName = (d: Diagnostic) => oneLine(`${d.file}:${d.line}:${d.column} ${d.message}`);

function failingCase(d: Diagnostic): string {
  const details = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}${d.hint ? `\n${d.hint}` : ''}`;
  return (
    `    <testcase classname="${xmlAttr(d.rule)}" name="${xmlAttr(caseName(d))}" file="${xmlAttr(d.file)}">\n` +
    `      <failure type="${d.severity}" message="${xmlAttr(d.message)}">${xmlText(details)}</failure>\n` +
    `    </testcase>`
  );
}

/** Every file checked, even those with no findings, so the report lists them all. */
export const formatJunit: Formatter = (result) => {
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of result.sources.keys()) byFile.set(file, []);
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of [...byFile.keys()].sort(compareStrings)) {
    const list = byFile.get(file)!.sort(byPosition);
    const errors = list.filter((d) => d.severity === 'error');
    const others = list.filter((d) => d.severity !== 'error');
    const cases = errors.length ? errors.map(failingCase) : [`    <testcase classname="${CLEAN_CLASSNAME}" name="${xmlAttr(file)}" file="${xmlAttr(file)}"/>`];
    const out = others.length
      ? [`    <system-out>${xmlText(others.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${oneLine(d.message)}`).join('\n'))}</system-out>`]
      : [];
    tests += cases.length;
    failures += errors.length;
    suites.push(`  <testsuite name="${xmlAttr(file)}" tests="${cases.length}" failures="${errors.length}" errors="0">\n${[...cases, ...out].join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="reflib" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
};
