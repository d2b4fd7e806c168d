import { ErrorCode } from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

/** A server whose clock only moves when the test says so. */
async function fullServer(maxClients: number) {
  const clock = { t: Date.UTC(2026, 10, 28, 9) };
  server = await each.start({
    port: 0,
    roundMs: 600_000,
    maxClients,
    idleGraceMs: 10_000,
    logLevel: "silent",
    now: () => clock.t,
  });
  return clock;
}

async function silent(n: number): Promise<LineClient[]> {
  const opened: LineClient[] = [];
  for (let i = 0; i < n; i++) {
    const c = await LineClient.open(server!.port);
    await c.nextStartingWith(BALANCE_PROMPT);
    opened.push(c);
  }
  clients.push(...opened);
  return opened;
}

describe("silent sockets", () => {
  it("20 silent sockets on a full server: past the grace period a real client gets in, the oldest goes", async () => {
    const clock = await fullServer(20);
    const quiet = await silent(20);
    // Inside the grace period, the server stays full.
    const early = await LineClient.open(server!.port);
    expect(await early.next()).toMatch(/^error: server full/);
    await early.waitClosed();

    clock.t += 10_000;
    const alice = await JsonClient.validator(server!.port, "100", "alice");
    clients.push(alice.client);
    expect(alice.welcome.you?.name).toBe("alice");
    expect(await quiet[0]!.nextStartingWith("error:")).toMatch(/server is full .* had not identified/);
    await quiet[0]!.waitClosed();
    expect(quiet.slice(1).every((c) => !c.closed)).toBe(true);

    // The next newcomer pushes out the next oldest, and so on.
    const bob = await LineClient.open(server!.port);
    clients.push(bob);
    expect(await bob.next()).toBe(BALANCE_PROMPT);
    await quiet[1]!.waitClosed();
    expect(quiet.slice(2).every((c) => !c.closed)).toBe(true);
    expect(server!.connectionCount()).toBe(20);
  });

  it("never evicts someone who typed a balance or a welcomed watcher: then full means full", async () => {
    const clock = await fullServer(3);
    const [person] = await silent(1);
    clock.t += 60_000;
    person!.send("50\n");
    await person!.nextStartingWith(BPM_PROMPT);
    const watcher = await JsonClient.watcher(server!.port);
    const validator = await JsonClient.validator(server!.port, "10");
    clients.push(watcher.client, validator.client);
    clock.t += 60_000;
    const late = await LineClient.open(server!.port);
    expect(await late.next()).toMatch(/^error: server full/);
    await late.waitClosed();
    expect([person!, watcher.client, validator.client].every((c) => !c.closed)).toBe(true);
  });

  it("a person who takes a minute to type a balance is not cut off while there is room", async () => {
    const clock = await fullServer(5);
    const [slow] = await silent(1);
    clock.t += 60_000;
    // Others come and go meanwhile; there is room, so nobody is evicted.
    const others = await silent(3);
    for (const o of others) o.close();
    await waitFor(() => server!.connectionCount() === 1);
    slow!.send("25\n");
    expect(await slow!.next()).toMatch(/^welcome, validator [0-9a-f]{64} with stake 25/);
  });

  it("a partial JSON first line gets the handshake deadline", async () => {
    server = await each.start({ port: 0, roundMs: 600_000, handshakeMs: 300, logLevel: "silent" });
    const partial = await LineClient.open(server.port);
    clients.push(partial);
    partial.send('{"type":"hel');
    const error = await JsonClient.expect(partial, "error", 5000);
    expect(error.code).toBe(ErrorCode.HandshakeTimeout);
    await partial.waitClosed();
    await waitFor(() => server!.connectionCount() === 0);
  });

  it("a JSON client mid-handshake on a full server is told SERVER_FULL when evicted", async () => {
    const clock = await fullServer(1);
    const pending = await LineClient.open(server!.port);
    clients.push(pending);
    pending.send(
      `{"type":"hello","version":1,"role":"validator","stake":"5","publicKey":"${"cd".repeat(32)}"}\n`,
    );
    await JsonClient.expect(pending, "challenge");
    clock.t += 10_000;
    const next = await LineClient.open(server!.port);
    clients.push(next);
    expect(await next.next()).toBe(BALANCE_PROMPT);
    expect((await JsonClient.expect(pending, "error")).code).toBe(ErrorCode.ServerFull);
    await pending.waitClosed();
  });
});
