import {
  type Block,
  blockHash,
  commitFor,
  keyPairFromSeed,
  lotterySeed,
  signBlock,
  toHex,
} from "@pos-tui/core";
import { DashboardClient, type DashboardClientOptions } from "@pos-tui/testkit/dashboard-client";
import {
  type LyingProxy,
  type RewriteLine,
  rewriteJson,
  startLyingProxy,
} from "@pos-tui/testkit/lying-proxy";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { type SpawnedServer, spawnServer, stopServer } from "@pos-tui/testkit/spawn-server";
import { VerifierClient } from "@pos-tui/testkit/verifier-client";
import { describe, expect, it } from "vitest";

// An honest server (the real CLI) behind a man in the middle that lies to the clients in one way
// each: the lie reaches the dashboard's state layer (the evidence), and the dashboard finds it, as
// does a client on core's LiveVerifier.
const cleanups = cleanupsPerTest();

async function honestServerBehind(
  rewrite: RewriteLine,
): Promise<{ server: SpawnedServer; proxy: LyingProxy }> {
  const server = await spawnServer(["--memory", "--round", "400ms"]);
  cleanups.push(() => stopServer(server));
  const proxy = await startLyingProxy({ port: server.port, rewrite });
  cleanups.push(() => proxy.close());
  return { server, proxy };
}

async function dashboard(proxy: LyingProxy, validator?: DashboardClientOptions["validator"]) {
  const client = await DashboardClient.open({ port: proxy.port, validator });
  cleanups.push(() => client.close());
  return client;
}

/** A client on core's LiveVerifier alone. */
async function verifier(proxy: LyingProxy, validator?: DashboardClientOptions["validator"]) {
  const client = await VerifierClient.open({ port: proxy.port, validator });
  cleanups.push(() => client.close());
  return client;
}

type Json = Record<string, unknown>;

/**
 * The lie of a dropped candidate: connection `victim`'s submits never reach the server, and the proxy
 * answers `accepted` for it (just before the next line the server sends, so before the block).
 */
function dropSubmitsOf(victim: number): RewriteLine {
  const fakes: string[] = [];
  return (line, { direction, connection }) => {
    if (connection !== victim || !line.startsWith("{")) return line;
    const message = JSON.parse(line) as Json;
    if (direction === "toClient") return [...fakes.splice(0), line];
    if (message.type !== "submit") return line;
    const block = message.block as Block;
    fakes.push(
      JSON.stringify({ type: "accepted", round: message.round, index: block.Index, hash: block.Hash }),
    );
    return null;
  };
}

describe("dashboards catch a lying proxy", () => {
  it("a block whose BPM was changed on the way (its Hash kept)", async () => {
    const { proxy } = await honestServerBehind(
      rewriteJson((m) => {
        if (m.type === "block") (m.block as Block).BPM = ((m.block as Block).BPM % 300) + 1;
        return m;
      }),
    );
    const watcher = await dashboard(proxy);
    const core = await verifier(proxy);
    const alice = await dashboard(proxy, { stake: 100n, name: "alice", bpm: 72 });
    const changed = await watcher.until((s) => s.chain.find((e) => e.block.Index >= 1)?.block, "a block");

    expect(changed.BPM).toBe(73);
    expect(blockHash(changed)).not.toBe(changed.Hash);
    for (const client of [watcher, alice])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: changed.Index,
        check: "hash",
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: changed.Index,
      check: "hash",
    });
  });

  it("a block whose commit and reveal were replaced by another consistent pair", async () => {
    const { proxy } = await honestServerBehind(
      rewriteJson((m) => {
        if (m.type !== "block") return m;
        const lottery = m.lottery as Json;
        const block = m.block as Block;
        const reveal = toHex(new Uint8Array(32).fill(7));
        lottery.reveal = reveal;
        lottery.commit = commitFor(reveal);
        lottery.ticket = (
          lotterySeed(reveal, block.PrevHash, lottery.round as number) % BigInt(lottery.total as string)
        ).toString();
        return m;
      }),
    );
    const watcher = await dashboard(proxy);
    const core = await verifier(proxy);
    const alice = await dashboard(proxy, { stake: 100n, name: "alice" });
    const pushed = await watcher.until((s) => s.chain.find((e) => e.lottery !== null), "a block seen live");
    const opened = watcher.received("round").find((r) => r.round === pushed.lottery!.round)!;

    expect(pushed.lottery!.commit).not.toBe(opened.commit);
    expect(commitFor(pushed.lottery!.reveal)).toBe(pushed.lottery!.commit);
    for (const client of [watcher, alice])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: pushed.block.Index,
        check: "commit",
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: pushed.block.Index,
      check: "commit",
    });
  });

  it("a candidate dropped on its way to the server, answered `accepted` all the same", async () => {
    // Alice's connection is the second; her submits never reach the server, and the proxy answers for it.
    const { proxy } = await honestServerBehind(dropSubmitsOf(2));
    await dashboard(proxy, { stake: 100n, name: "bob" });
    const alice = await dashboard(proxy, { stake: 100n, name: "alice" });
    // Read from the messages: the fake answer and the block it went with arrive in one breath.
    const accepted = await alice.until(() => alice.received("accepted")[0], "an answer");
    const block = await alice.until(
      (s) => s.chain.find((e) => e.lottery?.round === accepted.round),
      "the block of the round alice took part in",
    );

    expect(block.block.Validator).not.toBe(alice.publicKey);
    alice.send({ type: "proof", round: accepted.round });
    const proof = await alice.until((s) => s.proofs.get(accepted.round)?.proof, "the round's candidate list");
    expect(proof.candidates.map((c) => c.validator)).not.toContain(alice.publicKey);
    expect(await alice.until((s) => s.alarm, "alice's alarm")).toMatchObject({
      index: block.block.Index,
      check: "inclusion",
    });
  });

  it("a dropped candidate, caught by core's LiveVerifier", async () => {
    const { proxy } = await honestServerBehind(dropSubmitsOf(2));
    await verifier(proxy, { stake: 100n, name: "bob" });
    const alice = await verifier(proxy, { stake: 100n, name: "alice" });
    const accepted = await alice.until((c) => c.messages.find((m) => m.type === "accepted"), "an answer");
    const round = accepted.type === "accepted" ? accepted.round : -1;
    const pushed = await alice.until(
      (c) => c.messages.find((m) => m.type === "block" && m.lottery.round === round),
      "the block of the round alice took part in",
    );

    expect(await alice.until((c) => c.alarm, "alice's alarm")).toMatchObject({
      index: pushed.type === "block" ? pushed.block.Index : -1,
      check: "inclusion",
    });
  });

  it("history rewritten across a reconnect", async () => {
    const forger = keyPairFromSeed(new Uint8Array(32).fill(9));
    let shown = 0;
    const { proxy } = await honestServerBehind(
      rewriteJson((m, { connection }) => {
        // The first three connections are the clients' first sessions: note the newest block they
        // were shown. From the reconnects on, the welcome ends at that height, with a block the proxy
        // signed itself in place of the one they saw.
        if (connection <= 3) {
          if (m.type === "block") shown = Math.max(shown, (m.block as Block).Index);
          return m;
        }
        if (m.type !== "welcome") return m;
        const blocks = (m.blocks as Block[]).filter((b) => b.Index <= shown);
        const seen = blocks.at(-1)!;
        const forged = signBlock(
          { Index: seen.Index, Timestamp: seen.Timestamp, BPM: 200, PrevHash: seen.PrevHash },
          forger,
        );
        blocks[blocks.length - 1] = forged;
        m.blocks = blocks;
        m.tip = { index: forged.Index, hash: forged.Hash };
        Object.assign(m.round as Json, { tipIndex: forged.Index, tipHash: forged.Hash });
        return m;
      }),
    );
    const watcher = await dashboard(proxy);
    const core = await verifier(proxy);
    const alice = await dashboard(proxy, { stake: 100n, name: "alice" });
    // Cut right after a block all three hold, long before the next one is due.
    await watcher.until(
      (s) =>
        s.chain.length >= 3 &&
        s.tip?.hash === alice.state.tip?.hash &&
        s.chain.at(-1)!.block.Hash === s.tip?.hash &&
        core.messages.some((m) => m.type === "block" && m.block.Hash === s.tip?.hash),
      "two blocks on every client",
    );
    proxy.dropClients();
    await watcher.until((s) => s.welcomes >= 2, "the reconnect");
    const replaced = watcher.received("welcome").at(-1)!.blocks.at(-1)!;

    expect(replaced.Index).toBe(shown);
    expect(replaced.Validator).toBe(forger.publicKey);
    for (const client of [watcher, alice])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: shown,
        check: "history",
        message: expect.stringMatching(new RegExp(`^the server's history changed at block ${shown}`)),
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: shown,
      check: "history",
    });
  });
});
