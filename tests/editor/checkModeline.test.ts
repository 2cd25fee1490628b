/**
 * The modeline hint: rule `modeline`, LSP severity Hint, on line 0, with the
 * line to write in data.modeline and whether one is there to replace.
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { checkModeline, expectedModeline } from '../../scripts/editor/checkModeline';
import { KINDS } from '../../scripts/core/loadSchemas';

const line = (schema: string) => `# yaml-language-server: $schema=${schema}`;
const TOPIC_LINE = line('../../schemas/topic.schema.json');

describe('expectedModeline', () => {
  it.each([
    ['entries/topics/x.yaml', 'topic', '../../schemas/topic.schema.json'],
    ['entries/x.yaml', 'misconception', '../schemas/misconception.schema.json'],
    ['entries/a/b/c.yaml', 'population-caution', '../../../schemas/population-caution.schema.json'],
  ] as const)('%s (%s)', (rel, kind, schema) => {
    expect(expectedModeline(rel, kind)).toBe(line(schema));
  });
});

describe('checkModeline', () => {
  it.each([
    ['the right modeline', `${TOPIC_LINE}\nid: aaaa0001\nkind: topic\n`],
    ['the right schema by another relative path: only the file name is compared', `${line('/abs/schemas/topic.schema.json')}\nkind: topic\n`],
    ['no spaces around the name', `#yaml-language-server:$schema=../../schemas/topic.schema.json\nkind: topic\n`],
    ['CRLF line endings', `${TOPIC_LINE}\r\nid: aaaa0001\r\nkind: topic\r\n`],
    ['a byte-order mark before the modeline', `\uFEFF${TOPIC_LINE}\nid: aaaa0001\nkind: topic\n`],
    ['no kind: line, so nothing to name', 'id: aaaa0001\ntitle: x\n'],
    ['a kind reflib does not know', 'id: aaaa0001\nkind: recipe\n'],
    ['an empty file', ''],
  ])('no hint: %s', (_, text) => {
    expect(checkModeline('entries/topics/x.yaml', text)).toBeUndefined();
  });

  it('hints at a missing modeline, over the whole first line', () => {
    const expected = line('../../schemas/topic.schema.json');
    expect(checkModeline('entries/topics/x.yaml', 'id: aaaa0001\nkind: topic\n')).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } },
      severity: DiagnosticSeverity.Hint,
      code: 'modeline',
      source: 'reflib',
      message: `no modeline: the editor cannot tell which schema this topic follows\nAdd \`${expected}\` as the first line, for field completion and descriptions on hover.`,
      data: { rule: 'modeline', modeline: expected, replace: false },
    });
  });

  it('hints at a modeline for another kind, to be replaced', () => {
    const wrong = line('../schemas/misconception.schema.json');
    const expected = line('../schemas/interaction.schema.json');
    expect(checkModeline('entries/x.yaml', `${wrong}\r\nid: aaaa0001\r\nkind: interaction\r\n`)).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: wrong.length } },
      severity: DiagnosticSeverity.Hint,
      code: 'modeline',
      source: 'reflib',
      message: `the modeline names misconception.schema.json, but this entry is an interaction\nWrite \`${expected}\` on the first line, so the editor completes the fields of an interaction.`,
      data: { rule: 'modeline', modeline: expected, replace: true },
    });
  });

  it.each([
    ['a one-line text without a newline', 'kind: topic', 11],
    ['an empty first line', '\nkind: topic\n', 0],
    ['a comment that is not a modeline', '# a note\nkind: topic\n', 8],
  ])('hints on line 0 for %s', (_, text, end) => {
    const hint = checkModeline('entries/topics/x.yaml', text)!;
    expect(hint.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: end } });
    expect(hint.data).toEqual({ rule: 'modeline', modeline: TOPIC_LINE, replace: false });
  });

  it.each(KINDS)('names the schema of a %s', (kind) => {
    expect(checkModeline('entries/k/x.yaml', `kind: ${kind}\n`)?.data).toMatchObject({ modeline: line(`../../schemas/${kind}.schema.json`) });
  });
});
