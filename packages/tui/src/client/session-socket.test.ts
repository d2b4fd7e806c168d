import { createServer, type Server, type Socket } from "node:net";
import type { ServerMessage } from "@pos-tui/core";
import { type RunningServer, startServer } from "@pos-tui/server";
import { testKeys } from "@pos-tui/testkit/chain";
import { afterEach, describe, expect, it } from "vitest";
import type { ConnectionState } from "./connection-state.js";
import { SessionSocket, type SessionSocketEvents, type SessionSocketOptions } from "./session-socket.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(port = 0): Promise<RunningServer> {
  const running = await startServer({ host: "127.0.0.1", port, roundMs: 60_000, logLevel: "silent" });
  cleanups.push(() => running.close());
  return running;
}

function session(port: number, options: Partial<SessionSocketOptions> = {}) {
  const socket = new SessionSocket({ host: "127.0.0.1", port, hello: { role: "watcher" }, ...options });
  const states: ConnectionState["kind"][] = [];
  const messages: ServerMessage[] = [];
  socket.on("state", (state) => states.push(state.kind));
  socket.on("message", (message) => messages.push(message));
  cleanups.push(() => socket.close());
  return { socket, states, messages };
}

/** The next event of `name` that `match` accepts, or a rejection after `timeoutMs`. */
function next<E extends keyof SessionSocketEvents>(
  socket: SessionSocket,
  name: E,
  match: (...args: SessionSocketEvents[E]) => boolean,
  timeoutMs = 10_000,
): Promise<SessionSocketEvents[E]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: SessionSocketEvents[E]) => {
      if (!match(...args)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(args);
    };
    const timer = setTimeout(() => {
      socket.off(name, listener as never);
      reject(new Error(`no matching ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(name, listener as never);
  });
}

const stateNamed = (socket: SessionSocket, kind: ConnectionState["kind"]) =>
  next(socket, "state", (state) => state.kind === kind).then(([state]) => state);

/** A stand-in server: `answer` is called with each line a client sends (lines are short here). */
async function fakeServer(
  answer: (line: string, socket: Socket) => void,
): Promise<{ port: number; server: Server }> {
  const server = createServer((socket: Socket) => {
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter(Boolean)) answer(line, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, server };
}

describe("SessionSocket against a real pos-server", () => {
  it("says hello as a watcher and is welcomed; sends only once welcomed", async () => {
    const srv = await server();
    const { socket, states, messages } = session(srv.port);
    expect(socket.send({ type: "proof", round: 0 })).toBe(false);
    await socket.connected();
    expect(states).toEqual(["connecting", "connected"]);
    expect(messages[0]?.type).toBe("welcome");
    expect(socket.ready).toBe(true);
    expect(socket.send({ type: "chain", limit: 1 })).toBe(true);
    const [answer] = await next(socket, "message", (m) => m.type === "chain");
    expect(answer.type === "chain" && answer.blocks.map((b) => b.Index)).toEqual([0]);
  });

  it("answers the challenge with its key and is welcomed as that validator", async () => {
    const srv = await server();
    const keys = testKeys(1);
    const { socket, messages } = session(srv.port, {
      hello: { role: "validator", name: "alice", stake: 40n, keys },
    });
    await socket.connected();
    const welcome = messages[0];
    expect(welcome?.type).toBe("welcome");
    if (welcome?.type !== "welcome") return;
    expect(welcome.validators.map((v) => [v.validator, v.name, v.stake])).toEqual([
      [keys.publicKey, "alice", "40"],
    ]);
  });

  it("without reconnect, a refused handshake closes with the server's reason", async () => {
    const srv = await server();
    const hello = { role: "validator", name: "alice", stake: 10n, keys: testKeys(2) } as const;
    const first = session(srv.port, { hello });
    await first.socket.connected();
    const second = session(srv.port, { hello: { ...hello, name: "again" } });
    await expect(second.socket.connected()).rejects.toThrow(/^KEY_ONLINE: /);
    expect(second.states).toEqual(["connecting", "closed"]);
    expect(second.socket.socket).toBeNull();
  });

  it("with reconnect, comes back as the same validator once a restarted server listens again", async () => {
    const srv = await server();
    const port = srv.port;
    const keys = testKeys(3);
    const { socket, states } = session(port, {
      hello: { role: "validator", name: "bob", stake: 25n, keys },
      reconnect: { policy: { baseMs: 20, capMs: 40 }, random: () => 0 },
    });
    await socket.connected();
    const reconnecting = stateNamed(socket, "reconnecting");
    await srv.close();
    const lost = await reconnecting;
    expect(lost).toMatchObject({
      kind: "reconnecting",
      attempt: 1,
      reason: expect.stringMatching(/^the server said bye: /),
    });
    // Refused attempts while the server is down keep backing off without giving up.
    await next(socket, "state", (state) => state.kind === "reconnecting" && state.attempt >= 2);
    const again = await server(port);
    const welcomed = next(socket, "message", (m) => m.type === "welcome");
    await stateNamed(socket, "connected");
    const [welcome] = await welcomed;
    expect(welcome.type === "welcome" && welcome.validators.map((v) => v.validator)).toEqual([
      keys.publicKey,
    ]);
    expect(states.slice(0, 3)).toEqual(["connecting", "connected", "reconnecting"]);
    expect(states.at(-1)).toBe("connected");
    expect(again.connectionCount()).toBe(1);
  });

  it("lean mode drops the pushes it skips unread and hands raw ones over unparsed", async () => {
    const srv = await server();
    const lean = session(srv.port, {
      hello: { role: "validator", name: "lean", stake: 5n, keys: testKeys(4) },
      lean: { skip: ["validators"], raw: ["welcome"] },
    });
    const raw: string[] = [];
    lean.socket.on("raw", (type, line) => raw.push(`${type} ${line.slice(0, 17)}`));
    const full = session(srv.port);
    await Promise.all([lean.socket.connected(), full.socket.connected()]);
    expect(raw).toEqual(['welcome {"type":"welcome"']);
    const parsedHere = (messages: ServerMessage[]) =>
      messages.filter((m) => m.type === "welcome" || m.type === "validators").map((m) => m.type);
    expect(parsedHere(lean.messages)).toEqual([]);

    // A third validator joins: both hear it, only the full session parses it into a message.
    const leanHeard = next(lean.socket, "line", (line) => line.startsWith('{"type":"validators"'));
    const fullHeard = next(full.socket, "message", (m) => m.type === "validators");
    const joiner = session(srv.port, {
      hello: { role: "validator", name: "carol", stake: 7n, keys: testKeys(5) },
    });
    await joiner.socket.connected();
    await Promise.all([leanHeard, fullHeard]);
    expect(parsedHere(lean.messages)).toEqual([]);
    expect(parsedHere(full.messages)).toEqual(["welcome", "validators"]);
  });

  it("close ends the session for good, even with reconnect on", async () => {
    const srv = await server();
    const { socket, states } = session(srv.port, { reconnect: { policy: { baseMs: 1, capMs: 1 } } });
    await socket.connected();
    await socket.close();
    expect(socket.state).toEqual({ kind: "closed", reason: "you quit" });
    expect(states).toEqual(["connecting", "connected", "closed"]);
    expect(socket.socket).toBeNull();
    socket.start();
    expect(socket.state.kind).toBe("closed");
    await expect(socket.connected()).rejects.toThrow("you quit");
  });
});

describe("SessionSocket against a hostile server", () => {
  it("strips escape sequences and control characters from the reasons it reports", async () => {
    const hostile = await fakeServer((_line, socket) =>
      socket.end(
        '{"type":"error","code":"AUTH\\u001b[2J_FAILED","message":"go\\u001b]0;owned\\u0007ne\\r\\nnow"}\n',
      ),
    );
    const { socket } = session(hostile.port);
    await expect(socket.connected()).rejects.toThrow("AUTH_FAILED: gonenow");
  });

  it("a bye's reason is stripped too", async () => {
    const hostile = await fakeServer((_line, socket) =>
      socket.end('{"type":"bye","reason":"\\u001b[31mserver\\u0000 stopping\\u001b[0m"}\n'),
    );
    const { socket } = session(hostile.port);
    await expect(socket.connected()).rejects.toThrow("the server said bye: server stopping");
  });
});
