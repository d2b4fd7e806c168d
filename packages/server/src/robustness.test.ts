import { randomBytes } from "node:crypto";
import { buildChain } from "@pos-tui/testkit/chain";
import { LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { submitBpm } from "@pos-tui/testkit/submit-bpm";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "./chain/store.js";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

/** A hostile line: random bytes (NUL and invalid UTF-8 included), huge numbers, or junk JSON. */
function junkLine(i: number): Buffer {
  const kinds = [
    () => randomBytes(1 + (i % 300)),
    () => Buffer.alloc(1 + (i % 50), 0),
    () => Buffer.from([0xc3, 0x28, 0xfe, 0xfe, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    () => Buffer.from("9".repeat(1 + (i % 400))),
    () => Buffer.from(`-${"1".repeat(30)}e999`),
    () => Buffer.from("\u001b[2J\u001b[31mred\u0007"),
  ];
  const line = kinds[i % kinds.length]!();
  // A line end inside (LF or CR) would split it into several lines, and a telnet command (0xFF) would
  // swallow bytes: either would break the count of answers. 0xFE is just as invalid in UTF-8.
  for (let j = 0; j < line.length; j++) {
    if (line[j] === 0x0a || line[j] === 0x0d) line[j] = 0x20;
    else if (line[j] === 0xff) line[j] = 0xfe;
  }
  return Buffer.concat([line, Buffer.from("\n")]);
}

describe("robustness over real TCP", () => {
  it("50 clients flooding 200 hostile lines each: every line answered, a normal client still served", async () => {
    server = await each.start({ port: 0, roundMs: 200, logLevel: "silent" });
    const normal = await LineClient.open(server.port);
    clients.push(normal);
    await normal.nextStartingWith(BALANCE_PROMPT);
    normal.send("10\n");
    await normal.nextStartingWith(BPM_PROMPT);

    const flooders = await Promise.all(Array.from({ length: 50 }, () => LineClient.open(server!.port)));
    clients.push(...flooders);
    const jsonFlooders = new Set(flooders.slice(0, 10));
    for (const [n, client] of flooders.entries()) {
      const lines = Array.from({ length: 200 }, (_, i) => junkLine(i + n));
      // Ten of them enter JSON mode with their first line; the rest stay in text mode.
      if (jsonFlooders.has(client)) lines[0] = Buffer.from('{"type":"hello"\n');
      else if (lines[0]![0] === 0x7b) lines[0]![0] = 0x20;
      client.socket.write(Buffer.concat(lines));
    }

    let served = 0;
    const normalLoop = (async () => {
      while (flooders.some((c) => answers(c, jsonFlooders.has(c)) < 200)) {
        normal.send("validators\n");
        await normal.nextStartingWith(BPM_PROMPT, 3000);
        served++;
      }
    })();

    await waitFor(() => flooders.every((c) => answers(c, jsonFlooders.has(c)) >= 200), 30_000);
    await normalLoop;
    expect(served).toBeGreaterThan(0);
    for (const c of flooders) {
      expect(c.closed).toBe(false);
      expect(answers(c, jsonFlooders.has(c))).toBe(200);
    }
    expect(server.connectionCount()).toBe(51);
  });

  it("drops a client that stops reading at the output cap while the others keep receiving blocks", async () => {
    server = await each.start({
      port: 0,
      roundMs: 300,
      logLevel: "silent",
      store: new MemoryStore(buildChain(999)),
    });
    const good = await LineClient.open(server.port);
    clients.push(good);
    await good.nextStartingWith(BALANCE_PROMPT);
    const slow = await LineClient.open(server.port);
    clients.push(slow);
    await slow.nextStartingWith(BALANCE_PROMPT);
    slow.socket.pause();
    expect(server.connectionCount()).toBe(2);
    // Each answer is ~450 KB; far more than the 1 MiB cap plus what the kernel buffers.
    for (let i = 0; i < 60; i++) slow.send("chain 1000\n");
    await waitFor(() => server!.connectionCount() === 1, 15_000);

    good.send("10\n");
    await good.nextStartingWith(BPM_PROMPT);
    await submitBpm(good, 70);
    expect(await good.nextStartingWith("winning validator:", 5000)).toContain("block 1000");
  });

  it("200 clients resetting mid-line leave the server at zero connections and alive", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const resetters = await Promise.all(Array.from({ length: 200 }, () => LineClient.open(server!.port)));
    await waitFor(() => server!.connectionCount() === 200);
    for (const [i, c] of resetters.entries()) {
      c.send(i % 2 ? "12345" : '{"type":"hel');
      c.socket.resetAndDestroy();
    }
    await waitFor(() => server!.connectionCount() === 0);
    const after = await LineClient.open(server.port);
    clients.push(after);
    expect(await after.next()).toBe(BALANCE_PROMPT);
  });

  it("closes a connection that sends a line over 64 KiB, after one error line", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.socket.write(Buffer.alloc(70 * 1024, 0x31));
    expect(await client.next()).toMatch(/^error: lines are limited to 65536 bytes/);
    await client.waitClosed();
  });

  it("refuses clients past --max-clients with a clear line", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, maxClients: 2, logLevel: "silent" });
    const a = await LineClient.open(server.port);
    const b = await LineClient.open(server.port);
    clients.push(a, b);
    await waitFor(() => server!.connectionCount() === 2);
    const c = await LineClient.open(server.port);
    expect(await c.next()).toMatch(/^error: server full \(2 clients\)/);
    await c.waitClosed();
    expect(server.connectionCount()).toBe(2);
  });
});

/** How many of its lines the server has answered: text mode ends each answer with a prompt. */
function answers(client: LineClient, json: boolean): number {
  if (json) return client.lines.filter((l) => l.startsWith('{"type":"error"')).length;
  // The greeting prompt came before any line was sent.
  return client.lines.filter((l) => l === BALANCE_PROMPT || l === BPM_PROMPT).length - 1;
}
