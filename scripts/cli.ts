/**
 * The `reflib` command line: parses arguments, runs a command, prints its
 * output, and maps failures to exit codes (0 clean, 1 problems, 2 usage or
 * internal error). Nothing below this file prints.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './core/usageError';

// Commands load on demand: editors run validate on every commit, and it
// should not pay for the HTTP client, the XML parser or the build.
const commands = {
  build: () => import('./commands/build'),
  diff: () => import('./commands/diff'),
  fmt: () => import('./commands/fmt'),
  graph: () => import('./commands/graph'),
  links: () => import('./commands/links'),
  new: () => import('./commands/new'),
  report: () => import('./commands/report'),
  serve: () => import('./commands/serve'),
  status: () => import('./commands/pubmed/status'),
  sync: () => import('./commands/pubmed/sync'),
  validate: () => import('./commands/validate'),
  watch: () => import('./commands/watch'),
};

const USAGE = `Usage: reflib <command> [options]

Commands:
  validate           Check every entry under entries/ and report problems
  build              Validate, then compile a versioned release into dist/
  new <kind>         Create an entry with a fresh ID (--title "…" required)
  fmt [paths…]       Rewrite entries in the canonical layout (--check: only list them)
  diff               Show what changed between two releases (--from V, --to V)
  links <id>         Show what an entry links to and what links to it
  graph              Print the link graph
  pubmed sync        Fetch PubMed's records for cited PMIDs into pubmed-lock.json
  pubmed status      List each cited PMID's standing in the lock
  serve              Serve the built releases under dist/ over HTTP (Ctrl-C stops)
  report             Write a static HTML QA report for reviewers (default: dist/report/)

Options:
  --root DIR       The library root, holding entries/ (default: current folder)
  --format NAME    validate: text (default), json, github, sarif or junit
                   links, diff, pubmed status: text (default) or json
                   graph: dot (default), mermaid, json or svg (needs Graphviz)
  --strict         validate, build: unverified PMIDs are errors, not warnings
  --watch          validate: re-check on every change, until Ctrl-C
  --email ADDRESS  pubmed sync: contact address sent to NCBI (or NCBI_EMAIL)
  --api-key KEY    pubmed sync: NCBI API key, 10 requests/s (or NCBI_API_KEY)
  --base-url URL   pubmed sync: E-utilities base URL (a mirror or test server)
  --max-age DAYS   pubmed sync/status: records older than this are stale (180)
  --all            pubmed sync: re-fetch every cited PMID
  --title TEXT     new: the new entry's title
  --check          fmt: change nothing; exit 1 if any file is not formatted
  --from V, --to V diff: the releases to compare (default: the newest two)
  --port N         serve: the port to listen on (8080; 0 for any free port)
  --host ADDR      serve: the address to listen on (127.0.0.1; 0.0.0.0 for all)
  --out DIR        report: the folder to write, replaced as a whole (default: <root>/dist/report)
  --no-color       Plain text output (also: NO_COLOR=1)
  -h, --help       Show this help
  -v, --version    Show the version
`;

function useColor(noColor: boolean): boolean {
  if (noColor || process.env.NO_COLOR || process.env.FORCE_COLOR === '0') return false;
  return Boolean(process.stdout.isTTY) || Boolean(process.env.FORCE_COLOR);
}

/** Runs the CLI with `argv` (without node and script), returning the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        format: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        email: { type: 'string' },
        'api-key': { type: 'string' },
        'base-url': { type: 'string' },
        'max-age': { type: 'string' },
        all: { type: 'boolean', default: false },
        from: { type: 'string' },
        title: { type: 'string' },
        check: { type: 'boolean', default: false },
        port: { type: 'string' },
        out: { type: 'string' },
        host: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0], 'Run reflib --help for the options.');
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(require('../package.json').version + '\n');
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const args = (n: number) => {
    if (rest.length > n) throw new UsageError(`unexpected argument "${rest[n]}"`, 'Run reflib --help for the options.');
    return rest;
  };
  const common = { cwd: process.cwd(), root: values.root, format: values.format };
  switch (command) {
    case 'validate': {
      args(0);
      if (values.watch) {
        const { watchValidate } = await commands.watch();
        const session = watchValidate({ ...common, strict: values.strict, color: useColor(values['no-color']), onOutput: (t) => process.stdout.write(t) });
        await session.ready;
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        session.close();
        return 0;
      }
      const { validate } = await commands.validate();
      const result = await validate({ ...common, strict: values.strict, color: useColor(values['no-color']) });
      process.stdout.write(result.output);
      return result.exitCode;
    }
    case 'build': {
      args(0);
      const { build } = await commands.build();
      const result = await build({ ...common, strict: values.strict, color: useColor(values['no-color']) });
      process.stdout.write(result.output);
      return result.exitCode;
    }
    case 'diff': {
      args(0);
      const { diff } = await commands.diff();
      process.stdout.write((await diff({ ...common, from: values.from, to: values.to })).output);
      return 0;
    }
    case 'fmt': {
      const { fmt } = await commands.fmt();
      const result = await fmt({ ...common, paths: rest, check: values.check });
      process.stdout.write(result.output);
      return result.exitCode;
    }
    case 'new': {
      const [kind] = args(1);
      if (!kind) throw new UsageError('new needs a kind', 'Example: reflib new misconception --title "…"');
      const { newEntry } = await commands.new();
      process.stdout.write((await newEntry({ ...common, kind, title: values.title })).output);
      return 0;
    }
    case 'links': {
      const [id] = args(1);
      if (!id) throw new UsageError('links needs an entry ID', 'Example: reflib links 3ca17b72');
      const { links } = await commands.links();
      process.stdout.write((await links({ ...common, id })).output);
      return 0;
    }
    case 'graph': {
      args(0);
      const { graph } = await commands.graph();
      process.stdout.write((await graph(common)).output);
      return 0;
    }
    case 'pubmed': {
      const [sub] = args(1);
      const maxAgeDays = values['max-age'] === undefined ? undefined : Number(values['max-age']);
      if (maxAgeDays !== undefined && !(Number.isFinite(maxAgeDays) && maxAgeDays >= 0)) throw new UsageError(`--max-age must be a number of days, not "${values['max-age']}"`);
      if (sub === 'status') {
        const { status } = await commands.status();
        process.stdout.write((await status({ ...common, maxAgeDays })).output);
        return 0;
      }
      if (sub !== 'sync') throw new UsageError(`unknown pubmed command "${sub ?? ''}"`, 'Use reflib pubmed sync or reflib pubmed status.');
      const tty = Boolean(process.stderr.isTTY);
      const { sync } = await commands.sync();
      const result = await sync({
        ...common,
        baseUrl: values['base-url'],
        email: values.email,
        apiKey: values['api-key'],
        maxAgeDays,
        all: values.all,
        onProgress: tty ? (done, total) => process.stderr.write(`\rFetching from PubMed: ${done}/${total} PMIDs${done === total ? '\n' : ''}`) : undefined,
      });
      process.stdout.write(result.output);
      return result.exitCode;
    }
    case 'report': {
      args(0);
      const { report } = await commands.report();
      process.stdout.write((await report({ cwd: common.cwd, root: common.root, out: values.out })).output);
      return 0;
    }
    case 'serve': {
      args(0);
      const { parsePort, serve } = await commands.serve();
      const server = await serve({ ...common, port: parsePort(values.port), host: values.host });
      process.stdout.write(`Serving ${server.dir} at ${server.url}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`, 'Run reflib --help for the commands.');
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
        process.stderr.write(`reflib: internal error: ${(err as Error)?.message ?? String(err)}\n`);
        if (process.env.REFLIB_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
        else process.stderr.write('  Please report this; run with REFLIB_DEBUG=1 for details.\n');
      }
      process.exitCode = 2;
    },
  );
}
