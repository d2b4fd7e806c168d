import { type Block, commitFor, type KeyPair, type ServerMessage, sha256Hex, signBlock } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import {
  drawnRound,
  honestBlockPush,
  honestLottery,
  roundPush,
  roundSecret,
  validatorInfo,
  welcomePush,
} from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { type DashboardState, dashboardReducer, initialDashboardState } from "./dashboard-state.js";
import { proofsWanted } from "./proof-requests.js";

const alice = testKeys(1);
const bob = testKeys(2);
const chain = blocksInTurn(30, [alice, bob]);

const apply = (state: DashboardState, ...messages: ServerMessage[]) =>
  messages.reduce((s, message) => dashboardReducer(s, { type: "server", message }), state);

/** alice connected as a validator on blocks 0..tip, with round `tip + 1` open. */
function connected(tip = 10, limits = {}): DashboardState {
  return apply(
    initialDashboardState(null, limits),
    welcomePush({
      you: validatorInfo(alice, "alice", "100"),
      blocks: chain.slice(0, tip + 1),
      validators: [validatorInfo(bob, "bob", "150")],
      round: tip + 1,
    }),
  );
}

/** Block `index` won in round `index`, as an honest server pushes it after opening the round. */
function honestly(state: DashboardState, index: number): DashboardState {
  return apply(state, honestBlockPush(chain[index]!, index, null), roundPush(index + 1, chain[index]!));
}

/** Block `index` by `keys`, on top of `prev`: well made, whatever the block before it is. */
const blockOn = (prev: Block, keys: KeyPair, bpm = 70): Block =>
  signBlock({ Index: prev.Index + 1, Timestamp: prev.Timestamp, BPM: bpm, PrevHash: prev.Hash }, keys);

const checkOf = (state: DashboardState, index: number, id: string) =>
  state.chain.find((e) => e.block.Index === index)?.verdict.checks.find((c) => c.id === id);

describe("verdicts in the dashboard state", () => {
  it("an honest block passes every check it can without its candidate list, and waits for that", () => {
    const state = honestly(connected(), 11);
    const verdict = state.chain.at(-1)!.verdict;
    expect(verdict.status).toBe("pending");
    expect(verdict.checks.filter((c) => c.status !== "ok").map((c) => c.id)).toEqual(["range"]);
    expect(state.alarm).toBeNull();
    expect(state.autoHalt).toBeNull();
  });

  it("catches a block whose BPM was changed after it was signed: its hash no longer matches", () => {
    const forged: Block = { ...chain[11]!, BPM: chain[11]!.BPM + 1 };
    const state = apply(connected(), honestBlockPush(forged, 11, null));
    expect(checkOf(state, 11, "hash")).toMatchObject({ status: "failed" });
    expect(state.alarm).toMatchObject({ index: 11, check: "hash", more: 0 });
    expect(state.autoHalt).toEqual({ index: 11, check: "hash" });
  });

  it("catches a commit and reveal replaced by another consistent pair (a regrind)", () => {
    const reveal = sha256Hex("a secret drawn after seeing the candidates");
    const lottery = { ...honestLottery(chain[11]!, 11), reveal, commit: commitFor(reveal) };
    const state = apply(connected(), { type: "block", block: chain[11]!, lottery, winnerName: null });
    expect(checkOf(state, 11, "reveal")).toMatchObject({ status: "ok" });
    expect(state.alarm).toEqual({
      index: 11,
      hash: chain[11]!.Hash,
      check: "commit",
      message:
        "the server's reveal does not match the commit it published when round 11 opened " +
        `(it published ${roundSecret(11).commit.slice(0, 8)}, the block says ${lottery.commit.slice(0, 8)})`,
      more: 0,
    });
  });

  it("catches a ticket that is not the seed's", () => {
    const lottery = honestLottery(chain[11]!, 11);
    const wrong = { ...lottery, ticket: String((BigInt(lottery.ticket) + 1n) % 250n) };
    const state = apply(connected(), { type: "block", block: chain[11]!, lottery: wrong, winnerName: null });
    expect(state.alarm?.check).toBe("ticket");
  });

  it("catches a block that does not link to the one before it", () => {
    const state = apply(connected(), honestBlockPush(chain[12]!, 11, null));
    expect(checkOf(state, 12, "index")).toMatchObject({ status: "failed" });
    expect(checkOf(state, 12, "link")).toMatchObject({ status: "failed" });
    expect(state.alarm?.check).toBe("index");
  });

  it("catches a server that accepted our candidate, then left it out of the draw or shrank our stake", () => {
    const candidates = (aliceStake: bigint) =>
      [
        { validator: alice.publicKey, stake: aliceStake },
        { validator: bob.publicKey, stake: 150n },
      ].sort((a, b) => (a.validator < b.validator ? -1 : 1));
    const withCandidates = (list: { validator: string; stake: bigint }[]) => {
      const { proof, lottery } = drawnRound(list, roundSecret(11).reveal, chain[10]!.Hash, 11, 11);
      // The block of whoever the draw picks, so only the inclusion check can fail.
      const block = blockOn(chain[10]!, proof.winner === alice.publicKey ? alice : bob);
      const state = apply(
        dashboardReducer(connected(), { type: "submitted", round: 11, bpm: 70 }),
        { type: "accepted", round: 11, index: 11, hash: block.Hash },
        { type: "block", block, lottery, winnerName: null },
        proof,
      );
      expect(checkOf(state, 11, "range")).toMatchObject({ status: "ok" });
      return checkOf(state, 11, "inclusion");
    };
    expect(withCandidates(candidates(100n))).toMatchObject({ status: "ok" });
    expect(withCandidates(candidates(60n))).toEqual({
      id: "inclusion",
      status: "failed",
      message: "the draw counts your stake as 60, but it was 100 in round 11",
    });
    expect(withCandidates([{ validator: bob.publicKey, stake: 150n }])).toEqual({
      id: "inclusion",
      status: "failed",
      message: "the server accepted your candidate in round 11, then left it out of the draw",
    });
  });

  it("catches history rewritten across a reconnect: another block at a height it showed before", () => {
    let state = honestly(honestly(connected(), 11), 12);
    const rewritten = blocksInTurn(12, [bob, alice]);
    state = apply(
      state,
      welcomePush({
        you: validatorInfo(alice, "alice", "100"),
        blocks: rewritten,
        validators: [],
        round: 13,
      }),
    );
    // Block 0 is the same genesis; from block 1 on the server shows other blocks.
    expect(checkOf(state, 1, "history")).toEqual({
      id: "history",
      status: "failed",
      message: `the server's history changed at block 1: it showed ${chain[1]!.Hash.slice(0, 8)} there before, now ${rewritten[1]!.Hash.slice(0, 8)}`,
    });
    expect(state.alarm).toMatchObject({ index: 1, check: "history" });
    expect(state.alarm?.more).toBeGreaterThan(0);
  });

  it("catches a chain that shrank across a reconnect", () => {
    let state = honestly(honestly(connected(), 11), 12);
    state = apply(
      state,
      welcomePush({
        you: validatorInfo(alice, "alice", "100"),
        blocks: chain.slice(0, 11),
        validators: [],
        round: 13,
      }),
    );
    expect(state.alarm).toMatchObject({
      index: 10,
      check: "history",
      message:
        "the server's history changed at block 11: its chain now ends at block 10, but it showed this client blocks up to 12",
    });
  });

  it("keeps one verdict per block held, no more than the chain's window", () => {
    let state = connected(2, { blocks: 5 });
    for (let index = 3; index <= 20; index++) state = honestly(state, index);
    expect(state.chain.map((e) => e.verdict.index)).toEqual([16, 17, 18, 19, 20]);
    expect(state.chain.every((e) => e.verdict.hash === e.block.Hash)).toBe(true);
    expect(state.rounds.size).toBeLessThanOrEqual(64);
    expect(state.alarm).toBeNull();
  });

  it("the alarm stays until acknowledged; auto resumes only on a good tip", () => {
    const forged: Block = { ...chain[11]!, BPM: chain[11]!.BPM + 1 };
    let state = apply(connected(), honestBlockPush(forged, 11, null));
    // Acknowledged while the tip is the failed block: the banner goes, auto stays stopped.
    state = dashboardReducer(state, { type: "acknowledge" });
    expect(state.alarm).toBeNull();
    expect(state.autoHalt).toEqual({ index: 11, check: "hash" });
    // A good block on top of it does not resume auto by itself...
    state = apply(state, roundPush(12, forged), honestBlockPush(blockOn(forged, bob), 12, null));
    expect(state.alarm).toBeNull();
    expect(state.autoHalt).toEqual({ index: 11, check: "hash" });
    // ...acknowledging on a good tip does.
    state = dashboardReducer(state, { type: "acknowledge" });
    expect(state.chain.at(-1)?.verdict.status).not.toBe("failed");
    expect(state.autoHalt).toBeNull();
  });

  it("a reconnect resumes auto when the tip it lands on is good, not when it is still the failed block", () => {
    const forged: Block = { ...chain[11]!, BPM: chain[11]!.BPM + 1 };
    const halted = apply(connected(), honestBlockPush(forged, 11, null));
    const again = (blocks: Block[]) =>
      apply(
        halted,
        welcomePush({ you: validatorInfo(alice, "alice", "100"), blocks, validators: [], round: 12 }),
      );
    expect(again([...chain.slice(0, 11), forged]).autoHalt).toEqual({ index: 11, check: "hash" });
    expect(again([...chain.slice(0, 11), forged, blockOn(forged, bob)]).autoHalt).toBeNull();
  });

  it("asks for the candidate lists its range checks wait on, a few at a time, newest first", () => {
    let state = connected();
    for (let index = 11; index <= 15; index++) state = honestly(state, index);
    expect(proofsWanted(state)).toEqual([15, 14]);
    state = dashboardReducer(state, { type: "proof-requested", round: 15 });
    expect(proofsWanted(state)).toEqual([14]);
    state = dashboardReducer(state, { type: "proof-requested", round: 14 });
    expect(proofsWanted(state)).toEqual([]);
    // An unknown round answers a request, not our candidate: the oldest request is let go.
    state = dashboardReducer(state, { type: "submitted", round: 16, bpm: 70 });
    state = apply(state, { type: "error", code: "UNKNOWN_ROUND", message: "round 15 produced no block" });
    expect(state.submission?.status).toBe("pending");
    expect(state.proofsInFlight).toEqual([14]);
    // A reconnect forgets what was in flight: those answers will not come.
    state = apply(
      state,
      welcomePush({
        you: validatorInfo(alice, "alice", "100"),
        blocks: chain.slice(0, 16),
        validators: [],
        round: 16,
      }),
    );
    expect(state.proofsInFlight).toEqual([]);
  });
});
