import { Writable } from "node:stream";
import { PROTOCOL_VERSION } from "@pos-tui/core";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";
import { JsonClient, LineClient } from "./testing/line-client.js";

let server: RunningServer | undefined;
const clients: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

/** A logger whose JSON lines land in `lines`, to check what the teacher's log says. */
function capturedLogger() {
  const lines: Array<{ msg: string } & Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, stream) };
}

async function nc(port: number): Promise<LineClient> {
  const client = await LineClient.open(port);
  clients.push(client);
  expect(await client.next()).toBe(BALANCE_PROMPT);
  return client;
}

async function json(port: number, stake: string, name?: string, keys?: JsonClient["keys"]) {
  const client = await JsonClient.validator(port, stake, name, keys ?? undefined);
  clients.push(client);
  return client;
}

function hello(stake: string, publicKey: string, name?: string): string {
  return `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake, publicKey, ...(name ? { name } : {}) })}\n`;
}

describe("stake cap (--max-stake)", () => {
  it("nc: a stake above the cap is refused with the cap named and the prompt again", async () => {
    server = await startServer({ port: 0, roundMs: 60_000, logLevel: "silent", maxStake: 100n });
    const student = await nc(server.port);
    student.send("101\n");
    expect(await student.next()).toBe(
      "error: the stake 101 is above this server's cap of 100 tokens: stake at most 100",
    );
    expect(await student.next()).toBe(BALANCE_PROMPT);
    student.send("100\n");
    expect(await student.next()).toMatch(/^welcome, validator [0-9a-f]{64} with stake 100$/);
    expect(await student.next()).toBe(BPM_PROMPT);
  });

  it("JSON: a hello or a stake request above the cap gets STAKE_TOO_HIGH", async () => {
    server = await startServer({ port: 0, roundMs: 60_000, logLevel: "silent", maxStake: 100n });
    const greedy = await LineClient.open(server.port);
    clients.push(greedy);
    greedy.send(hello("1000", "ab".repeat(32)));
    const refused = await JsonClient.expect(greedy, "error");
    expect(refused.code).toBe("STAKE_TOO_HIGH");
    expect(refused.message).toMatch(/cap of 100 tokens/);
    await greedy.waitClosed();

    const alice = await json(server.port, "100", "alice");
    alice.send({ type: "stake", stake: "250" });
    const error = await alice.expect("error");
    expect(error.code).toBe("STAKE_TOO_HIGH");
    expect(error.message).toMatch(/stake at most 100/);
    expect(server.consensus.validators.info(alice.keys!.publicKey)?.stake).toBe("100");
  });

  it("a returning key that asks for another stake is told in its welcome, and the change is logged and pushed", async () => {
    const { lines, logger } = capturedLogger();
    server = await startServer({ port: 0, roundMs: 60_000, logger, maxStake: 300n });
    const alice = await json(server.port, "100", "alice");
    expect(alice.welcome.stakeChange).toBeUndefined();
    const watcher = await JsonClient.watcher(server.port);
    clients.push(watcher);
    alice.close();
    await vi.waitFor(() => expect(server!.consensus.validators.isOnline(alice.keys!.publicKey)).toBe(false));

    // Above the cap on the way back in: refused like any other stake.
    const greedy = await LineClient.open(server.port);
    clients.push(greedy);
    greedy.send(hello("301", alice.keys!.publicKey, "alice"));
    expect((await JsonClient.expect(greedy, "error")).code).toBe("STAKE_TOO_HIGH");

    const back = await json(server.port, "200", "alice", alice.keys);
    expect(back.welcome.stakeChange).toEqual({ from: "100", to: "200" });
    const pushed = await watcher.client.next(
      (line) =>
        line.includes('"type":"validators"') &&
        line.includes(`"validator":"${alice.keys!.publicKey}"`) &&
        line.includes('"online":true'),
    );
    expect(JSON.parse(pushed).changes[0]).toMatchObject({ stake: "200", online: true });
    const logged = lines.find((l) => /came back with stake 200 \(was 100\)/.test(l.msg));
    expect(logged).toMatchObject({ from: "100", to: "200", name: "alice" });
  });
});
