/**
 * The `reflib` command line: parses arguments, runs a command, prints its
 * output, and maps failures to exit codes (0 clean, 1 problems, 2 usage or
 * internal error). Nothing below this file prints.
 */
import { UsageError } from './core/usageError';
import type { CommandIo } from './commands/command';
import { COMMANDS } from './commands';
import { parseCommandLine } from './commands/parseCommandLine';
import { renderCommandHelp, renderHelp } from './commands/renderHelp';

function useColor(noColor: boolean): boolean {
  if (noColor || process.env.NO_COLOR || process.env.FORCE_COLOR === '0') return false;
  return Boolean(process.stdout.isTTY) || Boolean(process.env.FORCE_COLOR);
}

/** Waits for Ctrl-C or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** Runs the CLI with `argv` (without node and script), returning the exit code. */
export async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv, COMMANDS);
  if (line.action === 'version') {
    process.stdout.write(require('../package.json').version + '\n');
    return 0;
  }
  if (line.action === 'help') {
    process.stdout.write(line.command ? renderCommandHelp(line.command) : renderHelp(COMMANDS));
    return line.missing ? 2 : 0;
  }
  const io: CommandIo = {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTTY: Boolean(process.stderr.isTTY),
    color: useColor(line.args.values['no-color'] === true),
    untilStopped,
  };
  return line.command.run(line.args, io);
}

/** A thrown value as one line, whatever it is (an object without a prototype cannot even be turned into a string). */
function describeError(err: unknown): string {
  try {
    if (err instanceof Error) return err.message;
    return typeof err === 'object' && err !== null ? JSON.stringify(err) : String(err);
  } catch {
    return Object.prototype.toString.call(err);
  }
}

/** Entry point used by bin.js: never lets a stack trace reach an editor. */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof UsageError) {
        process.stderr.write(`reflib: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ''}`);
      } else {
        process.stderr.write(`reflib: internal error: ${describeError(err)}\n`);
        if (process.env.REFLIB_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
        else process.stderr.write('  Please report this; run with REFLIB_DEBUG=1 for details.\n');
      }
      process.exitCode = 2;
    },
  );
}
