/** At most MAX_FINDINGS_PER_RULE findings of one rule per file, then one that counts the rest. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/core/diagnostic';
import { MAX_FINDINGS_PER_RULE } from '../../scripts/core/limits';
import { capFindings } from '../../scripts/pipeline/capFindings';

const finding = (file: string, rule: string, line: number): Finding => ({ file, rule, line, column: 1, endLine: line, endColumn: 2, message: `m${line}` });

describe('capFindings', () => {
  it('keeps groups at or under the cap as they are', () => {
    const list = Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => finding('a.yaml', 'schema', i + 1));
    expect(capFindings(list)).toEqual(list);
  });

  it('cuts each file and rule to the first ones by position, and counts the rest', () => {
    const many = Array.from({ length: 1000 }, (_, i) => finding('a.yaml', 'broken-link', 1000 - i));
    const other = [finding('a.yaml', 'schema', 5), finding('b.yaml', 'broken-link', 3)];
    const out = capFindings([...many, ...other]);
    const capped = out.filter((f) => f.file === 'a.yaml' && f.rule === 'broken-link');
    expect(capped).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
    expect(capped.slice(0, MAX_FINDINGS_PER_RULE).map((f) => f.line)).toEqual(Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => i + 1));
    expect(capped[MAX_FINDINGS_PER_RULE]).toMatchObject({ line: MAX_FINDINGS_PER_RULE + 1, message: `and ${1000 - MAX_FINDINGS_PER_RULE} more broken-link findings in this file, from here on`, data: { more: 1000 - MAX_FINDINGS_PER_RULE } });
    expect(out).toEqual(expect.arrayContaining(other));
  });
});
