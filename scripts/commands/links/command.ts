import { UsageError } from '../../core/usageError';
import type { CommandSpec } from '../command';
import { formatOption, ROOT, stringValue } from '../sharedOptions';

/** `reflib links <id>`. */
export const linksCommand: CommandSpec = {
  name: 'links',
  summary: 'Show what an entry links to and what links to it',
  operands: '<id>',
  maxOperands: 1,
  options: [ROOT, formatOption(['text', 'json'])],
  async run({ values, positionals }, io) {
    const [id] = positionals;
    if (!id) throw new UsageError('links needs an entry ID', 'Example: reflib links 3ca17b72');
    const { links } = await import('.');
    io.out((await links({ cwd: io.cwd, root: stringValue(values, 'root'), id, format: stringValue(values, 'format') })).output);
    return 0;
  },
};
