import type { CommandSpec } from '../command';
import { formatOption, ROOT, stringValue } from '../sharedOptions';

/** `reflib graph`. */
export const graphCommand: CommandSpec = {
  name: 'graph',
  summary: 'Print the link graph',
  options: [ROOT, { ...formatOption(['dot', 'mermaid', 'json', 'svg']), description: 'dot (default), mermaid, json or svg (needs Graphviz)' }],
  async run({ values }, io) {
    const { graph } = await import('.');
    io.out((await graph({ cwd: io.cwd, root: stringValue(values, 'root'), format: stringValue(values, 'format') })).output);
    return 0;
  },
};
