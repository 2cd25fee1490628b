/**
 * The editor's side of a Language Server Protocol session, for the
 * benchmark: JSON-RPC over a child process's stdin and stdout, framed with
 * Content-Length (the framing is tests/support/lspClient.ts's, shared with
 * the tests), with every wait bounded. Unlike that test client it does not
 * start the process: the benchmark starts it, so that its peak memory is
 * recorded (measureProcess.ts's spawnMeasured).
 */
import type { ChildProcess } from 'node:child_process';
import { frame, MessageReader, type LspMessage } from '../../tests/support/lspClient';

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (reason: Error) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  method: string;
  matches: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
  reject: (reason: Error) => void;
  timer: NodeJS.Timeout;
}

/** A JSON-RPC connection to a language server running in `child` (stdin and stdout piped). */
export class LspConnection {
  private readonly reader = new MessageReader();
  private readonly pending = new Map<number, Pending>();
  private waiters: Waiter[] = [];
  private nextId = 1;
  private stderrText = '';
  private gone: Error | undefined;
  /** Resolves when the process has ended and its streams are closed. */
  readonly closed: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => {
      try {
        for (const message of this.reader.push(chunk)) this.dispatch(message);
      } catch (err) {
        this.fail(new Error(`bad output from the language server: ${(err as Error).message}`));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString('utf8')));
    // Writing to a server that has just died must not crash the benchmark.
    child.stdin!.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.fail(new Error(`the language server exited (${code ?? signal}): ${this.stderrTail()}`));
        resolve();
      });
    });
  }

  /** What the server wrote to stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Sends a request and waits, at most `timeoutMs`, for its result. */
  request<T = unknown>(method: string, params: unknown, timeoutMs: number): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /**
   * Waits, at most `timeoutMs`, for the next notification `method` whose
   * params `matches` accepts. Only notifications after the call count: call
   * it before sending what triggers the notification.
   */
  waitFor<T>(method: string, matches: (params: T) => boolean, timeoutMs: number, describe = method): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        matches: matches as (params: unknown) => boolean,
        resolve: resolve as (params: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`no ${describe} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * Ends the session as an editor does (shutdown, then exit), and kills the
   * process if it has not ended within `graceMs`. Safe to call on a dead server.
   */
  async close(graceMs = 2000): Promise<void> {
    if (!this.gone) {
      try {
        await this.request('shutdown', null, graceMs);
        this.notify('exit', null);
      } catch {
        // Stuck or dead: killed below.
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([this.closed.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer);
    if (!ended) {
      this.child.kill('SIGKILL');
      await this.closed;
    }
  }

  /** The last lines the server wrote to stderr, on one line (for error messages). */
  stderrTail(lines = 3): string {
    return this.stderrText.trim().split('\n').slice(-lines).map((l) => l.trim()).join(' | ');
  }

  private write(message: LspMessage): void {
    if (this.gone || this.child.stdin!.destroyed) return;
    this.child.stdin!.write(frame(message));
  }

  /** Rejects everything still waiting, once. */
  private fail(error: Error): void {
    this.gone ??= error;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.gone);
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(this.gone);
    }
    this.waiters = [];
  }

  private dispatch(message: LspMessage): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      // A request from the server: answer what an editor with no settings would.
      const result = message.method === 'workspace/configuration' ? (message.params as { items?: unknown[] }).items?.map(() => null) ?? [] : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.method !== undefined) {
      for (const w of [...this.waiters]) {
        if (w.method !== message.method || !w.matches(message.params)) continue;
        clearTimeout(w.timer);
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(message.params);
      }
      return;
    }
    const p = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(message.id as number);
    if (message.error) p.reject(new Error(`${p.method} failed: ${message.error.message} (${message.error.code})`));
    else p.resolve(message.result);
  }
}
