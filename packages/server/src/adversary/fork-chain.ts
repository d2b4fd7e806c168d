import { type BlockRecord, Consensus, type KeyPair, signBlock } from "@pos-tui/core";

export interface ForkPlan {
  /** How many of the newest blocks to replace (never genesis). */
  depth: number;
  /** The key the server holds and signs the new blocks with. */
  keys: KeyPair;
  /**
   * The first round number the new blocks may use: past every round clients have already seen, so the
   * only thing wrong with the new blocks is that they replace old ones.
   */
  firstRound: number;
  randomBytes(size: number): Uint8Array;
}

/** The stake the server's own key draws with: alone in each of its rounds, any stake wins. */
const FORGER_STAKE = 1n;

/**
 * The chain with its newest `depth` blocks (from index `from` on) replaced by `depth + 1` blocks won by `keys` (a longer
 * history, as a real attacker would offer). Each new block is made by core's own rules (a round, a
 * signed candidate, a draw, a ledger), so the new chain is valid through and through: what gives it
 * away is only that it differs from what a client already held.
 */
export function forkChain(
  records: readonly BlockRecord[],
  plan: ForkPlan,
): { records: BlockRecord[]; from: number } {
  const from = Math.max(1, records.length - plan.depth);
  const kept = records.slice(0, from);
  const last = kept.at(-1)!;
  // Chain time stands still at the fork point: the new blocks claim the past, each in its own window.
  const time = Date.parse(last.proof?.closesAt ?? last.block.Timestamp);
  const clock = () => time;
  const consensus = new Consensus(kept, { now: clock, monotonic: clock, randomBytes: plan.randomBytes }, 1);
  while (consensus.nextRoundToStart < plan.firstRound) {
    consensus.startRound();
    consensus.closeRound();
  }
  consensus.validators.join(plan.keys.publicKey, null, FORGER_STAKE, consensus.nextRoundToStart);
  const forked = [...kept];
  for (let n = records.length - from + 1; n > 0; n--) {
    const round = consensus.startRound();
    const tip = consensus.tip;
    const bpm = 40 + (plan.randomBytes(1)[0]! % 140);
    const block = signBlock(
      { Index: tip.Index + 1, Timestamp: round.opensAt ?? round.closesAt, BPM: bpm, PrevHash: tip.Hash },
      plan.keys,
    );
    const submitted = consensus.submit(round.round, block);
    if (!submitted.ok) throw submitted.error;
    const outcome = consensus.closeRound()!;
    consensus.accept(outcome.record);
    forked.push(outcome.record);
  }
  return { records: forked, from };
}
