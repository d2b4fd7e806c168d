import { blockHash, commitFor, verifyBlockSignature } from "@pos-tui/core";
import { DashboardClient, type DashboardClientOptions } from "@pos-tui/testkit/dashboard-client";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { type SpawnedServer, spawnServer, stopServer } from "@pos-tui/testkit/spawn-server";
import { VerifierClient } from "@pos-tui/testkit/verifier-client";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";

// Each `pos-server --adversary` mode, the real CLI on real TCP, watched by dashboards' state layers
// and by clients on core's LiveVerifier: the lie is on the wire (the evidence), and both kinds of
// client find it by themselves.
const cleanups = cleanupsPerTest();

async function lyingServer(mode: string, ...more: string[]): Promise<SpawnedServer> {
  const server = await spawnServer(["--memory", "--round", "400ms", "--adversary", mode, ...more]);
  cleanups.push(() => stopServer(server));
  return server;
}

async function dashboard(server: SpawnedServer, validator?: DashboardClientOptions["validator"]) {
  const client = await DashboardClient.open({ port: server.port, validator });
  cleanups.push(() => client.close());
  return client;
}

/** A client on core's LiveVerifier alone. */
async function verifier(server: SpawnedServer, validator?: DashboardClientOptions["validator"]) {
  const client = await VerifierClient.open({ port: server.port, validator });
  cleanups.push(() => client.close());
  return client;
}

interface Confession {
  msg: string;
  [field: string]: unknown;
}

/** What the server's log admits, lie by lie (its own words, for the evidence). */
function confessions(server: SpawnedServer, mode: string): Confession[] {
  return server.logs
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Confession)
    .filter((l) => l.msg.startsWith(`ADVERSARY: ${mode}:`));
}

describe("dashboards catch pos-server --adversary", () => {
  it("forge: a block changed after it was signed", async () => {
    const server = await lyingServer("forge");
    const watcher = await dashboard(server);
    const core = await verifier(server);
    const alice = await dashboard(server, { stake: 100n, name: "alice" });
    const forged = await watcher.until((s) => s.chain.find((e) => e.block.Index >= 1)?.block, "a block");

    expect(blockHash(forged)).toBe(forged.Hash);
    expect(verifyBlockSignature(forged)).toBe(false);
    expect(confessions(server, "forge")).toContainEqual(expect.objectContaining({ index: forged.Index }));
    for (const client of [watcher, alice])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: forged.Index,
        check: "signature",
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: forged.Index,
      check: "signature",
    });
  });

  it("regrind: a new secret drawn after the candidates were known", async () => {
    const server = await lyingServer("regrind");
    const watcher = await dashboard(server);
    const core = await verifier(server);
    const alice = await dashboard(server, { stake: 100n, name: "alice" });
    const bob = await dashboard(server, { stake: 100n, name: "bob" });
    const pushed = await watcher.until((s) => s.chain.find((e) => e.lottery !== null), "a block seen live");
    const opened = watcher.received("round").find((r) => r.round === pushed.lottery!.round)!;

    expect(pushed.lottery!.commit).not.toBe(opened.commit);
    expect(commitFor(pushed.lottery!.reveal)).toBe(pushed.lottery!.commit);
    expect(confessions(server, "regrind")).toContainEqual(
      expect.objectContaining({ round: pushed.lottery!.round, winner: pushed.block.Validator }),
    );
    for (const client of [watcher, alice, bob])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: pushed.block.Index,
        check: "commit",
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: pushed.block.Index,
      check: "commit",
    });
  });

  it("censor: an accepted candidate left out of the draw", async () => {
    const server = await lyingServer("censor");
    const alice = await dashboard(server, { stake: 100n, name: "alice" });
    const bob = await dashboard(server, { stake: 100n, name: "bob" });
    const lie = await waitFor(() => confessions(server, "censor")[0], 20_000, "a censored round");
    const victim = [alice, bob].find((c) => c.publicKey === lie.victim)!;
    const round = lie.round as number;

    expect(victim.received("accepted").map((a) => a.round)).toContain(round);
    await victim.until((s) => s.chain.some((e) => e.lottery?.round === round), "the censored round's block");
    victim.send({ type: "proof", round });
    const proof = await victim.until((s) => s.proofs.get(round)?.proof, "the round's candidate list");
    expect(proof.candidates.map((c) => c.validator)).not.toContain(victim.publicKey);
    const block = victim.state.chain.find((e) => e.lottery?.round === round)!.block;
    expect(await victim.until((s) => s.alarm, "the victim's alarm")).toMatchObject({
      index: block.Index,
      check: "inclusion",
    });
    // Everyone else sees a block consistent with itself: only the censored can tell.
    const other = victim === alice ? bob : alice;
    await other.until(
      (s) => s.chain.find((e) => e.block.Hash === block.Hash)?.verdict.status === "verified",
      "the other's verdict",
    );
  });

  it("censor, caught by core's LiveVerifier: only the censored validator can tell", async () => {
    const server = await lyingServer("censor");
    const alice = await verifier(server, { stake: 100n, name: "alice" });
    const bob = await verifier(server, { stake: 100n, name: "bob" });
    const lie = await waitFor(() => confessions(server, "censor")[0], 20_000, "a censored round");
    const victim = [alice, bob].find((c) => c.publicKey === lie.victim)!;
    const other = victim === alice ? bob : alice;
    const pushed = await victim.until(
      (c) => c.messages.find((m) => m.type === "block" && m.lottery.round === lie.round),
      "the censored round's block",
    );
    const index = pushed.type === "block" ? pushed.block.Index : -1;

    expect(await victim.until((c) => c.alarm, "the victim's alarm")).toMatchObject({
      index,
      check: "inclusion",
    });
    await other.until((c) => c.verdict(index)?.status === "verified", "the other's verdict");
  });

  it("rewrite: history replaced while the clients were away", async () => {
    const server = await lyingServer("rewrite", "--rewrite-every", "2");
    const watcher = await dashboard(server);
    const core = await verifier(server);
    const alice = await dashboard(server, { stake: 100n, name: "alice" });
    await watcher.until((s) => s.welcomes >= 2, "the reconnect after the rewrite");
    // What the watcher held before the server came back: its first welcome and the blocks pushed since.
    const again = watcher.messages.findLastIndex((m) => m.type === "welcome");
    const held = [
      ...watcher.received("welcome")[0]!.blocks,
      ...watcher.messages.slice(0, again).flatMap((m) => (m.type === "block" ? [m.block] : [])),
    ];
    const after = watcher.received("welcome").at(-1)!.blocks;

    const lie = confessions(server, "rewrite")[0]!;
    const from = lie.from as number;
    expect(held.at(-1)!.Index).toBeGreaterThanOrEqual(from);
    expect(after.find((b) => b.Index === from)!.Hash).not.toBe(held.find((b) => b.Index === from)!.Hash);
    expect(after.at(-1)!.Index).toBeGreaterThan(held.at(-1)!.Index);
    for (const client of [watcher, alice])
      expect(await client.until((s) => s.alarm, "the alarm")).toMatchObject({
        index: from,
        check: "history",
        message: expect.stringMatching(new RegExp(`^the server's history changed at block ${from}`)),
      });
    expect(await core.until((c) => c.alarm, "the verifier's alarm")).toMatchObject({
      index: from,
      check: "history",
    });
  });
});
