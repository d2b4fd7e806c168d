import { ErrorCode, fail, ok, PosError, type Result } from "../errors.js";
import { type DrawResult, draw } from "../lottery.js";
import { type ProposerRule, type RoundInput, type RuleOutcome, staked } from "./rule.js";

/** The lottery keeps no state between rounds: every round stands on its own candidates and seed. */
export type LotteryState = null;
/** The ticket, the total and the winner's range: enough to see the ticket fall in the winner's range. */
export type LotteryProof = Omit<DrawResult, "winner">;

function pick(_state: LotteryState, round: RoundInput): Result<RuleOutcome<LotteryState, LotteryProof>> {
  const candidates = staked(round.candidates, ErrorCode.BadLottery);
  if (!candidates.ok) return candidates;
  // staked() leaves at least one positive stake, so the draw always has a winner.
  const { winner, ...proof } = draw(candidates.value, round.seed)!;
  return ok({ winner, proof, state: null });
}

const sameProof = (a: LotteryProof, b: LotteryProof): boolean =>
  a.ticket === b.ticket &&
  a.total === b.total &&
  a.rangeStart === b.rangeStart &&
  a.rangeEnd === b.rangeEnd &&
  a.winnerIndex === b.winnerIndex;

/**
 * Today's commit-reveal lottery: each candidate owns a range as wide as its stake on [0, total), and
 * the ticket `seed mod total` falls in one. Results are exactly `draw`'s.
 */
export const lotteryRule: ProposerRule<LotteryState, LotteryProof> = {
  name: "lottery",
  summary: "the ticket seed mod total stake falls in one candidate's range, as wide as its stake",
  usesSeed: true,
  initialState: () => null,
  pick,
  check(state, round, winner, proof) {
    const replay = pick(state, round);
    if (!replay.ok) return replay;
    const { value } = replay;
    if (value.winner !== winner)
      return fail(
        new PosError(
          ErrorCode.BadLottery,
          `ticket ${value.proof.ticket} falls in ${value.winner.slice(0, 8)}'s range, not ${winner.slice(0, 8)}'s`,
        ),
      );
    if (!sameProof(value.proof, proof))
      return fail(
        new PosError(
          ErrorCode.BadLottery,
          `the proof's ticket or ranges differ from the draw's (ticket ${value.proof.ticket} of ${value.proof.total})`,
        ),
      );
    return replay;
  },
  foresee(_state, candidates) {
    const positive = candidates.filter((c) => c.stake > 0n);
    return positive.length === 1 ? positive[0]!.validator : null;
  },
};
