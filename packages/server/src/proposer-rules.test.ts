import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type BlockRecord, keyPairFromSeed, type RuleName, signBlock } from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { cleanupsPerTest, perTest } from "@pos-tui/testkit/per-test";
import { SERVER_BIN } from "@pos-tui/testkit/spawn-server";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { ChainStore } from "./chain/store.js";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { ManualRoundClock } from "./round-clock.js";
import { startServer } from "./server.js";
import { FileStore } from "./store/file-store.js";
import { decodeLine, encodeRecord, LOG_FILE } from "./store/log-format.js";

const run = promisify(execFile);
const each = perTest(startServer);
const cleanups = cleanupsPerTest();
const silent = pino({ level: "silent" });

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pos-rules-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A person on nc: types a balance, then a BPM each round. */
async function textNode(port: number, stake: string): Promise<{ client: LineClient; address: string }> {
  const client = await LineClient.open(port);
  each.clients.push(client);
  await client.nextStartingWith(BALANCE_PROMPT);
  client.send(`${stake}\n`);
  const welcome = await client.next((l) => /[0-9a-f]{64}/.test(l));
  await client.nextStartingWith(BPM_PROMPT);
  return { client, address: /([0-9a-f]{64})/.exec(welcome)![1]! };
}

/**
 * Three nc nodes of stakes 1, 2, 3 under `rule`, each typing a BPM every round on the manual round
 * clock until `blocks` blocks are made. Returns every node's winning lines and the wins per node.
 */
async function playNc(rule: RuleName, blocks: number, store?: ChainStore) {
  const clock = new ManualRoundClock();
  const server = await each.start({
    port: 0,
    roundMs: 50,
    roundClock: clock,
    logLevel: "silent",
    rule,
    ...(store ? { store } : {}),
  });
  const nodes = await Promise.all(["1", "2", "3"].map((s) => textNode(server.port, s)));
  // They joined in round 1; their stakes count from round 2.
  await clock.closeRound();
  const lines: string[] = [];
  const wins = [0, 0, 0];
  for (let b = 0; b < blocks; b++) {
    for (const [i, { client }] of nodes.entries()) client.send(`${60 + i}\n`);
    for (const { client } of nodes) await client.nextStartingWith("accepted:");
    await clock.closeRound();
    const seen = await Promise.all(nodes.map(({ client }) => client.nextStartingWith("winning validator: ")));
    lines.push(seen[0]!);
    const winner = nodes.findIndex((n) => seen[0]!.startsWith(`winning validator: ${n.address}`));
    expect(winner).toBeGreaterThanOrEqual(0);
    wins[winner]!++;
  }
  return { server, nodes, lines, wins };
}

const verify = (dir: string) =>
  run(process.execPath, [SERVER_BIN, "verify", "--data", dir]).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe("proposer rules end to end (real TCP, nc-style nodes)", () => {
  it("--rule round-robin, stakes 1/2/3 submitting every round: 12 blocks split 2/4/6", async () => {
    const { lines, wins } = await playNc("round-robin", 12);
    // CometBFT's bound is N - 1 = 2 of the exact share; over two full cycles of the total stake it is exact.
    expect(wins).toEqual([2, 4, 6]);
    expect(lines[0]).toMatch(
      /\(block 1, round 2: round robin, highest priority 3 of 3 candidates; it drops by the total stake 6\)$/,
    );
  }, 60_000);

  it("a round-robin file log passes `pos-server verify`, which names the rule", async () => {
    const dir = await dataDir();
    const store = await FileStore.open({ dir, repair: false, logger: silent });
    const { server, wins } = await playNc("round-robin", 12, store);
    expect(wins).toEqual([2, 4, 6]);
    await server.close();
    const report = await verify(dir);
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/valid\n {2}blocks {7}13 \(tip 12/);
    expect(report.stdout).toMatch(/rule {9}round-robin: every winner replayed/);
    const { stdout } = await run(process.execPath, [SERVER_BIN, "verify", "--data", dir, "--json"]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, rules: [{ rule: "round-robin", fromBlock: 1 }] });
  }, 60_000);

  it("--rule pool: the winning line names the pool entry, the block push and the proof say pool", async () => {
    const clock = new ManualRoundClock();
    const server = await each.start({
      port: 0,
      roundMs: 50,
      roundClock: clock,
      logLevel: "silent",
      rule: "pool",
    });
    const watcher = await JsonClient.watcher(server.port);
    each.clients.push(watcher.client);
    const nodes = await Promise.all(["1", "2", "3"].map((s) => textNode(server.port, s)));
    await clock.closeRound();
    for (const { client } of nodes) client.send("70\n");
    for (const { client } of nodes) await client.nextStartingWith("accepted:");
    await clock.closeRound();
    const line = await nodes[0]!.client.nextStartingWith("winning validator: ");
    expect(line).toMatch(/round 2: pool entry [0-5] of 6 is one of its entries \d\.\.\d\)$/);
    const push = await watcher.expect("block");
    expect(push.lottery).toMatchObject({ rule: "pool", total: "6" });
    watcher.send({ type: "proof", round: push.lottery.round });
    const proof = await watcher.expect("proof");
    expect(proof.rule).toBe("pool");
    expect(proof.priorities).toBeUndefined();
  }, 30_000);

  it("pool: a round whose candidates stake more than 10,000,000 in all makes no block, and the log says why", async () => {
    const clock = new ManualRoundClock();
    const logged: Record<string, unknown>[] = [];
    const logger = pino(
      { level: "info" },
      { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const server = await each.start({ port: 0, roundMs: 50, roundClock: clock, logger, rule: "pool" });
    const nodes = await Promise.all(["6000000", "5000000"].map((s) => textNode(server.port, s)));
    const program = await JsonClient.validator(server.port, "1");
    each.clients.push(program.client);
    await clock.closeRound();
    for (const { client } of nodes) client.send("70\n");
    program.submitFor(await program.expect("round"));
    for (const { client } of nodes) await client.nextStartingWith("accepted:");
    await program.expect("accepted");
    await clock.closeRound();
    expect(await program.expect("error")).toMatchObject({
      code: "POOL_TOO_LARGE",
      message: expect.stringMatching(/^round 2 made no block: .* total stake of 11,000,001/),
    });
    const refusal = logged.find((l) => l.code === "POOL_TOO_LARGE");
    expect(refusal).toMatchObject({ level: 50, round: 2, total: "11000001", limit: "10000000" });
    expect(String(refusal!.msg)).toMatch(/round 2 made no block: .*one entry per staked token/);
    expect(server.consensus.length).toBe(1);
    // Each candidate hears why its round made no block, and what to do.
    for (const { client } of nodes)
      expect(await client.nextStartingWith("error: round 2 made no block")).toMatch(/Lower the stakes/);
  }, 30_000);

  it("pool: without --max-stake a single stake is capped at the pool's size", async () => {
    const server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent", rule: "pool" });
    const client = await LineClient.open(server.port);
    each.clients.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.send("10000001\n");
    expect(await client.next()).toMatch(/^error: .*10000000/);
  });

  it("the round robin's proof answer carries the priority table the round ran on", async () => {
    const clock = new ManualRoundClock();
    const server = await each.start({
      port: 0,
      roundMs: 50,
      roundClock: clock,
      logLevel: "silent",
      rule: "round-robin",
    });
    const keys = [1, 2].map((n) => keyPairFromSeed(new Uint8Array(32).fill(n)));
    const clients = await Promise.all(
      keys.map((k, i) => JsonClient.validator(server.port, String(i + 1), `v${i}`, k)),
    );
    each.clients.push(...clients.map((c) => c.client));
    await clock.closeRound();
    const rounds = await Promise.all(clients.map((c) => c.expect("round")));
    for (const [i, c] of clients.entries()) c.submitFor(rounds[i]!);
    await Promise.all(clients.map((c) => c.expect("accepted")));
    await clock.closeRound();
    const push = await clients[0]!.expect("block");
    expect(push.lottery).toMatchObject({ rule: "round-robin", total: "3", ticket: "2" });
    clients[0]!.send({ type: "proof", round: push.lottery.round });
    const proof = await clients[0]!.expect("proof");
    expect(proof.rule).toBe("round-robin");
    expect(proof.priorities).toEqual(
      proof.candidates.map((c) => ({ validator: c.validator, priority: "0" })),
    );
  }, 30_000);
});

describe("a chain log keeps its rule", () => {
  /** A round-robin log of 4 blocks made by two JSON validators whose keys the test holds. */
  async function roundRobinLog() {
    const dir = await dataDir();
    const clock = new ManualRoundClock();
    const store = await FileStore.open({ dir, repair: false, logger: silent });
    const server = await each.start({
      port: 0,
      roundMs: 50,
      roundClock: clock,
      logLevel: "silent",
      rule: "round-robin",
      store,
    });
    const keys = [1, 2, 3].map((n) => keyPairFromSeed(new Uint8Array(32).fill(n + 10)));
    const clients = await Promise.all(
      keys.map((k, i) => JsonClient.validator(server.port, String(i + 1), undefined, k)),
    );
    each.clients.push(...clients.map((c) => c.client));
    await clock.closeRound();
    for (let b = 0; b < 4; b++) {
      const rounds = await Promise.all(clients.map((c) => c.expect("round")));
      for (const [i, c] of clients.entries()) c.submitFor(rounds[i]!);
      await Promise.all(clients.map((c) => c.expect("accepted")));
      await clock.closeRound();
    }
    await server.close();
    return { dir, keys };
  }

  it("verify refuses a log whose round-robin winner was altered (re-signed by another candidate)", async () => {
    const { dir, keys } = await roundRobinLog();
    expect((await verify(dir)).code).toBe(0);
    const path = join(dir, LOG_FILE);
    const lines = (await readFile(path, "utf8")).trimEnd().split("\n");
    const decoded = decodeLine(Buffer.from(lines[3]!));
    if (!decoded.ok) throw new Error(decoded.message);
    const record = decoded.value as BlockRecord;
    const loser = keys.find((k) => k.publicKey !== record.block.Validator)!;
    const { Index, Timestamp, BPM, PrevHash } = record.block;
    const altered: BlockRecord = { ...record, block: signBlock({ Index, Timestamp, BPM, PrevHash }, loser) };
    lines[3] = encodeRecord(altered).toString("utf8").trimEnd();
    await writeFile(path, `${lines.join("\n")}\n`);
    const report = await verify(dir);
    expect(report.code).toBe(1);
    expect(report.stderr).toMatch(
      /block 3 at byte offset \d+ is bad: the highest priority this round is .* cannot propose \[BAD_RULE\]/,
    );
  }, 60_000);

  it("a start with another --rule than the log's is refused, saying what to do; --change-rule goes on", async () => {
    const { dir } = await roundRobinLog();
    const refused = await run(process.execPath, [
      SERVER_BIN,
      "--data",
      dir,
      "--port",
      "0",
      "--rule",
      "lottery",
    ]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(
      /chosen by --rule round-robin, not lottery: start with --rule round-robin \(or no --rule\) to go on, add --change-rule/,
    );
    const store = await FileStore.open({ dir, repair: false, logger: silent });
    const logged: Record<string, unknown>[] = [];
    const logger = pino({ level: "info" }, { write: (l: string) => void logged.push(JSON.parse(l)) });
    const server = await each.start({ port: 0, logger, store, rule: "lottery", changeRule: true });
    expect(server.consensus.rule).toBe("lottery");
    expect(logged.find((l) => l.from === "round-robin")?.msg).toMatch(
      /changes rule from round-robin to lottery/,
    );
  }, 60_000);
});
