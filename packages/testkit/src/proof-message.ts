import { type BlockRecord, CandidateTree, type ProofMessage, proofMessage } from "@pos-tui/core";

/** The `proof` answer a server gives for the round of `record` (which must not be genesis). */
export function proofMessageOf({ block, proof }: BlockRecord): ProofMessage {
  if (proof === null) throw new Error("genesis has no proof");
  const tree = CandidateTree.build(
    proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
  );
  return proofMessage(block, proof, tree.root);
}
