import { Writable } from "node:stream";
import { PROTOCOL_VERSION } from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { submitBpm } from "@pos-tui/testkit/submit-bpm";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

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
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent", maxStake: 100n });
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
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent", maxStake: 100n });
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
    server = await each.start({ port: 0, roundMs: 300, logger, maxStake: 300n });
    const alice = await json(server.port, "100", "alice");
    expect(alice.welcome.stakeChange).toBeUndefined();
    // The server remembers an offline key that won a block (one that never did is forgotten, and comes
    // back as new): alice wins a block in the first round her stake counts in.
    alice.submitFor(await alice.expect("round", 5000));
    await alice.expect("block", 5000);
    const watcher = await JsonClient.watcher(server.port);
    clients.push(watcher);
    alice.close();
    await waitFor(
      () => !server!.consensus.validators.isOnline(alice.keys!.publicKey),
      10_000,
      "alice offline",
    );

    // Above the cap on the way back in: refused like any other stake.
    const greedy = await LineClient.open(server.port);
    clients.push(greedy);
    greedy.send(hello("301", alice.keys!.publicKey, "alice"));
    expect((await JsonClient.expect(greedy, "error")).code).toBe("STAKE_TOO_HIGH");

    const back = await json(server.port, "200", "alice", alice.keys);
    expect(back.welcome.stakeChange).toEqual({ from: "100", to: "200" });
    // Pushes are batched and the watcher may first get alice's original join: wait for the new stake.
    const key = alice.keys!.publicKey;
    const carries = (line: string) =>
      line.includes('"type":"validators"') &&
      (
        JSON.parse(line) as { changes: Array<{ validator: string; stake: string; online: boolean }> }
      ).changes.some((c) => c.validator === key && c.stake === "200" && c.online);
    await watcher.client.next(carries, 5000);
    const logged = lines.find((l) => /came back with stake 200 \(was 100\)/.test(l.msg));
    expect(logged).toMatchObject({ from: "100", to: "200", name: "alice" });
  });
});

describe("names", () => {
  it("nc: name at any prompt, unique regardless of case, shown quoted with (you) on your own row", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const ada = await nc(server.port);
    ada.send("help\n");
    expect(await ada.next((l) => l.startsWith("  name"))).toMatch(/name NAME/);
    ada.send("name Ada\n");
    expect(await ada.next((l) => l.startsWith("you will be"))).toBe(
      'you will be "Ada" once you type your token balance',
    );
    ada.send("40\n");
    expect(await ada.nextStartingWith("welcome, validator")).toMatch(/ with stake 40 as "Ada"$/);

    const other = await nc(server.port);
    other.send("name aDA\n");
    expect(await other.next()).toMatch(
      /^error: the name "aDA" belongs to validator [0-9a-f]{8}: pick another name$/,
    );
    expect(await other.next()).toBe(BALANCE_PROMPT);
    other.send("10\n");
    await other.nextStartingWith(BPM_PROMPT);
    other.send("name \u001b[31mAda\n");
    expect(await other.next()).toMatch(/^error: the name "Ada" belongs to/);
    expect(await other.next()).toBe(BPM_PROMPT);
    other.send("name bob\n");
    expect(await other.next()).toBe('you are now "bob"');
    expect(await other.next()).toBe(BPM_PROMPT);

    // A JSON hello with a taken name is refused and closed.
    const thief = await LineClient.open(server.port);
    clients.push(thief);
    thief.send(hello("5", "cd".repeat(32), "ADA"));
    const refused = await JsonClient.expect(thief, "error");
    expect(refused.code).toBe("NAME_TAKEN");
    expect(refused.message).toMatch(/"ADA" belongs to validator/);
    await thief.waitClosed();

    // And the other way: a JSON validator's name cannot be taken over nc.
    await json(server.port, "20", "carol");
    ada.send("name Carol\n");
    expect(await ada.nextStartingWith("error:")).toMatch(/^error: the name "Carol" belongs to validator/);

    other.send("validators\n");
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push(await other.next());
    expect(rows.find((r) => r.includes('"bob"'))).toMatch(/ online "bob" \(you\)$/);
    expect(rows.find((r) => r.includes('"Ada"'))).toMatch(/ online "Ada"$/);
    expect(rows.filter((r) => r.includes("(you)"))).toHaveLength(1);
  });

  it("nc: the winner's own line says (you); the others' lines do not", async () => {
    server = await each.start({ port: 0, roundMs: 400, logLevel: "silent" });
    const winner = await nc(server.port);
    winner.send("name ada\n");
    winner.send("10\n");
    await winner.nextStartingWith(BPM_PROMPT);
    const onlooker = await nc(server.port);
    await submitBpm(winner, 72);
    const mine = await winner.nextStartingWith("winning validator: ", 5000);
    const theirs = await onlooker.nextStartingWith("winning validator: ", 5000);
    expect(mine).toMatch(/^winning validator: [0-9a-f]{64} "ada" \(you\) \(block 1, round \d+: ticket/);
    expect(theirs).toBe(mine.replace(" (you)", ""));
  });
});
