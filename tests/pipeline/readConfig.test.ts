import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../scripts/pipeline/readConfig';
import { checkLibrary } from '../../scripts/pipeline/checkLibrary';
import { STRICT_SEVERITIES } from '../../scripts/pipeline/severitiesFor';
import { entry, makeLibrary } from '../support/fixtures';

const RULES = ['orphan', 'retired-link', 'pmid-unverified'];

describe('parseConfig', () => {
  it('reads levels, accepting warn and warning', () => {
    expect(parseConfig('rules:\n  orphan: off\n  retired-link: error\n  pmid-unverified: warn\n', RULES)).toMatchObject({
      config: { rules: { orphan: 'off', 'retired-link': 'error', 'pmid-unverified': 'warning' } },
      findings: [],
    });
  });

  it.each([
    ['an unknown rule, at the key, with a suggestion', 'rules:\n  orphn: off\n', 2, 3, /unknown rule "orphn"/, /Did you mean "orphan"/],
    ['an unknown level, at the value', 'rules:\n  orphan: silent\n', 2, 11, /"silent" is not a level/, /error, warn or off/],
    ['a level named like an object method', 'rules:\n  orphan: constructor\n', 2, 11, /"constructor" is not a level/, /error, warn or off/],
    ['a level named toString', 'rules:\n  orphan: toString\n', 2, 11, /"toString" is not a level/, /error, warn or off/],
    ['an unknown setting', 'rule:\n  orphan: off\n', 1, 1, /unknown setting "rule"/, /rules:/],
    ['rules that are not a mapping', 'rules: [orphan]\n', 1, 8, /must be a mapping/, /orphan: off/],
    ['broken YAML', 'rules:\n  orphan: off\n  orphan: error\n', 3, 3, /DUPLICATE_KEY/, /.+/],
  ])('reports %s as config', (_, text, line, column, message, hint) => {
    const { findings } = parseConfig(text, RULES);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'reflib.config.yaml', rule: 'config', line, column });
    expect(findings[0].message).toMatch(message);
    expect(findings[0].hint).toMatch(hint);
  });
});

describe('severities from the config file', () => {
  const orphanLibrary = (config?: string) =>
    makeLibrary({ 'entries/t.yaml': entry('topic', 'aaaaaaaa'), 'entries/m.yaml': entry('misconception', 'bbbbbbbb'), ...(config ? { 'reflib.config.yaml': config } : {}) });

  it.each([
    ['the default (info)', undefined, [['orphan', 'info']]],
    ['off', 'rules:\n  orphan: off\n', []],
    ['raised to error', 'rules:\n  orphan: error\n', [['orphan', 'error']]],
  ])('%s', async (_, config, expected) => {
    const { result } = await checkLibrary(orphanLibrary(config));
    expect(result.diagnostics.map((d) => [d.rule, d.severity])).toEqual(expected);
  });

  it('lets --strict win over the config file', async () => {
    const root = makeLibrary({
      'entries/m.yaml': entry('misconception', 'bbbbbbbb').replace('references:\n', 'references:\n  - key: p\n    type: article\n    pmid: 12345678\n    first_author: Doe J\n    year: 2000\n    title: A paper\n    journal: J Test\n    coi: {status: not-checked}\n').replace('cite: [ods]', 'cite: [ods, p]'),
      'reflib.config.yaml': 'rules:\n  pmid-not-in-lock: off\n  orphan: off\n',
    });
    expect((await checkLibrary(root)).result.diagnostics).toEqual([]);
    expect((await checkLibrary(root, STRICT_SEVERITIES)).result.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['pmid-not-in-lock', 'error']]);
  });
});
