import type { CommandSpec } from '../command';
import { ROOT, STRICT, stringValue } from '../sharedOptions';

/** `reflib lsp`: the language server, over standard input and output. */
export const lspCommand: CommandSpec = {
  name: 'lsp',
  summary: 'Run the language server for editors (LSP over stdio)',
  options: [ROOT, STRICT, { name: 'stdio', type: 'boolean', description: 'Talk over standard input and output (the default and only transport; accepted because editors pass it)' }],
  async run({ values }, io) {
    const { startLanguageServer } = await import('.');
    const server = startLanguageServer({ cwd: io.cwd, root: stringValue(values, 'root'), strict: values.strict === true, input: process.stdin, output: process.stdout });
    // The client ends the session (shutdown, exit) or closes the pipe; Ctrl-C and SIGTERM end it too.
    await Promise.race([server.closed, io.untilStopped()]);
    server.dispose();
    return 0;
  },
};
