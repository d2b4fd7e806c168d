import type { ServerMessage } from "@pos-tui/core";
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
    expect(state.announcements.at(-1)?.text).toMatch(/^connected as alice: chain at block 3, 2 validators/);
  });

  it("explains why the winner won, and makes our own win stand out", () => {
    const chain = blocksInTurn(5, [bob, alice]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    state = apply(state, blockPush(chain[4]!, 41, "bob"));
    expect(state.announcements.at(-1)).toMatchObject({
      kind: "block",
      text: "round 41: bob won block 4 - ticket 137 of 250 fell in bob's range 100..175 (2 candidates)",
    });
    state = apply(state, blockPush(chain[5]!, 42, "alice"));
    expect(state.announcements.at(-1)).toMatchObject({ kind: "you-won" });
    expect(state.announcements.at(-1)?.text).toMatch(/^round 42: you won block 5 .* your range/);
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
    expect(state.announcements.at(-1)?.text).toContain("round 9: bob won");
    state = apply(state, { type: "validators", changes: [validatorInfo(testKeys(3), null, "5")] });
    expect(state.announcements.at(-1)?.text).toBe(`${testKeys(3).publicKey.slice(0, 8)} joined with stake 5`);
  });

  it("announces joins, leaves and stake changes", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = apply(state, { type: "validators", changes: [validatorInfo(bob, "bob", "150", 2, false)] });
    expect(state.announcements.at(-1)?.text).toBe("bob left");
    state = apply(state, { type: "validators", changes: [validatorInfo(bob, "bob", "300", 2, true)] });
    expect(state.announcements.slice(-2).map((a) => a.text)).toEqual([
      "bob is back online",
      "bob now stakes 300 (counts from the next round)",
    ]);
  });

  it("strips control characters from names and server errors", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = apply(state, {
      type: "validators",
      changes: [validatorInfo(testKeys(4), "ev\u001b[2Jil\u202e", "5")],
    });
    // Whether the rest of the escape sequence goes too is core's choice; the ESC itself must go.
    expect(state.announcements.at(-1)?.text).toMatch(/^ev(\[2J)?il joined with stake 5$/);
    state = dashboardReducer(state, { type: "submitted", round: 7, bpm: 72 });
    state = apply(state, { type: "error", code: "BAD_BPM", message: "no\u0007pe" });
    expect(state.announcements.at(-1)?.text).toBe("error BAD_BPM: nope");
    expect(state.submission).toMatchObject({ status: "refused", reason: "BAD_BPM: nope" });
  });

  it("says which block an accepted candidate is for", () => {
    let state = apply(initialDashboardState(null), welcome());
    state = dashboardReducer(state, { type: "submitted", round: 7, bpm: 72 });
    state = apply(state, { type: "accepted", round: 7, index: 4, hash: "a".repeat(64) });
    expect(state.announcements.at(-1)?.text).toBe(
      "accepted: BPM 72 is your candidate for block 4 in round 7",
    );
    expect(state.submission).toMatchObject({ status: "accepted", index: 4 });
  });

  it("says reconnected on a second welcome and keeps the lottery of blocks it saw live", () => {
    const chain = blocksInTurn(4, [alice, bob]);
    let state = apply(initialDashboardState(null), welcome(chain.slice(0, 4)));
    state = apply(state, blockPush(chain[4]!, 3, "alice"), roundPush(4, chain[4]!));
    state = apply(state, welcome(chain));
    expect(state.announcements.at(-1)?.text).toMatch(/^reconnected as alice/);
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
});
