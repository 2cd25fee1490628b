import type { CommandSpec } from '../command';
import { ROOT, stringValue } from '../sharedOptions';

/** `reflib serve`: runs until stopped. */
export const serveCommand: CommandSpec = {
  name: 'serve',
  summary: 'Serve the built releases under dist/ over HTTP (Ctrl-C stops)',
  options: [
    ROOT,
    { name: 'port', type: 'string', value: 'N', description: 'The port to listen on (8080; 0 for any free port)' },
    { name: 'host', type: 'string', value: 'ADDR', description: 'The address to listen on (127.0.0.1; 0.0.0.0 for all)' },
  ],
  async run({ values }, io) {
    const { parsePort, serve } = await import('.');
    const server = await serve({ cwd: io.cwd, root: stringValue(values, 'root'), port: parsePort(stringValue(values, 'port')), host: stringValue(values, 'host') });
    io.out(`Serving ${server.dir} at ${server.url}\n`);
    // On stderr, so standard output stays the one line scripts read the URL from.
    io.err(server.readerProblem ? `Reader page: ${server.readerUrl} (not working yet: ${server.readerProblem})\n` : `Reader page: ${server.readerUrl}\n`);
    await io.untilStopped();
    await server.close();
    return 0;
  },
};
