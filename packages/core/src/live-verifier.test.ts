import { fixtureKeys } from "@pos-tui/testkit/chain";
import { type ClosedRound, ServerScript } from "@pos-tui/testkit/server-script";
import { describe, expect, it } from "vitest";
import { blockHash } from "./block.js";
import { CandidateTree } from "./candidate-tree.js";
import { LiveVerifier, type VerifierUpdate } from "./live-verifier.js";
import { type Candidate, commitFor, lotterySeed } from "./lottery.js";
import { blockMessage, inclusionMessage } from "./proof-messages.js";
import type { MessageOf, ServerMessage } from "./protocol.js";
import type { BlockProof } from "./record.js";
import type { RuleName } from "./rules/rule.js";
import type { BlockVerdict, CheckId } from "./verdict.js";

const [alice, bob, carol, dave] = fixtureKeys(4, "live-verifier");
const STAKES = new Map([
  [alice!.publicKey, 100n],
  [bob!.publicKey, 250n],
  [carol!.publicKey, 40n],
  [dave!.publicKey, 7n],
]);

/** A class of four validators; this client is alice's dashboard. */
function classroom(rule: RuleName = "lottery") {
  const server = new ServerScript(10_000, rule);
  for (const keys of [alice!, bob!, carol!, dave!]) server.join(keys, STAKES.get(keys.publicKey)!);
  const verifier = new LiveVerifier();
  const verdicts = new Map<number, BlockVerdict>();
  const requests: VerifierUpdate["requests"] = [];
  const feed = (...messages: ServerMessage[]) => {
    for (const message of messages) {
      const update = verifier.receive(message);
      for (const v of update.verdicts) verdicts.set(v.index, v);
      requests.push(...update.requests);
    }
  };
  feed(server.welcome(alice!));
  /** One round in which everyone submits; `lie` may change what alice's client is told. */
  const round = (lie: (closed: ClosedRound) => ServerMessage[] = honest) => {
    feed(...server.openRound());
    for (const keys of [alice!, bob!, carol!, dave!]) {
      const accepted = server.submit(keys);
      if (keys === alice) feed(accepted);
    }
    const closed = server.closeRound();
    feed(...lie(closed));
    return closed;
  };
  return { server, verifier, verdicts, requests, feed, round };
}

const honest = (closed: ClosedRound): ServerMessage[] => [
  closed.block,
  closed.inclusionFor(alice!.publicKey)!,
];

const check = (verdict: BlockVerdict | undefined, id: CheckId) => verdict?.checks.find((c) => c.id === id);
const statusOf = (verdict: BlockVerdict | undefined) =>
  Object.fromEntries(verdict?.checks.map((c) => [c.id, c.status]) ?? []);

/** The block push a server would send had it drawn over `candidates` in this order. */
function pushOver(
  closed: ClosedRound,
  leaves: readonly Candidate[],
  overrides: Partial<BlockProof> = {},
): MessageOf<ServerMessage, "block"> {
  const tree = CandidateTree.inOrder(leaves);
  const proof = { ...closed.record.proof!, ...overrides };
  return blockMessage(closed.record.block, proof, tree, null);
}

describe("LiveVerifier: an honest server", () => {
  it("verifies every check of every block, inclusion included", () => {
    const c = classroom();
    c.round();
    const closed = c.round();
    const verdict = c.verdicts.get(closed.record.block.Index);
    expect(verdict?.status).toBe("verified");
    expect(statusOf(verdict)).toEqual({
      hash: "ok",
      signature: "ok",
      index: "ok",
      link: "ok",
      time: "ok",
      commit: "ok",
      reveal: "ok",
      ticket: "ok",
      range: "ok",
      inclusion: "ok",
    });
    expect(check(verdict, "range")?.message).toMatch(/holds the ticket.*4 candidates.*stake it held/);
    expect(check(verdict, "inclusion")?.message).toMatch(/of 4 with stake 100, between sorted neighbours/);
  });

  it("a watcher checks the winner's path and has no inclusion check", () => {
    const server = new ServerScript();
    for (const keys of [alice!, bob!]) server.join(keys, 10n);
    const verifier = new LiveVerifier();
    verifier.receive(server.welcome(null));
    for (const m of server.openRound()) verifier.receive(m);
    server.submit(alice!);
    server.submit(bob!);
    const { verdicts } = verifier.receive(server.closeRound().block);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.status).toBe("verified");
    expect(check(verdicts[0], "inclusion")).toBeUndefined();
  });

  it("a block pushed while the inclusion is on its way is pending, not failed", () => {
    const c = classroom();
    const closed = c.round((r) => [r.block]);
    const verdict = c.verdicts.get(closed.record.block.Index);
    expect(verdict?.status).toBe("pending");
    expect(check(verdict, "inclusion")?.status).toBe("pending");
  });
});

describe("LiveVerifier: each check catches its own lie", () => {
  it("a changed BPM fails the hash (the signature of the old hash still holds)", () => {
    const c = classroom();
    const closed = c.round((r) => [{ ...r.block, block: { ...r.block.block, BPM: r.block.block.BPM + 1 } }]);
    const verdict = c.verdicts.get(closed.record.block.Index)!;
    expect(verdict.status).toBe("failed");
    expect(check(verdict, "hash")?.status).toBe("failed");
    expect(check(verdict, "signature")?.status).toBe("ok");
  });

  it("a changed BPM with a recomputed hash fails the signature", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const changed = { ...r.block.block, BPM: r.block.block.BPM + 1 };
      return [{ ...r.block, block: { ...changed, Hash: blockHash(changed) } }];
    });
    const verdict = c.verdicts.get(closed.record.block.Index)!;
    expect(check(verdict, "hash")?.status).toBe("ok");
    expect(check(verdict, "signature")?.status).toBe("failed");
  });

  it("a replaced commit and reveal (a consistent pair) fails the commit check", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const reveal = "ab".repeat(32);
      const { lottery, block } = r.block;
      const ticket = lotterySeed(reveal, block.PrevHash, lottery.round) % BigInt(lottery.total);
      return [
        { ...r.block, lottery: { ...lottery, commit: commitFor(reveal), reveal, ticket: ticket.toString() } },
      ];
    });
    const verdict = c.verdicts.get(closed.record.block.Index)!;
    expect(check(verdict, "commit")).toMatchObject({ status: "failed" });
    expect(check(verdict, "commit")?.message).toMatch(/the round push of round \d+ published/);
    expect(check(verdict, "reveal")?.status).toBe("ok");
  });

  it("a reveal that is not the commit's fails the reveal check", () => {
    const c = classroom();
    const closed = c.round((r) => [{ ...r.block, lottery: { ...r.block.lottery, reveal: "cd".repeat(32) } }]);
    expect(check(c.verdicts.get(closed.record.block.Index), "reveal")?.status).toBe("failed");
  });

  it("a ticket off by one fails the ticket check", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const ticket = (BigInt(r.block.lottery.ticket) + 1n).toString();
      return [{ ...r.block, lottery: { ...r.block.lottery, ticket } }];
    });
    const verdict = c.verdicts.get(closed.record.block.Index)!;
    expect(check(verdict, "ticket")?.status).toBe("failed");
    expect(check(verdict, "ticket")?.message).toMatch(/seed mod/);
  });

  it("a shrunk winner stake (a consistent tree of its own) fails the range check", () => {
    const c = classroom();
    c.round();
    const closed = c.round((r) => {
      const winner = r.record.block.Validator;
      const leaves = r.tree.leaves.map((l) => (l.validator === winner ? { ...l, stake: l.stake - 1n } : l));
      const total = leaves.reduce((sum, l) => sum + l.stake, 0n);
      const ticket =
        lotterySeed(r.record.proof!.reveal, r.record.block.PrevHash, r.record.proof!.round) % total;
      const index = leaves.findIndex((l) => l.validator === winner);
      const start = leaves.slice(0, index).reduce((sum, l) => sum + l.stake, 0n);
      return [
        pushOver(r, leaves, {
          total: total.toString(),
          ticket: ticket.toString(),
          rangeStart: start.toString(),
          rangeEnd: (start + leaves[index]!.stake).toString(),
        }),
      ];
    });
    const range = check(c.verdicts.get(closed.record.block.Index), "range");
    expect(range?.status).toBe("failed");
    expect(range?.message).toMatch(/^the winner.s leaf says stake \d+, but it staked \d+ in round \d+$/);
  });

  it("a reordered list is caught by the candidate next to the out-of-order pair", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const leaves = [...r.tree.leaves];
      const me = leaves.findIndex((l) => l.validator === alice!.publicKey);
      // Alice swaps places with a neighbour: her leaf is real, her place and neighbours are not sorted.
      const other = me === 0 ? 1 : me - 1;
      [leaves[me], leaves[other]] = [leaves[other]!, leaves[me]!];
      const tree = CandidateTree.inOrder(leaves);
      const block = blockMessage(r.record.block, r.record.proof!, tree, null);
      return [block, inclusionMessage(r.record.block, r.record.proof!, tree, alice!.publicKey)!];
    });
    const inclusion = check(c.verdicts.get(closed.record.block.Index), "inclusion");
    expect(inclusion?.status).toBe("failed");
    expect(inclusion?.message).toMatch(/out of order/);
  });

  it("a dropped candidate gets no inclusion proof: failed when the next round opens", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const leaves = r.tree.leaves.filter((l) => l.validator !== alice!.publicKey);
      return [pushOver(r, leaves)];
    });
    const index = closed.record.block.Index;
    expect(check(c.verdicts.get(index), "inclusion")?.status).toBe("pending");
    c.feed(...c.server.openRound());
    const inclusion = check(c.verdicts.get(index), "inclusion");
    expect(inclusion).toMatchObject({ status: "failed" });
    expect(inclusion?.message).toBe(
      `left out of round ${closed.record.proof!.round}: no inclusion proof came before round ${closed.record.proof!.round + 1} opened`,
    );
  });

  it("a missing inclusion proof (honest list, proof withheld) fails the same way", () => {
    const c = classroom();
    const closed = c.round((r) => [r.block]);
    c.feed(...c.server.openRound());
    expect(c.verdicts.get(closed.record.block.Index)?.status).toBe("failed");
  });

  it("an inclusion proof with a shrunk stake fails", () => {
    const c = classroom();
    c.round();
    const closed = c.round((r) => {
      const leaves = r.tree.leaves.map((l) => (l.validator === alice!.publicKey ? { ...l, stake: 99n } : l));
      const tree = CandidateTree.inOrder(leaves);
      return [
        blockMessage(r.record.block, r.record.proof!, tree, null),
        inclusionMessage(r.record.block, r.record.proof!, tree, alice!.publicKey)!,
      ];
    });
    const inclusion = check(c.verdicts.get(closed.record.block.Index), "inclusion");
    expect(inclusion?.status).toBe("failed");
    expect(inclusion?.message).toMatch(/staked 100 .* its leaf says 99/);
  });

  it("an inclusion proof against another tree fails its path", () => {
    const c = classroom();
    const closed = c.round((r) => {
      const other = CandidateTree.inOrder(r.tree.leaves.map((l) => ({ ...l, stake: l.stake + 1n })));
      return [r.block, inclusionMessage(r.record.block, r.record.proof!, other, alice!.publicKey)!];
    });
    expect(check(c.verdicts.get(closed.record.block.Index), "inclusion")?.message).toMatch(/proof fails/);
  });

  it("a block of a round never announced has no commit to hold it to: failed", () => {
    const c = classroom();
    c.feed(...c.server.openRound().filter((m) => m.type !== "round"));
    c.feed(c.server.submit(alice!));
    const closed = c.server.closeRound();
    c.feed(closed.block);
    const commit = check(c.verdicts.get(closed.record.block.Index), "commit");
    expect(commit?.status).toBe("failed");
    expect(commit?.message).toMatch(/was never announced to this client/);
  });

  it("a block that skips an index fails the index check", () => {
    const c = classroom();
    c.round();
    const closed = c.round((r) => [
      { ...r.block, block: { ...r.block.block, Index: r.block.block.Index + 1 } },
    ]);
    expect(check(c.verdicts.get(closed.record.block.Index + 1), "index")?.status).toBe("failed");
  });
});

describe("LiveVerifier: history across a reconnect", () => {
  it("a rewritten history fails at the first changed block", () => {
    const c = classroom();
    c.round();
    c.round();
    c.round();
    // Another server (other secrets, other candidates' luck) with the same validators: another chain.
    const liar = new ServerScript(7_000);
    for (const keys of [alice!, bob!, carol!, dave!]) liar.join(keys, STAKES.get(keys.publicKey)!);
    for (let i = 0; i < 3; i++) {
      liar.openRound();
      liar.submit(bob!, 80 + i);
      liar.closeRound();
    }
    c.feed(liar.welcome(alice!));
    const verdict = c.verdicts.get(1)!;
    expect(verdict.status).toBe("failed");
    expect(check(verdict, "history")?.message).toMatch(/^the server's history changed at block 1: /);
    expect(verdict.hash).toBe(liar.consensus.tip.Index >= 1 ? liar.welcome().blocks[1]!.Hash : "");
  });

  it("a history that shrank fails at the first block it dropped", () => {
    const c = classroom();
    c.round();
    c.round();
    const welcome = c.server.welcome(alice!);
    const update = c.verifier.receive({
      ...welcome,
      tip: { index: 1, hash: welcome.blocks[1]!.Hash },
      blocks: welcome.blocks.slice(0, 2),
    });
    const dropped = update.verdicts.find((v) => v.index === 2);
    expect(check(dropped, "history")?.message).toBe(
      "the server's history changed at block 2: its chain now ends at block 1, this client held up to 2",
    );
  });

  it("an unchanged history passes, and blocks beyond the welcome's tail are compared through chain pages", () => {
    const c = classroom();
    for (let i = 0; i < 4; i++) c.round();
    const welcome = c.server.welcome(alice!);
    // A welcome whose tail starts at block 3: blocks 1 and 2 are asked for.
    const update = c.verifier.receive({ ...welcome, blocks: welcome.blocks.slice(3) });
    expect(update.requests).toContainEqual({ type: "chain", before: 3, limit: 3 });
    const honestPage = c.verifier.receive(c.server.chain(3, 3));
    expect(honestPage.verdicts).toEqual([]);
    expect([1, 2, 3, 4].map((i) => c.verifier.verdict(i)?.status)).toEqual([
      "verified",
      "verified",
      "verified",
      "verified",
    ]);
  });

  it("a block changed deep in the past is caught through a chain page", () => {
    const c = classroom();
    for (let i = 0; i < 4; i++) c.round();
    const welcome = c.server.welcome(alice!);
    c.verifier.receive({ ...welcome, blocks: welcome.blocks.slice(3) });
    const page = c.server.chain(3, 3);
    const forged = { ...page.blocks[2]!, BPM: 1, Hash: "ee".repeat(32) };
    const update = c.verifier.receive({ ...page, blocks: [page.blocks[0]!, page.blocks[1]!, forged] });
    expect(update.verdicts.map((v) => [v.index, v.status])).toEqual([[2, "failed"]]);
    expect(check(update.verdicts[0], "history")?.message).toMatch(/changed at block 2/);
  });
});

describe("LiveVerifier: blocks from before this client connected", () => {
  it("are pending until their proof answers, which it asks for one at a time, newest first", () => {
    const server = new ServerScript();
    for (const keys of [alice!, bob!]) server.join(keys, 10n);
    const proofs: ServerMessage[] = [];
    for (let i = 0; i < 3; i++) {
      server.openRound();
      server.submit(alice!);
      server.submit(bob!);
      proofs.push(server.closeRound().proof);
    }
    const verifier = new LiveVerifier();
    const welcomed = verifier.receive(server.welcome(null));
    expect(welcomed.verdicts.map((v) => [v.index, v.status])).toEqual([
      [0, "verified"],
      [1, "pending"],
      [2, "pending"],
      [3, "pending"],
    ]);
    expect(welcomed.requests).toEqual([{ type: "proof", blockIndex: 3 }]);
    const third = verifier.receive(proofs[2]!);
    expect(third.verdicts.map((v) => [v.index, v.status])).toEqual([[3, "verified"]]);
    expect(third.requests).toEqual([{ type: "proof", blockIndex: 2 }]);
    // A proof of block 2 whose list lost a candidate (root and all, consistent) fails its range.
    const honestProof = proofs[1] as MessageOf<ServerMessage, "proof">;
    const kept = honestProof.candidates.filter((c) => c.validator !== honestProof.winner);
    const { root, ...rootless } = honestProof;
    const second = verifier.receive({ ...rootless, candidates: kept });
    expect(root).toBeDefined();
    const range = check(second.verdicts[0], "range");
    expect(range?.status).toBe("failed");
    expect(range?.message).toMatch(/picks|no candidate/);
    expect(second.requests).toEqual([{ type: "proof", blockIndex: 1 }]);
  });

  it("the commit of the round open at the welcome is held to, and the message says it came late", () => {
    const c = classroom();
    // alice's dashboard was welcomed before round 1 opened; a second client joins during round 1.
    const late = new LiveVerifier();
    c.feed(...c.server.openRound());
    late.receive(c.server.welcome(null));
    for (const keys of [alice!, bob!]) c.server.submit(keys);
    const closed = c.server.closeRound();
    const { verdicts } = late.receive(closed.block);
    expect(check(verdicts[0], "commit")).toMatchObject({
      status: "ok",
      message: expect.stringMatching(/the welcome \(this client joined after round 1 opened\)/),
    });
    expect(check(verdicts[0], "range")?.message).not.toMatch(/stake it held/);
  });
});

describe("LiveVerifier: under the round robin", () => {
  /** Blocks made under the round robin by alice (stake 1), bob (2) and carol (3), all in every round. */
  function robin(rounds: number) {
    const server = new ServerScript(10_000, "round-robin");
    [alice!, bob!, carol!].forEach((keys, i) => void server.join(keys, BigInt(i + 1)));
    const closed: ClosedRound[] = [];
    for (let i = 0; i < rounds; i++) {
      server.openRound();
      for (const keys of [alice!, bob!, carol!]) server.submit(keys);
      closed.push(server.closeRound());
    }
    return { server, closed };
  }

  it("a live watcher verifies its blocks: no ticket to draw, the winner's share proven", () => {
    const server = new ServerScript(10_000, "round-robin");
    for (const keys of [alice!, bob!]) server.join(keys, 5n);
    const verifier = new LiveVerifier();
    verifier.receive(server.welcome(null));
    for (const m of server.openRound()) verifier.receive(m);
    server.submit(alice!);
    server.submit(bob!);
    const closed = server.closeRound();
    expect(closed.block.lottery.rule).toBe("round-robin");
    const pushed = verifier.receive(closed.block);
    // No seed picks the winner: the ticket waits for the round's priority table, which it asks for.
    expect(pushed.verdicts[0]!.status).toBe("pending");
    expect(check(pushed.verdicts[0], "ticket")?.message).toMatch(/waiting for the round's table/);
    expect(check(pushed.verdicts[0], "range")?.message).toMatch(/winner's share .* is proven/);
    expect(pushed.requests).toEqual([{ type: "proof", blockIndex: closed.record.block.Index }]);
    const { verdicts } = verifier.receive(closed.proof);
    expect(verdicts[0]!.status).toBe("verified");
    expect(check(verdicts[0], "ticket")?.message).toMatch(/highest priority/);
  });

  it("blocks from before the welcome verify against their priority tables; a forged table fails", () => {
    const { server, closed } = robin(3);
    const verifier = new LiveVerifier();
    verifier.receive(server.welcome(null));
    const third = verifier.receive(closed[2]!.proof);
    expect(third.verdicts.map((v) => [v.index, v.status])).toEqual([[3, "verified"]]);
    expect(check(third.verdicts[0], "range")?.message).toMatch(
      /priority table .* puts this block's Validator highest/,
    );
    // Block 2's proof with the table turned round: someone else is highest, so the block cannot be its.
    const honest = closed[1]!.proof as MessageOf<ServerMessage, "proof">;
    const priorities = honest.priorities!.map((row) => ({
      ...row,
      priority: row.validator === honest.winner ? "-100" : "100",
    }));
    const forged = verifier.receive({ ...honest, priorities });
    const range = check(forged.verdicts[0], "range");
    expect(range?.status).toBe("failed");
    expect(range?.message).toMatch(/highest priority this round is/);
  });

  it("a proof that says another rule than the block push did fails", () => {
    const server = new ServerScript(10_000, "round-robin");
    for (const keys of [alice!, bob!]) server.join(keys, 5n);
    const verifier = new LiveVerifier();
    verifier.receive(server.welcome(null));
    for (const m of server.openRound()) verifier.receive(m);
    server.submit(alice!);
    server.submit(bob!);
    const closed = server.closeRound();
    verifier.receive(closed.block);
    const {
      rule: _rule,
      priorities: _table,
      ...asLottery
    } = closed.proof as MessageOf<ServerMessage, "proof">;
    const range = check(verifier.receive(asLottery).verdicts[0], "range");
    expect(range?.status).toBe("failed");
    expect(range?.message).toBe(
      "the block was announced as chosen by round-robin, but its proof says lottery",
    );
  });
});

describe("LiveVerifier: bounded memory", () => {
  it("keeps only the configured window of blocks", () => {
    const server = new ServerScript();
    server.join(alice!, 10n);
    const verifier = new LiveVerifier({ blocks: 3, rounds: 3 });
    verifier.receive(server.welcome(null));
    for (let i = 0; i < 8; i++) {
      for (const m of server.openRound()) verifier.receive(m);
      server.submit(alice!);
      verifier.receive(server.closeRound().block);
    }
    expect(verifier.verdict(8)?.status).toBe("verified");
    expect(verifier.verdict(4)).toBeUndefined();
  });
});

describe("LiveVerifier: the round robin", () => {
  it("waits for the round's priority table, asks for it, and verifies the winner from it", () => {
    const c = classroom("round-robin");
    const first = c.round();
    expect(c.requests).toContainEqual({ type: "proof", blockIndex: first.record.block.Index });
    const closed = c.round();
    // One proof in flight at a time: the next is asked for once the first is answered.
    c.feed(first.proof);
    const index = closed.record.block.Index;
    expect(c.verdicts.get(first.record.block.Index)?.status).toBe("verified");
    expect(check(c.verdicts.get(index), "ticket")?.status).toBe("pending");
    expect(check(c.verdicts.get(index), "range")?.status).toBe("ok");
    expect(c.requests).toContainEqual({ type: "proof", blockIndex: index });
    c.feed(closed.proof);
    expect(c.verdicts.get(index)?.status).toBe("verified");
    expect(check(c.verdicts.get(index), "ticket")?.message).toMatch(/highest priority/);
  });

  it("fails the ticket when the table the proof carries gives another validator the highest priority", () => {
    const c = classroom("round-robin");
    c.round();
    const closed = c.round();
    const index = closed.record.block.Index;
    const winner = closed.record.block.Validator;
    const table = closed.proof.priorities!;
    // Lift someone else far above the winner: the replay must name them, not the block's Validator.
    const lied = table.map((row) =>
      row.validator === winner ? row : { ...row, priority: (BigInt(row.priority) + 10_000n).toString() },
    );
    c.feed({ ...closed.proof, priorities: lied });
    const verdict = c.verdicts.get(index);
    expect(verdict?.status).toBe("failed");
    expect(check(verdict, "ticket")?.status).toBe("failed");
    expect(check(verdict, "ticket")?.message).toMatch(/highest priority/);
  });
});
