import { describe, expect, it } from "vitest";
import { sha256Hex } from "./hash.js";
import { type Candidate, commitFor, draw, lotterySeed, verifyDraw } from "./lottery.js";
import { chiSquareTest } from "./stats.js";

// Three validators staking 10, 30 and 60 tokens should win 10%, 30% and 60% of the rounds.
const STAKES = [10n, 30n, 60n];
const candidates: Candidate[] = STAKES.map((stake, i) => ({ validator: sha256Hex(`fair ${i}`), stake }));
const shares = STAKES.map(Number);
const DRAWS = 20_000;
const ALPHA = 0.001;
const PREV = sha256Hex("fairness tip");

/** Deterministic secrets, so the test gives the same answer on every run. */
const secret = (i: number) => sha256Hex(`pos-tui fairness seed|${i}`);

type Picker = (round: number) => string;

function winCounts(pick: Picker): number[] {
  const counts = candidates.map(() => 0);
  const position = new Map(candidates.map((c, i) => [c.validator, i]));
  for (let round = 0; round < DRAWS; round++) counts[position.get(pick(round))!]!++;
  return counts;
}

const honest: Picker = (round) => draw(candidates, lotterySeed(secret(round), PREV, round))!.winner;

describe("lottery fairness (chi-square goodness of fit, 20,000 seeded draws)", () => {
  it("wins are proportional to stake: the test does not reject at p = 0.001", () => {
    const counts = winCounts(honest);
    const result = chiSquareTest(counts, shares);
    expect(result.degreesOfFreedom).toBe(2);
    expect(result.pValue, `counts ${counts.join("/")}, chi2 ${result.chiSquare}`).toBeGreaterThanOrEqual(
      ALPHA,
    );
    // And each share is within a couple of points of its stake.
    counts.forEach((count, i) => {
      expect(Math.abs(count / DRAWS - shares[i]! / 100)).toBeLessThan(0.02);
    });
  });

  it("every seeded draw also verifies from its commit and reveal", () => {
    for (let round = 0; round < 200; round++) {
      const reveal = secret(round);
      const proof = { round, commit: commitFor(reveal), reveal, prevHash: PREV, candidates };
      expect(verifyDraw(proof, honest(round)).ok).toBe(true);
    }
  });

  it("detects a draw that favours the biggest stake in 10% of rounds (p < 0.001), so it can fail", () => {
    const richest = candidates.reduce((a, b) => (b.stake > a.stake ? b : a)).validator;
    const biased: Picker = (round) => (round % 10 === 0 ? richest : honest(round));
    const result = chiSquareTest(winCounts(biased), shares);
    expect(result.pValue).toBeLessThan(ALPHA);
  });

  it("detects a draw that uses shares 20/30/50 instead of 10/30/60 (p < 0.001)", () => {
    const skewed = candidates.map((c, i) => ({ ...c, stake: [20n, 30n, 50n][i]! }));
    const biased: Picker = (round) => draw(skewed, lotterySeed(secret(round), PREV, round))!.winner;
    const result = chiSquareTest(winCounts(biased), shares);
    expect(result.pValue).toBeLessThan(ALPHA);
  });
});
