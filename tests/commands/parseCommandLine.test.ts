/** The command line is read against the command table; nothing a command does not take is ignored. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../scripts/commands';
import { parseCommandLine } from '../../scripts/commands/parseCommandLine';
import { renderCommandHelp, renderHelp, usageLine } from '../../scripts/commands/renderHelp';
import { UsageError } from '../../scripts/core/usageError';

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);
const failure = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return `${(err as UsageError).message} | ${(err as UsageError).hint}`;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
  it.each([
    [['validate'], 'validate', {}, []],
    [['validate', '--root', 'lib', '--format', 'json', '--strict'], 'validate', { root: 'lib', format: 'json', strict: true }, []],
    [['--root', 'lib', 'validate'], 'validate', { root: 'lib' }, []],
    [['fmt', 'a.yaml', 'b.yaml', '--check'], 'fmt', { check: true }, ['a.yaml', 'b.yaml']],
    [['new', 'topic', '--title', 'Magnesium'], 'new', { title: 'Magnesium' }, ['topic']],
    [['pubmed', 'sync', '--email', 'a@b.org', '--all'], 'pubmed sync', { email: 'a@b.org', all: true }, []],
    [['pubmed', 'status', '--max-age', '30'], 'pubmed status', { 'max-age': '30' }, []],
    [['serve', '--port', '0', '--host', '0.0.0.0'], 'serve', { port: '0', host: '0.0.0.0' }, []],
    [['links', '3ca17b72', '--no-color'], 'links', { 'no-color': true }, ['3ca17b72']],
    [['fmt', '--', '--odd.yaml'], 'fmt', {}, ['--odd.yaml']],
  ])('%j runs %s', (argv, name, values, operands) => {
    const line = parse(...argv);
    expect(line.action).toBe('run');
    if (line.action !== 'run') return;
    expect(line.command.name).toBe(name);
    expect(Object.fromEntries(Object.entries(line.args.values).filter(([, v]) => v !== undefined))).toEqual(values);
    expect(line.args.positionals).toEqual(operands);
  });

  it.each([
    [['validate', '--port', '9'], 'validate does not take --port | --port is an option of serve. Run reflib validate --help for its options.'],
    [['validate', '--title', 'x'], 'validate does not take --title | --title is an option of new. Run reflib validate --help for its options.'],
    [['build', '--format', 'json'], 'build does not take --format | --format is an option of validate, diff, links, graph, pubmed status. Run reflib build --help for its options.'],
    [['report', '--strict'], 'report does not take --strict | --strict is an option of validate, build, lsp. Run reflib report --help for its options.'],
    [['validate', '--frmat', 'json'], 'validate has no option --frmat | Did you mean --format? Run reflib validate --help for its options.'],
    [['validate', '--zzz'], 'validate has no option --zzz | Run reflib validate --help for its options.'],
    [['validate', '-x'], 'validate has no option -x | Run reflib validate --help for its options.'],
    [['validate', '--root'], "Option '--root <value>' argument missing (validate) | Run reflib validate --help for its options."],
    [['build', '--sign', '--expires-in', '-1'], "--expires-in's value starts with a dash (build) | Write --expires-in=VALUE to give a value that starts with \"-\". Run reflib build --help for its options."],
    [['validate', '--strict=yes'], "Option '--strict' does not take an argument (validate) | Run reflib validate --help for its options."],
    [['links', 'a', 'b'], 'unexpected argument "b" for links | Run reflib links --help for its usage.'],
    [['build', 'now'], 'unexpected argument "now" for build | Run reflib build --help for its usage.'],
    [['valdate'], 'unknown command "valdate" | Did you mean "validate"? Run reflib --help for the commands.'],
    [['pubmed'], 'unknown pubmed command "" | Use reflib pubmed sync or reflib pubmed import or reflib pubmed status.'],
    [['pubmed', 'fetch'], 'unknown pubmed command "fetch" | Use reflib pubmed sync or reflib pubmed import or reflib pubmed status.'],
    [['--bogus'], 'unknown option --bogus | Run reflib --help for the commands and their options.'],
    [['-r', '.', 'validate'], 'unknown option -r | Run reflib --help for the commands and their options.'],
    [['--help', '--port', '9'], '--port needs a command | It is an option of serve: e.g. reflib serve --port ….'],
    [['--version', '--frmat'], 'unknown option --frmat | Did you mean --format? Run reflib --help for the commands and their options.'],
    [['validate', '--format=json', '--format', 'text'], '--format is given twice (validate) | Give each option once.'],
    [['validate', '--root='], '--root needs a value (validate) | Run reflib validate --help for its options.'],
    [['pubmed', 'status', '--max-age', ' '], '--max-age needs a value (pubmed status) | Run reflib pubmed status --help for its options.'],
  ])('%j is a usage error', (argv, expected) => {
    expect(failure(...argv)).toBe(expected);
  });

  it('answers --help and --version, for the CLI and for a command', () => {
    expect(parse('--help')).toEqual({ action: 'help' });
    expect(parse('-v')).toEqual({ action: 'version' });
    expect(parse()).toEqual({ action: 'help', missing: true });
    expect(parse('pubmed', '--help')).toEqual({ action: 'help' });
    const help = parse('serve', '--help');
    expect(help.action === 'help' && help.command?.name).toBe('serve');
  });
});

describe('the command table', () => {
  it('gives every option one type across commands, so a shared name means one thing', () => {
    const types = new Map<string, Set<string>>();
    for (const c of COMMANDS) for (const o of c.options) types.set(o.name, (types.get(o.name) ?? new Set()).add(o.type));
    expect([...types].filter(([, t]) => t.size > 1)).toEqual([]);
  });

  it('names each command once', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('builds the help from the table: every command and every option appears', () => {
    const help = renderHelp(COMMANDS);
    for (const c of COMMANDS) {
      expect(help).toContain(`  ${usageLine(c)}\n`);
      const own = renderCommandHelp(c);
      for (const o of c.options) expect(own).toMatch(new RegExp(`\\n  --${o.name}\\b.*${o.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect(usageLine(COMMANDS.find((c) => c.name === 'new')!)).toBe('reflib new <kind> [--root DIR] --title TEXT');
  });
});
