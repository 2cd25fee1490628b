/**
 * Reads the command line against the command table: which command, its
 * options and operands. An option the command does not declare, an option
 * given twice or with an empty value, a missing value or an extra operand is
 * a UsageError that names the option and the command; nothing is silently
 * ignored.
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
  for (const g of GLOBAL_OPTIONS) out[g.name] = g.short ? { type: g.type, short: g.short } : { type: g.type };
  return out;
}

/** Who takes an option, for the hint. */
function ownersOf(name: string, commands: readonly CommandSpec[]): string[] {
  return commands.filter((c) => c.options.some((o) => o.name === name)).map((c) => c.name);
}

/** Parses strictly against `specs`, turning parseArgs's errors into UsageErrors that say where the option belongs. */
function parseStrict(argv: readonly string[], specs: readonly OptionSpec[], commands: readonly CommandSpec[], command?: CommandSpec) {
  try {
    return parseArgs({ args: [...argv], options: toParseOptions(specs), allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    throw optionError(err as Error & { code?: string }, commands, command);
  }
}

function optionError(err: Error & { code?: string }, commands: readonly CommandSpec[], command?: CommandSpec): UsageError {
  const help = command ? `Run reflib ${command.name} --help for its options.` : 'Run reflib --help for the commands and their options.';
  const where = command ? command.name : 'reflib';
  const unknown = /Unknown option '(-{1,2})([^']+)'/.exec(err.message);
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const [, dashes, name] = unknown;
    const owners = ownersOf(name, commands);
    if (owners.length) {
      return command
        ? new UsageError(`${command.name} does not take ${dashes}${name}`, `${dashes}${name} is an option of ${owners.join(', ')}. ${help}`)
        : new UsageError(`${dashes}${name} needs a command`, `It is an option of ${owners.join(', ')}: e.g. reflib ${owners[0]} ${dashes}${name} ….`);
    }
    const known = command ? command.options.map((o) => o.name) : commands.flatMap((c) => c.options.map((o) => o.name));
    const guess = closest(name, [...known, ...GLOBAL_OPTIONS.map((g) => g.name)]);
    return new UsageError(command ? `${command.name} has no option ${dashes}${name}` : `unknown option ${dashes}${name}`, guess ? `Did you mean --${guess}? ${help}` : help);
  }
  // A value that starts with a dash ("--expires-in -1"): parseArgs cannot tell it from another option.
  const ambiguous = /^Option '(-{1,2}[^']+)' argument is ambiguous/.exec(err.message);
  if (ambiguous) return new UsageError(`${ambiguous[1]}'s value starts with a dash (${where})`, `Write ${ambiguous[1]}=VALUE to give a value that starts with "-". ${help}`);
  // A missing value ("Option '--root <value>' argument missing") or a value given to a switch.
  return new UsageError(`${err.message.split('\n')[0].replace(/\.$/, '')} (${where})`, help);
}

/** Options given twice, or with an empty value: both are mistakes, never a choice to make silently. */
function checkRepeats(tokens: readonly { kind: string; name?: string; value?: string; rawName?: string }[], command: CommandSpec): void {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    if (seen.has(t.name)) throw new UsageError(`${t.rawName ?? `--${t.name}`} is given twice (${command.name})`, 'Give each option once.');
    seen.add(t.name);
    if (t.value !== undefined && t.value.trim() === '') throw new UsageError(`${t.rawName ?? `--${t.name}`} needs a value (${command.name})`, `Run reflib ${command.name} --help for its options.`);
  }
}

/** Finds the command the positionals name: one word, or two for `pubmed sync`. */
function findCommand(words: readonly string[], commands: readonly CommandSpec[]): { command?: CommandSpec; used: number } {
  for (const used of [2, 1]) {
    if (words.length < used) continue;
    const command = commands.find((c) => c.name === words.slice(0, used).join(' '));
    if (command) return { command, used };
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

/** Parses `argv` (without node and the script) against `commands`. */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): CommandLine {
  // First loosely, against every option any command knows, to find the command (`--root x validate` works).
  const options = toParseOptions(commands.flatMap((c) => c.options));
  const words = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false }).positionals;
  const { command, used } = findCommand(words, commands);
  if (!command) {
    // No command: an option no command has is the first thing to say (`-r . validate`), then a missing or unknown command.
    const all = parseStrict(argv, commands.flatMap((c) => c.options), commands);
    if (words.length === 0) {
      const bare = parseStrict(argv, [], commands);
      if (bare.values.version) return { action: 'version' };
      return bare.values.help ? { action: 'help' } : { action: 'help', missing: true };
    }
    // `reflib pubmed --help`: the overview lists the pubmed commands.
    if (all.values.help && words.length === 1 && commands.some((c) => c.name.startsWith(`${words[0]} `))) return { action: 'help' };
    throw unknownCommand(words, commands);
  }
  const parsed = parseStrict(argv, command.options, commands, command);
  checkRepeats(parsed.tokens ?? [], command);
  if (parsed.values.help) return { action: 'help', command };
  if (parsed.values.version) return { action: 'version' };
  const operands = parsed.positionals.slice(used);
  const max = command.maxOperands ?? 0;
  if (operands.length > max) throw new UsageError(`unexpected argument "${operands[max]}" for ${command.name}`, `Run reflib ${command.name} --help for its usage.`);
  return { action: 'run', command, args: { values: parsed.values as CommandArgs['values'], positionals: operands } };
}
