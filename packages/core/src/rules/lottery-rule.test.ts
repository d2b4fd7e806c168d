import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../errors.js";
import { sha256Hex } from "../hash.js";
import { type Candidate, draw } from "../lottery.js";
import { lotteryRule } from "./lottery-rule.js";

const key = (n: number) => sha256Hex(`lottery rule ${n}`);
const candidates: Candidate[] = [10n, 30n, 60n].map((stake, i) => ({ validator: key(i), stake }));

describe("lottery rule", () => {
  test.prop([fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })])(
    "gives exactly draw's winner and figures",
    (seed) => {
      const outcome = lotteryRule.pick(null, { round: 3, candidates, seed });
      const drawn = draw(candidates, seed)!;
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const { winner, ...proof } = drawn;
      expect(outcome.value.winner).toBe(winner);
      expect(outcome.value.proof).toEqual(proof);
      expect(outcome.value.state).toBeNull();
    },
  );

  it("check accepts the draw and refuses another winner or a moved ticket", () => {
    const round = { round: 1, candidates, seed: 12345n };
    const outcome = lotteryRule.pick(null, round);
    if (!outcome.ok) throw outcome.error;
    const { winner, proof } = outcome.value;
    expect(lotteryRule.check(null, round, winner, proof).ok).toBe(true);
    const other = candidates.find((c) => c.validator !== winner)!.validator;
    const wrongWinner = lotteryRule.check(null, round, other, proof);
    expect(wrongWinner.ok ? null : wrongWinner.error.code).toBe(ErrorCode.BadLottery);
    const moved = lotteryRule.check(null, round, winner, { ...proof, ticket: proof.ticket + 1n });
    expect(moved.ok ? null : moved.error.message).toMatch(/ticket or ranges/);
  });

  it("refuses a validator listed twice (it would widen its range) and a round without stake", () => {
    const twice = lotteryRule.pick(null, {
      round: 0,
      candidates: [candidates[0]!, candidates[0]!],
      seed: 1n,
    });
    expect(twice.ok ? null : twice.error.code).toBe(ErrorCode.BadLottery);
    const none = lotteryRule.pick(null, {
      round: 0,
      candidates: [{ validator: key(9), stake: 0n }],
      seed: 1n,
    });
    expect(none.ok ? null : none.error.message).toMatch(/no candidate with stake/);
  });

  it("cannot name the next winner before the seed, unless only one candidate has stake", () => {
    expect(lotteryRule.foresee(null, candidates)).toBeNull();
    expect(lotteryRule.foresee(null, [candidates[1]!, { validator: key(7), stake: 0n }])).toBe(key(1));
  });
});
