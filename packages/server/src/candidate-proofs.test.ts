import {
  type CandidateRootMessage,
  decodeServerMessage,
  LiveVerifier,
  type ProvenLeaf,
  type ServerMessage,
  verifyLeaves,
} from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { ManualRoundClock } from "./round-clock.js";
import { startServer } from "./server.js";

const each = perTest(startServer);
const open = each.clients;

const rootOf = (root: CandidateRootMessage) => ({ ...root, total: BigInt(root.total) });

describe("candidate proofs", () => {
  it("the block push proves the winner's range, each candidate gets its own inclusion right after it", async () => {
    const clock = new ManualRoundClock();
    const server = await each.start({ port: 0, roundMs: 3000, roundClock: clock, logLevel: "silent" });
    const stakes = ["100", "250", "40", "7"];
    const validators = await Promise.all(stakes.map((stake) => JsonClient.validator(server.port, stake)));
    const watcher = await JsonClient.watcher(server.port);
    open.push(...validators, watcher);
    // Stakes count from the round after the join.
    await clock.closeRound();
    const round = await validators[0]!.expect("round", 5000);
    for (const v of validators) {
      v.submitFor(round);
      await v.expect("accepted");
    }
    await clock.closeRound();

    const pushed = await watcher.expect("block", 5000);
    const { lottery, block } = pushed;
    expect(lottery.root).toMatchObject({ total: "397", count: 4 });
    const root = rootOf(lottery.root!);
    const winner = lottery.winner!;
    const proven = verifyLeaves(
      root,
      [{ index: winner.index, validator: block.Validator, stake: BigInt(winner.stake) }],
      winner.siblings,
    );
    expect(proven).toEqual({ ok: true, value: { rangeStarts: [BigInt(lottery.rangeStart)], total: 397n } });
    expect(BigInt(lottery.rangeEnd) - BigInt(lottery.rangeStart)).toBe(BigInt(winner.stake));

    const sorted = validators
      .map((v, i) => ({ key: v.keys!.publicKey, stake: stakes[i]! }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const v of validators) {
      const lines = v.client.lines;
      await v.expect("inclusion", 5000);
      const blockAt = lines.findIndex((l) => l.includes('"type":"block"'));
      const inclusion = JSON.parse(lines[blockAt + 1]!);
      // Right after the block push, before anything else.
      expect(inclusion.type).toBe("inclusion");
      const me = sorted.findIndex((c) => c.key === v.keys!.publicKey);
      expect(inclusion).toMatchObject({
        round: round.round,
        blockIndex: block.Index,
        index: me,
        stake: sorted[me]!.stake,
        left: me > 0 ? { validator: sorted[me - 1]!.key, stake: sorted[me - 1]!.stake } : null,
        right: me < 3 ? { validator: sorted[me + 1]!.key, stake: sorted[me + 1]!.stake } : null,
      });
      const leaves: ProvenLeaf[] = [me - 1, me, me + 1]
        .filter((i) => i >= 0 && i < 4)
        .map((i) => ({ index: i, validator: sorted[i]!.key, stake: BigInt(sorted[i]!.stake) }));
      const verified = verifyLeaves(root, leaves, inclusion.siblings);
      expect(verified.ok).toBe(true);
    }
    // A watcher took no part: it hears of no inclusion.
    await watcher.expect("round", 5000);
    expect(watcher.client.lines.some((l) => l.includes('"type":"inclusion"'))).toBe(false);

    // A proof asked for by block index carries the same root as the block.
    watcher.send({ type: "proof", blockIndex: block.Index });
    const proof = await watcher.expect("proof");
    expect(proof).toMatchObject({ round: round.round, blockIndex: block.Index, root: lottery.root });
    watcher.send({ type: "proof", blockIndex: 0 });
    expect((await watcher.expect("error")).code).toBe("UNKNOWN_ROUND");
  });

  it("an nc user sees nothing new: no proof lines after the winner line", async () => {
    const clock = new ManualRoundClock();
    const server = await each.start({ port: 0, roundMs: 3000, roundClock: clock, logLevel: "silent" });
    const nc = await LineClient.open(server.port);
    open.push(nc);
    await nc.nextStartingWith("Enter token balance");
    nc.send("100\n");
    await nc.nextStartingWith("Enter a new BPM");
    await clock.closeRound();
    nc.send("72\n");
    await nc.nextStartingWith("accepted");
    await clock.closeRound();
    await nc.nextStartingWith("winning validator");
    const blockLine = await nc.next((l) => l.startsWith("{"));
    expect(JSON.parse(blockLine)).toHaveProperty("Index", 1);
    // A command's answer comes after anything the server pushed with the block.
    nc.send("chain 1\n");
    await nc.nextStartingWith("[");
    expect(nc.lines.some((l) => /inclusion|siblings|"root"/.test(l))).toBe(false);
  });

  it("a LiveVerifier fed a real server's messages over TCP verifies every block, inclusion included", async () => {
    const clock = new ManualRoundClock();
    const server = await each.start({ port: 0, roundMs: 3000, roundClock: clock, logLevel: "silent" });
    const validators = await Promise.all(
      ["30", "70", "5"].map((stake) => JsonClient.validator(server.port, stake)),
    );
    open.push(...validators);
    const me = validators[0]!;
    await clock.closeRound();
    for (let r = 0; r < 3; r++) {
      const round = await me.expect("round", 5000);
      for (const v of validators) {
        v.submitFor(round);
        await v.expect("accepted");
      }
      await clock.closeRound();
    }
    await me.expect("round", 5000);
    // Every line this client got, in order, as a dashboard would feed them.
    const messages = me.client.lines
      .map((l) => decodeServerMessage(l))
      .filter((d) => d.ok)
      .map((d) => d.value as ServerMessage);
    const verifier = new LiveVerifier();
    const requests = [];
    for (const message of [me.welcome, ...messages.filter((m) => m.type !== "welcome")]) {
      requests.push(...verifier.receive(message).requests);
    }
    expect(requests).toEqual([]);
    for (const index of [1, 2, 3]) {
      const verdict = verifier.verdict(index);
      expect(verdict?.status).toBe("verified");
      expect(verdict?.checks.map((c) => c.id)).toEqual([
        "hash",
        "signature",
        "index",
        "link",
        "time",
        "commit",
        "reveal",
        "ticket",
        "range",
        "inclusion",
      ]);
    }
  });
});
