import type { Candidate, ProofMessage } from "@pos-tui/core";

/** A round's candidate list as the server sent it, for the pictures of its draw. */
export interface CandidateList {
  proof: ProofMessage;
  /** The stakes as numbers, read once for the pictures. */
  candidates: readonly Candidate[];
}

/** The list with its stakes read as numbers, once, when it arrives (the LiveVerifier checks it). */
export function candidateList(proof: ProofMessage): CandidateList {
  return {
    proof,
    candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
  };
}
