import type { Block } from "./block.js";
import type { RuleName } from "./rules/rule.js";

/** A candidate as the lottery saw it; stake is a decimal string, as on the wire. */
export interface ProofCandidate {
  validator: string;
  stake: string;
  name: string | null;
}

/** One row of a round-robin proof's priority table: a signed decimal string, as on the wire. */
export interface ProofPriority {
  validator: string;
  priority: string;
}

/**
 * Everything needed to re-run the draw that chose a block. Under `pool` the ticket is the pool index
 * and the total the pool's size; under `round-robin` the ticket is the winner's priority once every
 * priority grew by its stake, the total the candidates' stake (see storage.md).
 */
export interface BlockProof {
  round: number;
  commit: string;
  reveal: string;
  ticket: string;
  total: string;
  rangeStart: string;
  rangeEnd: string;
  candidates: ProofCandidate[];
  /** The round's window of chain time (ISO); absent in logs written before the Timestamp rule. */
  opensAt?: string;
  closesAt?: string;
  /** The proposer rule that chose the block; absent: the lottery (every log written before rules). */
  rule?: RuleName;
  /** Only on the first block after the chain changed rule (`--change-rule`): the rule before it. */
  previousRule?: RuleName;
  /** `round-robin` only: the priority table the round ran on, one row per candidate, in their order. */
  priorities?: ProofPriority[];
}

/** How a block's reward is paid: into the winner's stake, or into a balance that does not stake. */
export type RewardMode = "compound" | "payout";

/** A stake a validator declared (joining, or with `stake`), first counted in this record's round. */
export interface LedgerStake {
  validator: string;
  stake: string;
}

/** What the block's winner was credited, and its stake and balance after it (decimal strings). */
export interface LedgerReward {
  amount: string;
  mode: RewardMode;
  stake: string;
  balance: string;
}

/**
 * The stake ledger a record carries (log format 2): with it, every candidate's stake in the proof
 * follows from the log alone. `stakes` lists the candidates whose stake is not the one the ledger
 * held (a join or a declared change); `reward` is this block's, counted from the next round.
 */
export interface RecordLedger {
  stakes: LedgerStake[];
  reward: LedgerReward | null;
}

/** One block with the lottery that chose it; genesis has no proof. No `ledger`: log format 1. */
export interface BlockRecord {
  block: Block;
  proof: BlockProof | null;
  ledger?: RecordLedger;
}
