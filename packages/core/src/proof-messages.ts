import type { Block } from "./block.js";
import type { CandidateRoot, CandidateTree } from "./candidate-tree.js";
import type {
  CandidateRootMessage,
  InclusionMessage,
  MessageOf,
  ProofMessage,
  ServerMessage,
} from "./protocol.js";
import type { BlockProof } from "./record.js";

/**
 * The messages that carry a round's proofs, built from what the server stores and the round's
 * candidate tree: the server sends them, tests and benchmarks make the same ones.
 */

export function rootMessage(root: CandidateRoot): CandidateRootMessage {
  return { hash: root.hash, total: root.total.toString(), count: root.count };
}

/** The `block` push: the block, its draw's figures, the tree root and the winner's path. */
export function blockMessage(
  block: Block,
  proof: BlockProof,
  tree: CandidateTree,
  winnerName: string | null,
): MessageOf<ServerMessage, "block"> {
  const winner = tree.indexOf(block.Validator);
  return {
    type: "block",
    block,
    lottery: {
      // The rule the figures belong to; absent for the lottery, as from servers older than rules.
      ...(proof.rule === undefined ? {} : { rule: proof.rule }),
      ...(proof.previousRule === undefined ? {} : { previousRule: proof.previousRule }),
      round: proof.round,
      commit: proof.commit,
      reveal: proof.reveal,
      ticket: proof.ticket,
      total: proof.total,
      rangeStart: proof.rangeStart,
      rangeEnd: proof.rangeEnd,
      candidates: proof.candidates.length,
      root: rootMessage(tree.root),
      winner: {
        index: winner,
        stake: tree.leaves[winner]!.stake.toString(),
        siblings: tree.prove([winner]),
      },
    },
    winnerName,
  };
}

/** A candidate's own leaf and its sorted neighbours, proven together; null when it was no candidate. */
export function inclusionMessage(
  block: Block,
  proof: BlockProof,
  tree: CandidateTree,
  validator: string,
): InclusionMessage | null {
  const index = tree.indexOf(validator);
  if (index < 0) return null;
  const neighbour = (i: number) => {
    const leaf = tree.leaves[i];
    return leaf === undefined ? null : { validator: leaf.validator, stake: leaf.stake.toString() };
  };
  const proven = [index - 1, index, index + 1].filter((i) => i >= 0 && i < tree.root.count);
  return {
    type: "inclusion",
    round: proof.round,
    blockIndex: block.Index,
    index,
    stake: tree.leaves[index]!.stake.toString(),
    left: neighbour(index - 1),
    right: neighbour(index + 1),
    siblings: tree.prove(proven),
  };
}

/** The answer to a `proof` request: the round's full list, for audits, with its tree root. */
export function proofMessage(block: Block, proof: BlockProof, root: CandidateRoot): ProofMessage {
  return {
    type: "proof",
    round: proof.round,
    blockIndex: block.Index,
    commit: proof.commit,
    reveal: proof.reveal,
    prevHash: block.PrevHash,
    winner: block.Validator,
    candidates: proof.candidates.map(({ validator, stake }) => ({ validator, stake })),
    root: rootMessage(root),
    ...(proof.rule === undefined ? {} : { rule: proof.rule }),
    ...(proof.priorities === undefined ? {} : { priorities: proof.priorities }),
  };
}
