import {
  type Block,
  blockChecks,
  type CheckId,
  type CheckResult,
  type ProofMessage,
  proofChecks,
  revealCheck,
} from "@pos-tui/core";

/** The first rule a block breaks, named as every client names it (core's CheckId). */
export interface AuditFailure {
  index: number;
  check: CheckId;
  message: string;
}

/** The checks an audit from outside can run on every block; `commit`, `inclusion` need a live client. */
export const AUDIT_CHECKS: readonly CheckId[] = [
  "hash",
  "signature",
  "index",
  "link",
  "time",
  "reveal",
  "ticket",
  "range",
];

/**
 * Checks the genesis block an audit starts from: well-formed, Index 0, its Hash over its fields.
 * `block` is what the server sent (its wire shape only is known).
 */
export function auditGenesis(block: Block): AuditFailure | null {
  if (block.Index !== 0)
    return {
      index: block.Index,
      check: "index",
      message: `the chain must start at Index 0, not ${block.Index}`,
    };
  return firstFailed(0, blockChecks(null, block, null, null));
}

/**
 * Checks a block after genesis with the checks every client runs (core's live-checks): against the
 * block before it (already checked) its index, link and time order, its hash and signature; then that
 * the proof the server gave for its round is this block's (its index, winner and previous hash),
 * sha256(reveal) = commit, the proof's root is its own list's, and the draw over that whole list,
 * seeded with this block's own PrevHash, picks this block's Validator.
 */
export function auditBlock(prev: Block, block: Block, proof: ProofMessage): AuditFailure | null {
  const at = block.Index;
  const own = firstFailed(at, blockChecks(prev, block, null, null));
  if (own) return own;
  if (proof.blockIndex !== at)
    return {
      index: at,
      check: "index",
      message: `the proof of round ${proof.round} is for block ${proof.blockIndex}`,
    };
  return firstFailed(at, [revealCheck(proof.reveal, proof.commit), proofChecks(block, proof, null).range]);
}

function firstFailed(index: number, checks: readonly CheckResult[]): AuditFailure | null {
  const failed = checks.find((c) => c.status === "failed");
  return failed === undefined ? null : { index, check: failed.id, message: failed.message };
}
