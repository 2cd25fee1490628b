/** The dist/ fixture served by a real `reflib serve`, for the client tests. */
import { rmSync } from 'node:fs';
import { serve, type RequestRecord, type RunningServer } from '../../scripts/commands/serve';
import { makeDist, type DistFixture } from './makeDist';

export interface ServedDist {
  fixture: DistFixture;
  server: RunningServer;
  /** Every request the server answered, in order. */
  seen: RequestRecord[];
  /** Stops the server (safe to call twice). */
  stop(): Promise<void>;
}

/** A fresh dist/ fixture served on a free port; `cleanup` receives what removes it and stops the server. */
export async function serveDist(cleanup: (undo: () => Promise<void>) => void): Promise<ServedDist> {
  const fixture = makeDist();
  cleanup(async () => rmSync(fixture.root, { recursive: true, force: true }));
  const seen: RequestRecord[] = [];
  const server = await serve({ cwd: fixture.root, port: 0, onRequest: (r) => seen.push(r) });
  let stopped = false;
  const stop = async () => {
    if (!stopped) await server.close();
    stopped = true;
  };
  cleanup(stop);
  return { fixture, server, seen, stop };
}
