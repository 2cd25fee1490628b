/** The help text, built from the command table: what `reflib --help` and `reflib <command> --help` print. */
import type { CommandSpec, OptionSpec } from './command';

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly (OptionSpec & { short?: string })[] = [
  { name: 'no-color', type: 'boolean', description: 'Plain text output (also: NO_COLOR=1)' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Show help' },
  { name: 'version', short: 'v', type: 'boolean', description: 'Show the version' },
];

const globalFlag = (o: OptionSpec & { short?: string }) => (o.short ? `-${o.short}, --${o.name}` : `--${o.name}`);

const flag = (o: OptionSpec) => `--${o.name}${o.value ? ` ${o.value}` : ''}`;
const optional = (o: OptionSpec) => (o.required ? flag(o) : `[${flag(o)}]`);

/** One line: `reflib validate [--root DIR] [--format NAME] …`. */
export function usageLine(command: CommandSpec): string {
  return ['reflib', command.name, ...(command.operands ? [command.operands] : []), ...command.options.map(optional)].join(' ');
}

function table(rows: readonly [string, string][]): string[] {
  const width = rows.reduce((w, [left]) => Math.max(w, left.length), 0) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

/** The overview: every command with its summary and usage. */
export function renderHelp(commands: readonly CommandSpec[]): string {
  return [
    'Usage: reflib <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name + (c.operands ? ` ${c.operands}` : ''), c.summary])),
    '',
    'Usage of each:',
    ...commands.map((c) => `  ${usageLine(c)}`),
    '',
    'Options for every command:',
    ...table(GLOBAL_OPTIONS.map((o) => [globalFlag(o), o.description])),
    '',
    "Run reflib <command> --help for a command's options.",
    '',
  ].join('\n');
}

/** One command's help: usage, summary and every option it takes. */
export function renderCommandHelp(command: CommandSpec): string {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    '',
    'Options:',
    ...table([...command.options.map((o): [string, string] => [flag(o), o.description]), ...GLOBAL_OPTIONS.map((o): [string, string] => [globalFlag(o), o.description])]),
    '',
  ].join('\n');
}
