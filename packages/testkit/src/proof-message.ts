import type { BlockRecord, ProofMessage } from "@pos-tui/core";

/** The `proof` answer a server gives for the round of `record` (which must not be genesis). */
export function proofMessageOf({ block, proof }: BlockRecord): ProofMessage {
  if (proof === null) throw new Error("genesis has no proof");
  return {
    type: "proof",
    round: proof.round,
    blockIndex: block.Index,
    commit: proof.commit,
    reveal: proof.reveal,
    prevHash: block.PrevHash,
    winner: block.Validator,
    candidates: proof.candidates.map(({ validator, stake }) => ({ validator, stake })),
  };
}
