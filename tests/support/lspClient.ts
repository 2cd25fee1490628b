/**
 * A minimal Language Server Protocol client for tests: it starts a real server
 * over stdio and speaks Content-Length framed JSON-RPC 2.0 to it, the way an
 * editor does. It answers the requests a server sends back (workspace/configuration
 * from the settings it was given, capability registration, progress) and records
 * every one of them, so a test can tell whether the server asked the client for a
 * schema (vscode/content, custom/schema/content) it could not read itself.
 *
 * Every wait is bounded; `close()` always ends the process.
 */
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface LspMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  message: string;
  source?: string;
  code?: string | number;
}

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface LspClientOptions {
  /** The command and arguments that start the server, e.g. [process.execPath, bin, '--stdio']. */
  command: string[];
  cwd: string;
  /**
   * The editor's settings, by section, as VS Code would answer workspace/configuration:
   * e.g. `{ yaml: {...}, http: {...} }`. A section not given is answered with null.
   */
  settings: Record<string, unknown>;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
  /** Default bound for a request, in ms. */
  requestTimeoutMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  method: string;
  predicate: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
  reject: (reason: Error) => void;
  timer: NodeJS.Timeout;
}

/** Serialises one JSON-RPC message with its Content-Length header. */
export function frame(message: LspMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/**
 * Splits a byte stream into messages. Feed it chunks as they arrive; it returns
 * the messages completed so far and keeps any partial one for the next chunk.
 */
export class MessageReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): LspMessage[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const messages: LspMessage[] = [];
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /^content-length:\s*(\d+)\s*$/im.exec(header);
      if (!match) throw new Error(`LSP header without Content-Length: ${JSON.stringify(header)}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) break;
      messages.push(JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as LspMessage);
      this.buffer = this.buffer.subarray(start + length);
    }
    return messages;
  }
}

/** Reads a settings section such as `yaml` or `http.proxy` out of nested settings. */
function section(settings: Record<string, unknown>, name: string | undefined): unknown {
  if (!name) return settings;
  if (name in settings) return settings[name];
  let value: unknown = settings;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export class LspClient {
  /** Every request the server sent to the client, in order. */
  readonly serverRequests: LspMessage[] = [];
  /** Every notification the server sent, in order. */
  readonly notifications: LspMessage[] = [];
  /** The latest diagnostics the server published, by document URI. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private stderrText = '';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private waiters: Waiter[] = [];
  private readonly reader = new MessageReader();
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: LspClientOptions,
  ) {
    child.stdout.on('data', (chunk: Buffer) => {
      for (const message of this.reader.push(chunk)) this.dispatch(message);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString('utf8');
    });
    // Writing to a server that has just died must not crash the test run.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        this.exitCode = code;
        const error = new Error(`language server exited (code ${code}); stderr:\n${this.stderrText}`);
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(error);
        }
        this.pending.clear();
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(error);
        }
        this.waiters = [];
        resolve(code);
      });
    });
  }

  /** Starts the server process. */
  static start(options: LspClientOptions): LspClient {
    const [command, ...args] = options.command;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // If the test process goes away without close(), take the server with it.
    const killOnExit = (): void => {
      child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    return new LspClient(child, options);
  }

  /**
   * Talks to a server process someone else started (stdin, stdout and stderr
   * piped): the benchmark starts it through its own spawn, to record its peak
   * memory. `settings` answer the server's workspace/configuration requests.
   */
  static attach(child: ChildProcess, settings: Record<string, unknown> = {}): LspClient {
    return new LspClient(child as ChildProcessWithoutNullStreams, { command: [], cwd: '', settings });
  }

  /** What the server wrote to stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a request and waits, at most `timeoutMs`, for its answer. */
  request<T = unknown>(method: string, params: unknown, timeoutMs = this.options.requestTimeoutMs ?? 5000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exitCode !== undefined) {
        reject(new Error(`language server already exited; cannot send ${method}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms; stderr:\n${this.stderrText}`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /**
   * Waits, at most `timeoutMs`, for a notification `method` whose params satisfy
   * `predicate`. Notifications that arrived before the call are not considered:
   * start waiting before doing what triggers it.
   */
  waitForNotification<T = unknown>(method: string, predicate: (params: T) => boolean, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate: predicate as (params: unknown) => boolean,
        resolve: resolve as (params: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`no ${method} matching the test within ${timeoutMs} ms; stderr:\n${this.stderrText}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for the next diagnostics published for `uri` that satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs: number): Promise<Diagnostic[]> {
    return this.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && predicate(p.diagnostics),
      timeoutMs,
    ).then((p) => p.diagnostics);
  }

  /**
   * Ends the server: shutdown and exit as an editor would, then SIGKILL if it has
   * not gone within `graceMs`. Safe to call more than once.
   */
  async close(graceMs = 2000): Promise<void> {
    if (this.exitCode === undefined) {
      try {
        await this.request('shutdown', null, graceMs);
        this.notify('exit', null);
      } catch {
        // Dead or stuck: killed below.
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const gone = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!gone) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  private write(message: LspMessage): void {
    if (this.exitCode !== undefined || this.child.stdin.destroyed) return;
    this.child.stdin.write(frame(message));
  }

  private dispatch(message: LspMessage): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      this.serverRequests.push(message);
      this.answerServerRequest(message);
      return;
    }
    if (message.method !== undefined) {
      this.notifications.push(message);
      if (message.method === 'textDocument/publishDiagnostics') {
        const p = message.params as PublishDiagnosticsParams;
        this.diagnostics.set(p.uri, p.diagnostics);
      }
      for (const w of [...this.waiters]) {
        if (w.method === message.method && w.predicate(message.params)) {
          clearTimeout(w.timer);
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(message.params);
        }
      }
      return;
    }
    const p = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(message.id as number);
    if (message.error) p.reject(new Error(`LSP error ${message.error.code}: ${message.error.message}`));
    else p.resolve(message.result);
  }

  private answerServerRequest(message: LspMessage): void {
    const reply = (result: unknown): void => this.write({ jsonrpc: '2.0', id: message.id, result });
    const fail = (text: string): void => this.write({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: text } });
    switch (message.method) {
      case 'workspace/configuration': {
        const items = (message.params as { items: { section?: string }[] }).items;
        reply(items.map((item) => section(this.options.settings, item.section) ?? null));
        return;
      }
      case 'client/registerCapability':
      case 'client/unregisterCapability':
      case 'window/workDoneProgress/create':
        reply(null);
        return;
      case 'vscode/content':
      case 'custom/schema/content':
        // The editor would fetch over the network here; a test has none.
        fail(`test client: no network for ${JSON.stringify(message.params)}`);
        return;
      default:
        reply(null);
    }
  }
}
