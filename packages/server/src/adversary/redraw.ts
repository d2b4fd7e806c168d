import {
  type BlockRecord,
  type Consensus,
  draw,
  type LedgerReward,
  lotterySeed,
  type RewardRule,
  type RoundCandidate,
  type RoundOutcome,
  rewardFor,
} from "@pos-tui/core";

export interface Redraw {
  /** The candidates the lie keeps (all of them, or all but the censored one). */
  candidates: readonly RoundCandidate[];
  /** The secret the lie reveals: the committed one, or a reground one. */
  reveal: string;
  /** The commit published with it: a reground secret needs its own to look consistent. */
  commit: string;
}

/**
 * The record an honest server would have made had the round held only `candidates` and drawn with
 * `reveal`: ticket, ranges, winner, ledger and reward all consistent with one another, so nothing in
 * the record itself gives the lie away. Only a client that remembers the round's commit, or its own
 * candidate, can tell. Null when none of the candidates has stake.
 */
export function redraw(
  outcome: RoundOutcome,
  change: Redraw,
  consensus: Consensus,
  reward: RewardRule | null,
): BlockRecord | null {
  const honest = outcome.record;
  const proof = honest.proof;
  if (proof === null) return null;
  const prevHash = honest.block.PrevHash;
  const result = draw(
    change.candidates.map((c) => ({ validator: c.block.Validator, stake: c.stake })),
    lotterySeed(change.reveal, prevHash, proof.round),
  );
  if (result === null) return null;
  const winner = change.candidates.find((c) => c.block.Validator === result.winner)!;
  const kept = new Set(change.candidates.map((c) => c.block.Validator));
  const ledger = honest.ledger && {
    stakes: honest.ledger.stakes.filter((s) => kept.has(s.validator)),
    reward: rewardOf(honest, winner, consensus, reward),
  };
  return {
    block: winner.block,
    proof: {
      ...proof,
      commit: change.commit,
      reveal: change.reveal,
      ticket: result.ticket.toString(),
      total: result.total.toString(),
      rangeStart: result.rangeStart.toString(),
      rangeEnd: result.rangeEnd.toString(),
      candidates: proof.candidates.filter((c) => kept.has(c.validator)),
    },
    ...(ledger ? { ledger } : {}),
  };
}

/** The honest reward when the winner stayed; else what the rule credits the new winner. */
function rewardOf(
  honest: BlockRecord,
  winner: RoundCandidate,
  consensus: Consensus,
  rule: RewardRule | null,
): LedgerReward | null {
  const paid = honest.ledger?.reward ?? null;
  if (paid === null || rule === null) return null;
  if (winner.block.Validator === honest.block.Validator) return paid;
  const balance = consensus.validators.get(winner.block.Validator)?.balance ?? 0n;
  return rewardFor(rule, winner.stake, balance);
}
