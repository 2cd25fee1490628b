/**
 * Reads the command line against the command table: which command, its
 * options and operands. An option the command does not declare, a missing
 * value or an extra operand is a UsageError that names the option and the
 * command; nothing is silently ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../core/suggest';
import { UsageError } from '../core/usageError';
import type { CommandArgs, CommandSpec, OptionSpec } from './command';
import { GLOBAL_OPTIONS } from './renderHelp';

export type CommandLine =
  /** `missing`: no command was given, which prints the overview and exits 2. */
  | { action: 'help'; command?: CommandSpec; missing?: boolean }
  | { action: 'version' }
  | { action: 'run'; command: CommandSpec; args: CommandArgs };

type Options = NonNullable<ParseArgsConfig['options']>;

function toParseOptions(specs: readonly OptionSpec[]): Options {
  const out: Options = {};
  for (const s of specs) out[s.name] = { type: s.type };
  for (const g of GLOBAL_OPTIONS) out[g.name] = { type: 'boolean', short: g.short };
  return out;
}

/** The positional words, read with every option any command knows (so `--root x validate` finds `validate`). */
function positionalsOf(argv: readonly string[], commands: readonly CommandSpec[]): string[] {
  const { positionals } = parseArgs({ args: [...argv], options: toParseOptions(commands.flatMap((c) => c.options)), allowPositionals: true, strict: false });
  return positionals;
}

/** Finds the command the positionals name: one word, or two for `pubmed sync`. */
function findCommand(words: readonly string[], commands: readonly CommandSpec[]): { command?: CommandSpec; used: number } {
  for (const used of [2, 1]) {
    const name = words.slice(0, used).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command && words.length >= used) return { command, used };
  }
  return { used: 0 };
}

function unknownCommand(words: readonly string[], commands: readonly CommandSpec[]): UsageError {
  const group = commands.filter((c) => c.name.startsWith(`${words[0]} `));
  if (group.length) {
    return new UsageError(`unknown ${words[0]} command "${words[1] ?? ''}"`, `Use ${group.map((c) => `reflib ${c.name}`).join(' or ')}.`);
  }
  const guess = closest(words[0], commands.map((c) => c.name.split(' ')[0]));
  return new UsageError(`unknown command "${words[0]}"`, guess ? `Did you mean "${guess}"? Run reflib --help for the commands.` : 'Run reflib --help for the commands.');
}

/** Turns a parseArgs error into one that names the command, and the commands that do take the option. */
function optionError(err: Error & { code?: string }, command: CommandSpec, commands: readonly CommandSpec[]): UsageError {
  const help = `Run reflib ${command.name} --help for its options.`;
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(err.message);
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const name = unknown[2];
    const owners = commands.filter((c) => c.options.some((o) => o.name === name)).map((c) => c.name);
    if (owners.length) return new UsageError(`${command.name} does not take ${unknown[1]}${name}`, `${unknown[1]}${name} is an option of ${owners.join(', ')}. ${help}`);
    const guess = closest(name, command.options.map((o) => o.name));
    return new UsageError(`${command.name} has no option ${unknown[1]}${name}`, guess ? `Did you mean --${guess}? ${help}` : help);
  }
  // A missing value ("Option '--root <value>' argument missing") or a value given to a switch.
  return new UsageError(`${err.message.split('\n')[0].replace(/\.$/, '')} (${command.name})`, help);
}

/** Parses `argv` (without node and the script) against `commands`. */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): CommandLine {
  const words = positionalsOf(argv, commands);
  if (words.length === 0) {
    const { values } = parseArgs({ args: [...argv], options: toParseOptions([]), allowPositionals: true, strict: false });
    if (values.version) return { action: 'version' };
    if (values.help) return { action: 'help' };
    return { action: 'help', missing: true };
  }
  const { command, used } = findCommand(words, commands);
  if (!command) throw unknownCommand(words, commands);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: toParseOptions(command.options), allowPositionals: true, strict: true });
  } catch (err) {
    throw optionError(err as Error & { code?: string }, command, commands);
  }
  if (parsed.values.help) return { action: 'help', command };
  if (parsed.values.version) return { action: 'version' };
  const operands = parsed.positionals.slice(used);
  const max = command.maxOperands ?? 0;
  if (operands.length > max) throw new UsageError(`unexpected argument "${operands[max]}" for ${command.name}`, `Run reflib ${command.name} --help for its usage.`);
  return { action: 'run', command, args: { values: parsed.values as CommandArgs['values'], positionals: operands } };
}
