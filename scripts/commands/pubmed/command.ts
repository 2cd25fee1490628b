import { UsageError } from '../../core/usageError';
import type { CommandArgs, CommandSpec } from '../command';
import { formatOption, MAX_AGE, ROOT, stringValue } from '../sharedOptions';

function maxAgeDays({ values }: CommandArgs): number | undefined {
  const text = stringValue(values, 'max-age');
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(days)) throw new UsageError(`--max-age must be a number of days, not "${text}"`);
  return days;
}

/** `reflib pubmed sync`: the only command that goes online. */
export const pubmedSyncCommand: CommandSpec = {
  name: 'pubmed sync',
  summary: "Fetch PubMed's records for cited PMIDs into pubmed-lock.json",
  options: [
    ROOT,
    { name: 'email', type: 'string', value: 'ADDRESS', description: 'Contact address sent to NCBI; required unless NCBI_EMAIL is set' },
    { name: 'api-key', type: 'string', value: 'KEY', description: 'NCBI API key, 10 requests/s (or NCBI_API_KEY); never printed or stored' },
    { name: 'base-url', type: 'string', value: 'URL', description: 'E-utilities base URL (a mirror or test server)' },
    MAX_AGE,
    { name: 'all', type: 'boolean', description: 'Re-fetch every cited PMID' },
  ],
  async run(args, io) {
    const { values } = args;
    const days = maxAgeDays(args);
    const { sync } = await import('./sync');
    const result = await sync({
      cwd: io.cwd,
      root: stringValue(values, 'root'),
      baseUrl: stringValue(values, 'base-url'),
      email: stringValue(values, 'email'),
      apiKey: stringValue(values, 'api-key'),
      maxAgeDays: days,
      all: values.all === true,
      onProgress: io.errIsTTY ? (done, total) => io.err(`\rFetching from PubMed: ${done}/${total} PMIDs${done === total ? '\n' : ''}`) : undefined,
    });
    io.out(result.output);
    return result.exitCode;
  },
};

/** `reflib pubmed status`. */
export const pubmedStatusCommand: CommandSpec = {
  name: 'pubmed status',
  summary: "List each cited PMID's standing in the lock",
  options: [ROOT, formatOption(['text', 'json']), MAX_AGE],
  async run(args, io) {
    const days = maxAgeDays(args);
    const { status } = await import('./status');
    io.out((await status({ cwd: io.cwd, root: stringValue(args.values, 'root'), format: stringValue(args.values, 'format'), maxAgeDays: days })).output);
    return 0;
  },
};

/** `reflib pubmed import FILE…`: PubMed records saved elsewhere, for an editor who cannot reach PubMed. */
export const pubmedImportCommand: CommandSpec = {
  name: 'pubmed import',
  summary: 'Read PubMed records saved elsewhere (efetch XML or MEDLINE text) into pubmed-lock.json as imported',
  operands: '<files…>',
  maxOperands: Infinity,
  options: [ROOT],
  async run({ values, positionals }, io) {
    const { importRecords } = await import('./import');
    const result = await importRecords({ cwd: io.cwd, root: stringValue(values, 'root'), files: [...positionals] });
    io.out(result.output);
    return result.exitCode;
  },
};
