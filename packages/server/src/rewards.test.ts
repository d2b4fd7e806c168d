import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BlockRecord, concentration, type RewardMode, type ValidatorInfo } from "@pos-tui/core";
import { buildChain } from "@pos-tui/testkit/chain";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { cleanupsPerTest, perTest } from "@pos-tui/testkit/per-test";
import { runCli, SERVER_BIN } from "@pos-tui/testkit/spawn-server";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { concentrationLine } from "./net/concentration-line.js";
import { ManualRoundClock } from "./round-clock.js";
import { type RunningServer, startServer } from "./server.js";
import { FileStore } from "./store/file-store.js";
import { decodeLine, encodeRecord, LOG_FILE } from "./store/log-format.js";

const each = perTest(startServer);
const cleanups = cleanupsPerTest();
const logger = pino({ level: "silent" });

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pos-rewards-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dir: string, reward?: { amount: bigint; mode: RewardMode }, maxStake?: bigint) {
  const clock = new ManualRoundClock();
  const store = await FileStore.open({ dir, repair: false, logger });
  const server = await each.start({
    port: 0,
    roundMs: 60_000,
    roundClock: clock,
    store,
    logger,
    reward,
    maxStake,
  });
  return { server, clock };
}

/** Three validators submit in every round; returns each winning line an idle nc client read. */
async function play(server: RunningServer, clock: ManualRoundClock, rounds: number) {
  const validators = await Promise.all(
    ["100", "60", "40"].map((s, i) => JsonClient.validator(server.port, s, `v${i}`)),
  );
  const nc = await LineClient.open(server.port);
  each.clients.push(...validators, nc);
  await clock.closeRound(); // they joined in round 1: their stakes count from round 2
  const lines: string[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const v of validators) {
      v.submitFor(await v.expect("round"));
      await v.expect("accepted");
    }
    await clock.closeRound();
    lines.push(await nc.nextStartingWith("winning validator: "));
  }
  return { validators, lines, nc };
}

/** What a watcher's welcome says of every validator that won a block. */
async function winners(port: number): Promise<Map<string, ValidatorInfo>> {
  const watcher = await JsonClient.watcher(port);
  each.clients.push(watcher);
  const infos = watcher.welcome.validators.filter((v) => v.wins > 0);
  return new Map(infos.map((v) => [v.validator, { ...v, online: false }]));
}

const verify = (dir: string) => runCli(SERVER_BIN, ["verify", "--data", dir]);

describe("rewards and the stake ledger (file store, real TCP)", () => {
  it("compound: the winner line tells the new stake; a restart has the same stakes; verify replays the ledger", async () => {
    const dir = await dataDir();
    const { server, clock } = await start(dir, { amount: 10n, mode: "compound" });
    const { lines, nc, validators } = await play(server, clock, 6);
    for (const line of lines) expect(line).toMatch(/\), reward \+10, stake now \d+$/);
    const before = await winners(server.port);
    // The validators reply ends with the concentration of the stakes the rewards moved.
    const online = await JsonClient.watcher(server.port);
    each.clients.push(online);
    const stakes = online.welcome.validators.filter((v) => v.online).map((v) => BigInt(v.stake));
    nc.send("validators\n");
    expect(await nc.nextStartingWith("concentration")).toBe(concentrationLine(concentration(stakes)));
    const wins = [...before.values()].reduce((sum, v) => sum + v.wins, 0);
    expect(wins).toBe(6);
    // Every win added 10 to its winner's declared stake; nothing went to a balance.
    const declared: Record<string, bigint> = { v0: 100n, v1: 60n, v2: 40n };
    for (const v of before.values()) expect(BigInt(v.stake)).toBe(declared[v.name!]! + 10n * BigInt(v.wins));
    expect([...before.values()].every((v) => v.balance === undefined)).toBe(true);
    await server.close();

    const again = await start(dir, { amount: 10n, mode: "compound" });
    expect(await winners(again.server.port)).toEqual(before);
    // A winner who reconnects declaring its old stake gets the stake its rewards grew, not the old one.
    const [key, grown] = [...before.entries()][0]!;
    const keys = validators.find((v) => v.keys!.publicKey === key)!.keys!;
    const back = await JsonClient.validator(
      again.server.port,
      String(declared[grown.name!]),
      grown.name!,
      keys,
    );
    each.clients.push(back);
    expect(back.welcome.you?.stake).toBe(grown.stake);
    await again.server.close();

    const checked = await verify(dir);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain("log format 2: every stake in every proof replayed from the ledger");
  });

  it("payout: stakes never move, balances grow, and the line says so", async () => {
    const dir = await dataDir();
    const { server, clock } = await start(dir, { amount: 10n, mode: "payout" });
    const { lines } = await play(server, clock, 5);
    for (const line of lines) expect(line).toMatch(/\), reward \+10 paid out, balance now \d+0$/);
    const after = await winners(server.port);
    for (const v of after.values()) {
      expect(["100", "60", "40"]).toContain(v.stake);
      expect(v.balance).toBe(String(10 * v.wins));
    }
    await server.close();
    expect((await verify(dir)).code).toBe(0);
  });

  it("at the stake cap compounding stops and the rest is paid out", async () => {
    const dir = await dataDir();
    const { server, clock } = await start(dir, { amount: 30n, mode: "compound" }, 120n);
    const { lines } = await play(server, clock, 4);
    expect(lines.some((l) => /stake now 120 \(the cap\), balance now \d+$/.test(l))).toBe(true);
    for (const v of (await winners(server.port)).values()) expect(BigInt(v.stake)).toBeLessThanOrEqual(120n);
  });

  it("verify catches a reward altered in the log, naming its block (exit 1)", async () => {
    const dir = await dataDir();
    const { server, clock } = await start(dir, { amount: 10n, mode: "compound" });
    await play(server, clock, 4);
    await server.close();
    const path = join(dir, LOG_FILE);
    const records = (await readFile(path, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => {
        const decoded = decodeLine(Buffer.from(line));
        if (!decoded.ok) throw new Error(decoded.message);
        return decoded.value as BlockRecord;
      });
    // A forger who also fixes the checksum: only the ledger's arithmetic can tell.
    records[2]!.ledger!.reward!.amount = "1000";
    await writeFile(path, Buffer.concat(records.map(encodeRecord)));
    const checked = await verify(dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/error: block 2 at byte offset \d+ is bad: block 2's reward of 1000/);
    expect(checked.stderr).toContain("[BAD_LEDGER]");
  });

  it("a log of format 1 still loads and verifies; a rewarded server continues it in format 2", async () => {
    const dir = await dataDir();
    await writeFile(join(dir, LOG_FILE), Buffer.concat(buildChain(5).map(encodeRecord)));
    const old = await verify(dir);
    expect(old.code).toBe(0);
    expect(old.stdout).toContain(
      "log format 1 for 6 blocks (no stake ledger: the stakes in their proofs are trusted as written)",
    );

    const { server, clock } = await start(dir, { amount: 10n, mode: "compound" });
    await play(server, clock, 2);
    await server.close();
    const mixed = await verify(dir);
    expect(mixed.code).toBe(0);
    expect(mixed.stdout).toContain("log format 1 for 6 blocks");
    expect(mixed.stdout).toContain("then format 2 for 2 (stakes replayed from the ledger)");
  });
});
