import { createConnection, createServer, type Server, type Socket } from "node:net";

/** Which way a line travels through the proxy. */
export type Direction = "toClient" | "toServer";

export interface LineContext {
  direction: Direction;
  /** 1 for the first client connection through this proxy, 2 for the next, ...: lies across a reconnect. */
  connection: number;
}

/**
 * Decides what the other side receives instead of `line` (given without its `\n`): the line itself,
 * another line, several lines, or nothing (null). Keeps whatever state the lie needs in its closure.
 */
export type RewriteLine = (line: string, context: LineContext) => string | readonly string[] | null;

export interface LyingProxyOptions {
  /** The real server. */
  port: number;
  host?: string;
  rewrite: RewriteLine;
}

export interface LyingProxy {
  /** Where clients connect instead of the server (an ephemeral port on 127.0.0.1). */
  port: number;
  /** Client connections accepted so far. */
  readonly connections: number;
  /** Cuts every client (and its server side) off, keeps listening: a reconnect comes back through it. */
  dropClients(): void;
  close(): Promise<void>;
}

/**
 * A man in the middle between a real server and its clients that rewrites chosen lines, so tests can
 * show a client catching a server that lies. Lines are split on `\n`; a line still unfinished when a
 * side closes is passed on as it is.
 */
export async function startLyingProxy(options: LyingProxyOptions): Promise<LyingProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((client) => {
    const connection = ++connections;
    const upstream = createConnection({ host: options.host ?? "127.0.0.1", port: options.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    pipeLines(client, upstream, (line) => options.rewrite(line, { direction: "toServer", connection }));
    pipeLines(upstream, client, (line) => options.rewrite(line, { direction: "toClient", connection }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no TCP port");
  const dropClients = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    get connections() {
      return connections;
    },
    dropClients,
    close() {
      dropClients();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function pipeLines(from: Socket, to: Socket, rewrite: (line: string) => string | readonly string[] | null) {
  let pending = "";
  from.setEncoding("utf8");
  from.on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop()!;
    let out = "";
    for (const line of parts) {
      const result = rewrite(line);
      if (result === null) continue;
      for (const text of typeof result === "string" ? [result] : result) out += `${text}\n`;
    }
    if (out !== "" && !to.destroyed) to.write(out);
  });
  from.on("end", () => {
    if (!to.destroyed) to.end(pending);
  });
  // A reset (or dropClients) on one side resets the other; a clean end was passed on above.
  from.on("close", (hadError) => {
    if (hadError || !from.readableEnded) to.destroy();
  });
}

/**
 * A RewriteLine for JSON lines: `edit` gets each parsed message and returns what to send instead (the
 * same object, edited in place, is fine) or null to drop it; text lines and broken JSON pass as they are.
 */
export function rewriteJson(
  edit: (message: Record<string, unknown>, context: LineContext) => Record<string, unknown> | null,
): RewriteLine {
  return (line, context) => {
    if (!line.startsWith("{")) return line;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return line;
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) return line;
    const edited = edit(message as Record<string, unknown>, context);
    return edited === null ? null : JSON.stringify(edited);
  };
}
