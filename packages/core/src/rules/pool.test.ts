import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../errors.js";
import { sha256Hex } from "../hash.js";
import { type Candidate, draw } from "../lottery.js";
import { createPoolRule, MAX_POOL_SIZE } from "./pool.js";

const key = (n: number) => sha256Hex(`pool rule ${n}`);
const withStakes = (stakes: readonly number[]): Candidate[] =>
  stakes.map((stake, i) => ({ validator: key(i), stake: BigInt(stake) }));

/** Every pool entry's owner, by picking with seeds 0..size-1: the whole pool, read through the rule. */
function entries(rule: ReturnType<typeof createPoolRule>, candidates: readonly Candidate[]): string[] {
  const total = candidates.reduce((sum, c) => sum + Number(c.stake), 0);
  return Array.from({ length: total }, (_, i) => {
    const outcome = rule.pick(null, { round: 0, candidates, seed: BigInt(i) });
    if (!outcome.ok) throw outcome.error;
    expect(outcome.value.proof).toEqual({ size: total, index: i });
    return outcome.value.winner;
  });
}

describe("pool rule (one entry per token)", () => {
  it("lays the pool out in canonical order, one entry per token: the entry at seed mod size wins", () => {
    const candidates = withStakes([2, 1, 3]);
    const sorted = [...candidates].sort((a, b) => (a.validator < b.validator ? -1 : 1));
    const expected = sorted.flatMap((c) => Array<string>(Number(c.stake)).fill(c.validator));
    expect(entries(createPoolRule(), candidates)).toEqual(expected);
  });

  test.prop([
    fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }),
    fc.bigInt({ min: 0n }),
  ])("picks the same winner as the lottery from the same seed", (stakes, seed) => {
    const candidates = withStakes(stakes);
    const outcome = createPoolRule().pick(null, { round: 0, candidates, seed });
    const drawn = draw(candidates, seed);
    expect(outcome.ok ? outcome.value.winner : null).toBe(drawn?.winner ?? null);
  });

  test.prop([
    fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 6,
    }),
  ])("a pool kept across rounds whose stakes change equals one built afresh", (rounds) => {
    const kept = createPoolRule();
    for (const stakes of rounds) {
      const candidates = withStakes(stakes);
      expect(entries(kept, candidates)).toEqual(entries(createPoolRule(), candidates));
    }
  });

  it("rebuilds when who is there changes", () => {
    const rule = createPoolRule();
    entries(rule, withStakes([3, 3]));
    const later = [{ validator: key(5), stake: 2n }, ...withStakes([1])];
    expect(entries(rule, later)).toEqual(entries(createPoolRule(), later));
  });

  it("refuses a total stake above 10,000,000 with its limit, before building anything", () => {
    const candidates = withStakes([6_000_000, 4_000_001]);
    const outcome = createPoolRule().pick(null, { round: 0, candidates, seed: 1n });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe(ErrorCode.PoolTooLarge);
    expect(outcome.error.details).toEqual({ limit: MAX_POOL_SIZE.toString(), total: "10000001" });
    expect(outcome.error.message).toMatch(
      /one entry per staked token.*10,000,001.*above 10,000,000.*lottery/,
    );
  });

  it("check accepts its own pick and refuses another index or winner", () => {
    const candidates = withStakes([1, 2, 3]);
    const round = { round: 0, candidates, seed: 4n };
    const rule = createPoolRule();
    const outcome = rule.pick(null, round);
    if (!outcome.ok) throw outcome.error;
    const { winner, proof } = outcome.value;
    expect(rule.check(null, round, winner, proof).ok).toBe(true);
    const index = rule.check(null, round, winner, { ...proof, index: 0 });
    expect(index.ok ? null : index.error.code).toBe(ErrorCode.BadRule);
    const other = candidates.find((c) => c.validator !== winner)!.validator;
    const who = rule.check(null, round, other, proof);
    expect(who.ok ? null : who.error.message).toMatch(/pool entry 4/);
  });
});
