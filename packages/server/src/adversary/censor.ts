import { type RewardRule, shortHex } from "@pos-tui/core";
import { confess, type Liar, randomIndex, type Tamper } from "./liar.js";
import { redraw } from "./redraw.js";

/**
 * `--adversary censor`: one candidate of each round with two or more (picked at random) is left out
 * of the draw and of the published list, though it was answered `accepted`. The record stays
 * consistent with itself; only the censored validator's own client can tell, by looking for its
 * candidate in the list.
 */
export function censor(liar: Liar, reward: RewardRule | null): Tamper {
  return (outcome, consensus) => {
    const { candidates, record } = outcome;
    if (candidates.length < 2 || record.proof === null) return record;
    const victim = candidates[randomIndex(liar, candidates.length)]!;
    const kept = candidates.filter((c) => c !== victim);
    const lie = redraw(
      outcome,
      { candidates: kept, reveal: record.proof.reveal, commit: record.proof.commit },
      consensus,
      reward,
    );
    if (lie === null) return record;
    const key = victim.block.Validator;
    const name = consensus.validators.get(key)?.name ?? shortHex(key);
    confess(
      liar,
      { mode: "censor", round: record.proof.round, victim: key, winner: lie.block.Validator },
      `censor: dropped ${name}'s accepted candidate from round ${record.proof.round}; ` +
        `block ${lie.block.Index} goes to ${consensus.validators.get(lie.block.Validator)?.name ?? shortHex(lie.block.Validator)}`,
    );
    return lie;
  };
}
