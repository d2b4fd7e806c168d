import { commitFor, type ServerMessage, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { blockPush, roundPush, validatorInfo } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  refusedUntilNextRound,
} from "./dashboard-state.js";

const alice = testKeys(1);
const bob = testKeys(2);

function welcome(blocks = blocksInTurn(3, [alice, bob])): ServerMessage {
  const tip = blocks.at(-1)!;
  return {
    type: "welcome",
    version: 1,
    you: validatorInfo(alice, "alice", "100"),
    tip: { index: tip.Index, hash: tip.Hash },
    blocks,
    validators: [validatorInfo(bob, "bob", "150", 2)],
    round: {
      type: "round",
      round: 7,
      commit: "e".repeat(64),
      closesAt: "2026-01-01T12:00:10.000Z",
      tipIndex: tip.Index,
      tipHash: tip.Hash,
    },
  };
}

const apply = (state: DashboardState, ...messages: ServerMessage[]) =>
  messages.reduce((s, message) => dashboardReducer(s, { type: "server", message }), state);

describe("dashboardReducer", () => {
  it("takes chain, validators and round from the welcome", () => {
    const state = apply(initialDashboardState(null), welcome());
    expect(state.me).toBe(alice.publicKey);
    expect(state.chain.map((e) => e.block.Index)).toEqual([0, 1, 2, 3]);
    expect(state.validators.size).toBe(2);
    expect(state.round?.round).toBe(7);
    expect(state.announcements.at(-1)).toEqual({
      id: 1,
      kind: "connected",
      again: false,
      as: { key: alice.publicKey, name: "alice", mine: true },
      tipIndex: 3,
      validators: 2,
    });
  });

  it("explains why the winner won, and makes our own win stand out", () => {
    const chain = blocksInTurn(5, [bob, alice]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    state = apply(state, blockPush(chain[4]!, 41, "bob"));
    expect(state.announcements.at(-1)).toEqual({
      id: 2,
      kind: "won",
      index: 4,
      winner: { key: bob.publicKey, name: "bob", mine: false },
      draw: { round: 41, ticket: "137", total: "250", rangeStart: "100", rangeEnd: "175", candidates: 2 },
    });
    state = apply(state, blockPush(chain[5]!, 42, "alice"));
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "won",
      index: 5,
      winner: { key: alice.publicKey, name: "alice", mine: true },
    });
    expect(state.tip?.index).toBe(5);
  });

  it("keeps only a window of recent blocks and announcements", () => {
    const chain = blocksInTurn(60, [alice, bob]);
    let state = initialDashboardState(alice.publicKey, { blocks: 20, announcements: 10 });
    state = apply(state, welcome(chain.slice(0, 2)));
    for (const block of chain.slice(2)) state = apply(state, blockPush(block, block.Index, null));
    expect(state.chain).toHaveLength(20);
    expect(state.chain.at(-1)?.block.Index).toBe(60);
    expect(state.announcements).toHaveLength(10);
  });

  it("names a nameless validator by the first 8 hex of its key", () => {
    const chain = blocksInTurn(4, [bob]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    state = apply(state, blockPush(chain[4]!, 9, null));
    // The push names no winner: the name comes from the validator list.
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "won",
      winner: { key: bob.publicKey, name: "bob", mine: false },
    });
    state = apply(state, { type: "validators", changes: [validatorInfo(testKeys(3), null, "5")] });
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "joined",
      count: 1,
      who: [{ key: testKeys(3).publicKey, name: null, mine: false }],
      stake: "5",
    });
  });

  it("announces joins, leaves and stake changes", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = apply(state, { type: "validators", changes: [validatorInfo(bob, "bob", "150", 2, false)] });
    const bobWho = { key: bob.publicKey, name: "bob", mine: false };
    expect(state.announcements.at(-1)).toMatchObject({ kind: "left", count: 1, who: [bobWho] });
    state = apply(state, { type: "validators", changes: [validatorInfo(bob, "bob", "300", 2, true)] });
    expect(state.announcements.slice(-2)).toMatchObject([
      { kind: "back", count: 1, who: [bobWho] },
      { kind: "stake", who: bobWho, stake: "300" },
    ]);
  });

  it("strips control characters from names and server errors", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = apply(state, {
      type: "validators",
      changes: [validatorInfo(testKeys(4), "ev\u001b[2Jil\u202e", "5")],
    });
    // Whether the rest of the escape sequence goes too is core's choice; the ESC itself must go.
    const joined = state.announcements.at(-1);
    expect(joined?.kind === "joined" && joined.who[0]?.name).toMatch(/^ev(\[2J)?il$/);
    state = dashboardReducer(state, { type: "submitted", round: 7, bpm: 72 });
    state = apply(state, { type: "error", code: "BAD_BPM", message: "no\u0007pe" });
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "server-error",
      code: "BAD_BPM",
      message: "nope",
    });
    expect(state.submission).toMatchObject({ status: "refused", code: "BAD_BPM", message: "nope" });
  });

  it("says which block an accepted candidate is for", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = dashboardReducer(state, { type: "submitted", round: 7, bpm: 72 });
    state = apply(state, { type: "accepted", round: 7, index: 4, hash: "a".repeat(64) });
    expect(state.announcements.at(-1)).toMatchObject({ kind: "accepted", round: 7, index: 4, bpm: 72 });
    expect(state.submission).toMatchObject({ status: "accepted", index: 4 });
  });

  it("says reconnected on a second welcome and keeps the lottery of blocks it saw live", () => {
    const chain = blocksInTurn(4, [alice, bob]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    state = apply(state, blockPush(chain[4]!, 3, "alice"), roundPush(4, chain[4]!));
    state = apply(state, welcome(chain));
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "connected",
      again: true,
      as: { key: alice.publicKey, name: "alice" },
    });
    expect(state.chain.at(-1)?.lottery?.round).toBe(3);
  });

  it("a candidate refused for its timing is to be sent again next round; one refused for its content is not", () => {
    const base = apply(initialDashboardState(null), welcome());
    const refusedWith = (code: string) =>
      apply(dashboardReducer(base, { type: "submitted", round: 7, bpm: 72 }), {
        type: "error",
        code,
        message: "no",
      }).submission;
    for (const code of ["WRONG_ROUND", "JOINED_THIS_ROUND"]) {
      const submission = refusedWith(code);
      expect(submission).toMatchObject({ status: "refused", code, round: 7, bpm: 72 });
      expect(refusedUntilNextRound(submission)).toBe(true);
    }
    for (const code of ["BAD_BPM", "ALREADY_SUBMITTED", "BAD_TIMESTAMP"])
      expect(refusedUntilNextRound(refusedWith(code))).toBe(false);
    expect(refusedUntilNextRound(base.submission)).toBe(false);
  });

  it("keeps a round's candidate list for the pictures, and unchecked blocks pending until a verdict comes", () => {
    const chain = blocksInTurn(5, [alice, bob]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    // No verifier fed this reducer: nothing claims a block is good.
    expect(state.chain.map((entry) => entry.verdict)).toEqual(
      chain.slice(0, 4).map((b) => ({ index: b.Index, hash: b.Hash, status: "pending", checks: [] })),
    );
    const reveal = sha256Hex("secret");
    state = apply(state, blockPush(chain[4]!, 8, null), {
      type: "proof",
      round: 8,
      blockIndex: 4,
      commit: commitFor(reveal),
      reveal,
      prevHash: chain[3]!.Hash,
      winner: bob.publicKey,
      candidates: [{ validator: alice.publicKey, stake: "100" }],
    });
    expect(state.proofs.get(8)?.candidates).toEqual([{ validator: alice.publicKey, stake: 100n }]);
    // A second welcome keeps the entries it holds rather than making new ones.
    const held = state.chain.at(-1);
    expect(held?.block.Index).toBe(4);
    state = apply(state, welcome(chain));
    expect(state.chain.find((entry) => entry.block.Index === 4)).toBe(held);
  });
});
