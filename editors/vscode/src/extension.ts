/**
 * The reflib extension for VS Code: starts `reflib lsp` for the YAML files
 * under entries/ and leaves everything else to VS Code. yaml-language-server
 * (the Red Hat YAML extension) keeps doing schema completion beside it.
 *
 * Which reflib it runs (setting `reflib.server.command`, else the first that exists):
 *   1. the workspace's node_modules/.bin/reflib (a library that installed reflib);
 *   2. `node scripts/bin.js` in a reflib checkout (this repository);
 *   3. `npx --no -- reflib` (never downloads: `--no` refuses to install a package).
 * In the setting, `${workspaceFolder}` stands for the folder holding entries/.
 * It adds `lsp --root <folder>` and `--strict` when `reflib.strict` is on.
 *
 * Bundled with esbuild into dist/extension.js (`npm run build`), so the
 * installed extension needs no node_modules.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const SECTION = 'reflib';
let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

export interface ServerCommand {
  command: string;
  args: string[];
  /** Where the command came from, for the output channel. */
  origin: string;
}

const isWindows = process.platform === 'win32';

/** The workspace folder holding entries/, the library the server checks. */
export function libraryFolder(folders: readonly { uri: { fsPath: string } }[] | undefined): string | undefined {
  const holding = folders?.find((f) => existsSync(path.join(f.uri.fsPath, 'entries')));
  return holding?.uri.fsPath;
}

/** The command that starts `reflib lsp` for the library in `root`. */
export function serverCommand(root: string, configured: readonly string[], strict: boolean): ServerCommand {
  const lsp = ['lsp', '--root', root, ...(strict ? ['--strict'] : [])];
  if (configured.length > 0) {
    const [command, ...args] = configured.map((part) => part.split('${workspaceFolder}').join(root));
    return { command, args: [...args, ...lsp], origin: 'setting reflib.server.command' };
  }
  const local = path.join(root, 'node_modules', '.bin', isWindows ? 'reflib.cmd' : 'reflib');
  if (existsSync(local)) return { command: local, args: lsp, origin: 'the workspace’s node_modules/.bin/reflib' };
  const bin = path.join(root, 'scripts', 'bin.js');
  if (existsSync(bin) && packageName(root) === 'reflib') return { command: 'node', args: [bin, ...lsp], origin: 'this reflib checkout (scripts/bin.js)' };
  return { command: isWindows ? 'npx.cmd' : 'npx', args: ['--no', '--', 'reflib', ...lsp], origin: 'npx (reflib is not in node_modules/.bin)' };
}

function packageName(root: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

async function start(): Promise<void> {
  const root = libraryFolder(vscode.workspace.workspaceFolders);
  if (root === undefined) return; // no folder holds entries/: nothing to check
  const settings = vscode.workspace.getConfiguration(SECTION);
  const { command, args, origin } = serverCommand(root, settings.get<string[]>('server.command', []), settings.get<boolean>('strict', false));
  output ??= vscode.window.createOutputChannel('reflib');
  output.appendLine(`Starting ${[command, ...args].join(' ')} (from ${origin})`);

  const serverOptions: ServerOptions = {
    command,
    args,
    // .cmd files (npx.cmd, node_modules/.bin/reflib.cmd) only run through a shell on Windows.
    options: { cwd: root, shell: isWindows && /\.cmd$/i.test(command) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml', pattern: '**/entries/**/*.{yaml,yml}' }],
    workspaceFolder: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root)),
    outputChannel: output,
  };
  client = new LanguageClient(SECTION, 'reflib', serverOptions, clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function restart(): Promise<void> {
  try {
    await stop();
    await start();
  } catch (error) {
    // The client has already shown why (reflib not installed, a bad command): keep the extension alive for the next try.
    output?.appendLine(`reflib lsp did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('reflib.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reflib.server') || e.affectsConfiguration('reflib.strict')) void restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void restart()),
  );
  await restart();
}

export function deactivate(): Promise<void> {
  return stop();
}
