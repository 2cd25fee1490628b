/**
 * The shape of a command, after changesets: each command folder declares its
 * name, usage, options and run function in `command.ts`; the CLI parses the
 * arguments against what the command declares, and builds the help text
 * from the same table. `run` loads the command's code on demand, so the
 * table itself stays cheap to import.
 */

/** One `--option` a command takes. */
export interface OptionSpec {
  /** The long name, without dashes: `root` for `--root`. */
  name: string;
  type: 'string' | 'boolean';
  /** For a string option: what its value is, for the help text (`DIR`, `N`). */
  value?: string;
  /** One line: what it does. */
  description: string;
  /** The command cannot run without it (the usage line shows it without brackets). */
  required?: boolean;
}

/** What a command run gets from the CLI: where it runs and how it writes. Commands do not touch `process` themselves. */
export interface CommandIo {
  /** The folder relative paths are resolved against. */
  cwd: string;
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error (progress only; errors are thrown). */
  err(text: string): void;
  /** Whether standard error is a terminal, for progress lines. */
  errIsTTY: boolean;
  /** Colour output was asked for or detected (and not turned off with --no-color or NO_COLOR). */
  color: boolean;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  untilStopped(): Promise<void>;
}

/** Parsed arguments: option values by long name, and the positional arguments after the command's name. */
export interface CommandArgs {
  values: Readonly<Record<string, string | boolean | undefined>>;
  positionals: readonly string[];
}

export interface CommandSpec {
  /** As typed: `validate`, or `pubmed sync` for a subcommand. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments, as the usage line shows them: `<kind>`, `[paths…]`. */
  operands?: string;
  /** How many positional arguments it takes at most (Infinity for a list). Default 0. */
  maxOperands?: number;
  options: readonly OptionSpec[];
  /** Runs the command and returns its exit code: 0 clean, 1 problems found. Usage errors throw UsageError (exit 2). */
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}
