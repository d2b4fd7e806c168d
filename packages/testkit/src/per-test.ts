import { afterEach } from "vitest";

interface Closable {
  close(): void | Promise<void>;
}

/**
 * Servers and clients that live for one test: whatever `start` opens and every client pushed on
 * `clients` is closed after each test, clients first. Pass the start function (e.g. the server's
 * `startServer`), so the testkit depends on no package above core.
 */
export function perTest<Options, Server extends Closable>(start: (options: Options) => Promise<Server>) {
  const servers: Server[] = [];
  const clients: Closable[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
  });
  return {
    clients,
    async start(options: Options): Promise<Server> {
      const server = await start(options);
      servers.push(server);
      return server;
    },
  };
}

/** Cleanups a test registers with `push`; after the test they run, the last pushed first. */
export function cleanupsPerTest(): { push(cleanup: () => unknown): void } {
  const pending: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of pending.splice(0).reverse()) await cleanup();
  });
  return { push: (cleanup) => void pending.push(cleanup) };
}
