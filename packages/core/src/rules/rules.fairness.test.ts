import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../hash.js";
import { type Candidate, lotterySeed } from "../lottery.js";
import { chiSquareTest } from "../stats.js";
import { lotteryRule } from "./lottery-rule.js";
import { createPoolRule } from "./pool.js";
import { type PriorityTable, roundRobinRule } from "./round-robin.js";
import type { AnyRule } from "./rule.js";

// Random rules: three validators staking 10, 30 and 60 should win 10%, 30% and 60% of the rounds.
const STAKES = [10n, 30n, 60n];
const candidates: Candidate[] = STAKES.map((stake, i) => ({
  validator: sha256Hex(`rules fair ${i}`),
  stake,
}));
const shares = STAKES.map(Number);
const DRAWS = 20_000;
const ALPHA = 0.001;
const PREV = sha256Hex("rules fairness tip");

/** Fixed secrets, so every run gives the same answer. */
const seedOf = (round: number) => lotterySeed(sha256Hex(`rules fairness seed|${round}`), PREV, round);

function winCounts(pick: (round: number) => string): number[] {
  const counts = candidates.map(() => 0);
  const position = new Map(candidates.map((c, i) => [c.validator, i]));
  for (let round = 0; round < DRAWS; round++) counts[position.get(pick(round))!]!++;
  return counts;
}

function honest(rule: AnyRule, stakes: readonly Candidate[] = candidates) {
  return (round: number): string => {
    const outcome = rule.pick(null, { round, candidates: stakes, seed: seedOf(round) });
    if (!outcome.ok) throw outcome.error;
    return outcome.value.winner;
  };
}

describe.each([
  ["lottery", () => lotteryRule as AnyRule],
  ["pool", () => createPoolRule() as AnyRule],
])("%s fairness (chi-square goodness of fit, 20,000 seeded rounds)", (_name, make) => {
  it("wins follow stake: the test does not reject at p = 0.001", () => {
    const counts = winCounts(honest(make()));
    const result = chiSquareTest(counts, shares);
    expect(result.pValue, `counts ${counts.join("/")}`).toBeGreaterThanOrEqual(ALPHA);
  });

  it("rejects a variant that hands the richest validator 10% of rounds (p < 0.001)", () => {
    const fair = honest(make());
    const richest = candidates[2]!.validator;
    const result = chiSquareTest(
      winCounts((round) => (round % 10 === 0 ? richest : fair(round))),
      shares,
    );
    expect(result.pValue).toBeLessThan(ALPHA);
  });

  it("rejects a variant that weighs 20/30/50 instead of 10/30/60 (p < 0.001)", () => {
    const skewed = candidates.map((c, i) => ({ ...c, stake: [20n, 30n, 50n][i]! }));
    const result = chiSquareTest(winCounts(honest(make(), skewed)), shares);
    expect(result.pValue).toBeLessThan(ALPHA);
  });
});

describe("round-robin fairness (CometBFT's proposer-frequency bound)", () => {
  /** Wins per candidate over `rounds` rounds from a fresh table, every candidate in every round. */
  function counts(set: readonly Candidate[], rounds: number): number[] {
    const position = new Map(set.map((c, i) => [c.validator, i]));
    const wins = set.map(() => 0);
    let state: PriorityTable = [];
    for (let round = 0; round < rounds; round++) {
      const outcome = roundRobinRule.pick(state, { round, candidates: set, seed: 0n });
      if (!outcome.ok) throw outcome.error;
      wins[position.get(outcome.value.winner)!]!++;
      state = outcome.value.state;
    }
    return wins;
  }

  const stakeSets = fc
    .uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 12 })
    .chain((ids) =>
      fc.tuple(
        fc.constant(ids.map((id) => id.toString(16).padStart(8, "0"))),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: ids.length, maxLength: ids.length }),
      ),
    );

  test.prop([stakeSets], { numRuns: 200 })(
    "over P = total stake rounds each validator proposes its stake's worth, within N - 1",
    ([ids, stakes]) => {
      const set = ids.map((validator, i) => ({ validator, stake: BigInt(stakes[i]!) }));
      const total = stakes.reduce((a, b) => a + b, 0);
      const wins = counts(set, total);
      wins.forEach((count, i) => {
        expect(Math.abs(count - stakes[i]!)).toBeLessThanOrEqual(ids.length - 1);
      });
    },
  );

  it("detects a run that secretly weighs the smallest validator as 10 instead of 1", () => {
    const stakes = [1, 20, 30, 49];
    const skewed = [10, 20, 30, 49].map((stake, i) => ({ validator: `v${i}`, stake: BigInt(stake) }));
    const wins = counts(skewed, 100);
    expect(wins.some((count, i) => Math.abs(count - stakes[i]!) > stakes.length - 1)).toBe(true);
  });
});
