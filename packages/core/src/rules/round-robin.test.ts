import { describe, expect, it } from "vitest";
import { ErrorCode } from "../errors.js";
import type { Candidate } from "../lottery.js";
import { type PriorityTable, roundRobinRule } from "./round-robin.js";

const rule = roundRobinRule;
/** Keys in sort order, so "a" < "b" < "c" is also the tie-break order. */
const cand = (validator: string, stake: bigint): Candidate => ({ validator, stake });

/** Runs `rounds` rounds with the same candidates, from `state`; returns the winners and the last state. */
function run(candidates: readonly Candidate[], rounds: number, state: PriorityTable = []) {
  const winners: string[] = [];
  let current = state;
  for (let round = 0; round < rounds; round++) {
    const outcome = rule.pick(current, { round, candidates, seed: BigInt(round) });
    if (!outcome.ok) throw outcome.error;
    winners.push(outcome.value.winner);
    current = outcome.value.state;
  }
  return { winners, state: current };
}

const priorities = (table: PriorityTable) => table.map((e) => e.priority);

describe("round-robin rule (CometBFT's weighted round robin)", () => {
  it("stakes 1, 2, 3: C B A C B C, the ties going to the smaller key, back to all zero after 6 rounds", () => {
    const { winners, state } = run([cand("a", 1n), cand("b", 2n), cand("c", 3n)], 6);
    expect(winners.join(" ")).toBe("c b a c b c");
    expect(priorities(state)).toEqual([0n, 0n, 0n]);
  });

  it("publishes the table it ran on and the one after: the winner's priority dropped by the total", () => {
    const outcome = rule.pick([], { round: 1, candidates: [cand("a", 1n), cand("b", 2n)], seed: 0n });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { proof, winner } = outcome.value;
    expect(priorities(proof.before)).toEqual([0n, 0n]);
    expect(winner).toBe("b");
    expect(proof.total).toBe(3n);
    expect(priorities(proof.after)).toEqual([1n, -1n]);
  });

  it("ignores the seed: the next proposer is known before the round", () => {
    const candidates = [cand("a", 5n), cand("b", 7n)];
    const first = rule.pick([], { round: 0, candidates, seed: 1n });
    const second = rule.pick([], { round: 0, candidates, seed: 999n });
    expect(first.ok && second.ok && first.value.winner === second.value.winner).toBe(true);
    expect(rule.foresee([], candidates)).toBe(first.ok ? first.value.winner : "");
  });

  it("a newcomer starts at -1.125 x the total, then the table is centred", () => {
    const { state } = run([cand("a", 10n), cand("b", 10n)], 2);
    // a and b at 0; c (stake 12) joins: total with everyone 32, newcomer -(32 + 4) = -36, then centred.
    const outcome = rule.pick(state, {
      round: 2,
      candidates: [cand("a", 10n), cand("b", 10n), cand("c", 12n)],
      seed: 0n,
    });
    if (!outcome.ok) throw outcome.error;
    // sum -36, average floor(-36 / 3) = -12: a, b at 12, c at -24.
    expect(priorities(outcome.value.proof.before)).toEqual([12n, 12n, -24n]);
  });

  it("an absent candidate leaves, and rejoining puts it behind rather than resetting a low priority", () => {
    const three = [cand("a", 1n), cand("b", 1n), cand("c", 1n)];
    const once = run(three, 1);
    expect(once.winners).toEqual(["a"]);
    const without = rule.pick(once.state, { round: 1, candidates: three.slice(1), seed: 0n });
    if (!without.ok) throw without.error;
    expect(without.value.state.map((e) => e.validator)).toEqual(["b", "c"]);
    const back = rule.pick(without.value.state, { round: 2, candidates: three, seed: 0n });
    if (!back.ok) throw back.error;
    const a = back.value.proof.before.find((e) => e.validator === "a")!;
    expect(a.priority).toBeLessThan(0n);
    expect(back.value.winner).not.toBe("a");
  });

  it("keeps a validator's priority through a stake change", () => {
    const { state } = run([cand("a", 1n), cand("b", 2n), cand("c", 3n)], 2);
    const outcome = rule.pick(state, {
      round: 2,
      candidates: [cand("a", 1n), cand("b", 2n), cand("c", 4n)],
      seed: 0n,
    });
    if (!outcome.ok) throw outcome.error;
    expect(priorities(outcome.value.proof.before)).toEqual(priorities(state));
  });

  it("rescales priorities wider than 2 x the total, dividing like Go (towards zero)", () => {
    const state: PriorityTable = [
      { validator: "a", stake: 1n, priority: 100n },
      { validator: "b", stake: 1n, priority: -100n },
    ];
    const outcome = rule.pick(state, { round: 0, candidates: [cand("a", 1n), cand("b", 1n)], seed: 0n });
    if (!outcome.ok) throw outcome.error;
    // spread 200, window 4: ratio ceil(200 / 4) = 50, so 2 and -2; the average 0 leaves them.
    expect(priorities(outcome.value.proof.before)).toEqual([2n, -2n]);
  });

  it("check accepts its own outcome and names the replayed winner when the claim differs", () => {
    const candidates = [cand("a", 1n), cand("b", 2n), cand("c", 3n)];
    const round = { round: 0, candidates, seed: 0n };
    const outcome = rule.pick([], round);
    if (!outcome.ok) throw outcome.error;
    expect(rule.check([], round, outcome.value.winner, outcome.value.proof).ok).toBe(true);
    const forged = rule.check([], round, "a", outcome.value.proof);
    expect(forged.ok).toBe(false);
    if (forged.ok) return;
    expect(forged.error.code).toBe(ErrorCode.BadRule);
    expect(forged.error.message).toContain("c");
  });

  it("check refuses a proof whose table is not the one earlier rounds lead to", () => {
    const candidates = [cand("a", 1n), cand("b", 2n)];
    const round = { round: 0, candidates, seed: 0n };
    const outcome = rule.pick([], round);
    if (!outcome.ok) throw outcome.error;
    const before = outcome.value.proof.before.map((e) => ({ ...e, priority: e.validator === "a" ? 9n : 0n }));
    const forged = rule.check([], round, outcome.value.winner, { ...outcome.value.proof, before });
    expect(forged.ok ? "accepted" : forged.error.message).toMatch(/priority table/);
  });

  it("refuses a validator listed twice and a round without stake", () => {
    const twice = rule.pick([], { round: 0, candidates: [cand("a", 1n), cand("a", 5n)], seed: 0n });
    expect(twice.ok ? null : twice.error.code).toBe(ErrorCode.BadRule);
    const none = rule.pick([], { round: 0, candidates: [cand("a", 0n)], seed: 0n });
    expect(none.ok ? null : none.error.code).toBe(ErrorCode.BadRule);
  });
});
