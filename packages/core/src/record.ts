import type { Block } from "./block.js";

/** A candidate as the lottery saw it; stake is a decimal string, as on the wire. */
export interface ProofCandidate {
  validator: string;
  stake: string;
  name: string | null;
}

/** Everything needed to re-run the draw that chose a block. */
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
}

/** One block with the lottery that chose it; genesis has no proof. */
export interface BlockRecord {
  block: Block;
  proof: BlockProof | null;
}
