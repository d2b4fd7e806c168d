import { ErrorCode, encodeMessage, keyPairFromSeed, PROTOCOL_VERSION } from "@pos-tui/core";
import { buildChain } from "@pos-tui/testkit/chain";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryStore } from "./chain/store.js";
import { BALANCE_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

let server: RunningServer | undefined;
const clients: LineClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

const BYE = { type: "bye", code: ErrorCode.ShuttingDown, reason: "the server is shutting down" };

describe("how the server closes a connection, in each dialect", () => {
  it("on shutdown: nc hears goodbye; JSON clients, welcomed or mid-handshake, get bye with SHUTTING_DOWN", async () => {
    server = await startServer({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const text = await LineClient.open(server.port);
    clients.push(text);
    await text.nextStartingWith(BALANCE_PROMPT);
    const watcher = await JsonClient.watcher(server.port);
    clients.push(watcher.client);
    const halfway = await LineClient.open(server.port);
    clients.push(halfway);
    halfway.send(
      encodeMessage({
        type: "hello",
        version: PROTOCOL_VERSION,
        role: "validator",
        stake: "10",
        publicKey: keyPairFromSeed(new Uint8Array(32).fill(7)).publicKey,
      }),
    );
    await JsonClient.expect(halfway, "challenge");

    await server.close();
    expect(await text.next()).toBe("server shutting down: goodbye");
    expect(await watcher.expect("bye")).toEqual(BYE);
    expect(await JsonClient.expect(halfway, "bye")).toEqual(BYE);
    for (const c of [text, watcher.client, halfway]) await c.waitClosed();
  });

  it("a JSON line over the limit is answered with LINE_TOO_LONG, then the connection closes", async () => {
    server = await startServer({ port: 0, roundMs: 60_000, maxLineBytes: 1024, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    clients.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.send(`{"type":"hello","name":"${"x".repeat(2000)}"}\n`);
    expect(JSON.parse(await client.next((l) => l.startsWith("{")))).toEqual({
      type: "error",
      code: ErrorCode.LineTooLong,
      message: "lines are limited to 1024 bytes: connection closed",
    });
    await client.waitClosed();
  });

  it("a client that stops reading past the output cap is dropped, with SLOW_CONSUMER as its last line", async () => {
    const { log, lines } = memoryLogger("warn");
    server = await startServer({
      port: 0,
      roundMs: 60_000,
      logger: log,
      store: new MemoryStore(buildChain(999)),
    });
    const slow = await JsonClient.watcher(server.port);
    clients.push(slow.client);
    slow.client.socket.pause();
    // Each answer is ~450 KB: far more than the 1 MiB cap plus what the kernel buffers.
    for (let i = 0; i < 60; i++) slow.send({ type: "chain", limit: 1000 });
    await waitFor(
      () => lines.some((l) => l.msg === "dropped a client that stopped reading"),
      15_000,
      "the slow reader dropped",
    );
    // Caught up at last, it reads everything that was queued, then why it was dropped.
    slow.client.socket.resume();
    await slow.client.waitClosed(10_000);
    expect(JSON.parse(slow.client.lines.at(-1)!)).toEqual({
      type: "error",
      code: ErrorCode.SlowConsumer,
      message:
        "more than 1048576 bytes were waiting for you to read them: connection closed, reconnect to catch up",
    });
  });
});
