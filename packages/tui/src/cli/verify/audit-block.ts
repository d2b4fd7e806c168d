import {
  type Block,
  type ChainIssue,
  type CheckId,
  checkBlock,
  commitFor,
  ErrorCode,
  type ProofMessage,
  sealIssue,
  verifyDraw,
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

const CHECK_OF: Record<ChainIssue["code"], CheckId> = {
  [ErrorCode.BadIndex]: "index",
  [ErrorCode.BadLink]: "link",
  [ErrorCode.BadHash]: "hash",
  [ErrorCode.BadSignature]: "signature",
  [ErrorCode.BadTimestamp]: "time",
  // A block that is not even well-formed (a BPM out of range, a key that is no key) has no fields to
  // hash: it fails the hash check.
  [ErrorCode.BadBlock]: "hash",
};

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
  return named(0, checkBlock(null, block));
}

/**
 * Checks a block after genesis against the block before it (already checked) and the proof the
 * server gave for its round: index, link and time order, hash and signature, then the proof belongs
 * to this block, sha256(reveal) = commit, and the draw over the whole candidate list, seeded with
 * this block's own PrevHash and the proof's round, picks this block's Validator. The proof's own
 * prevHash and winner are compared, never used: a proof of another block cannot pass for this one.
 */
export function auditBlock(prev: Block, block: Block, proof: ProofMessage): AuditFailure | null {
  const at = block.Index;
  const chained = named(at, checkBlock(prev, block, { seal: false, prevChecked: true }));
  if (chained) return chained;
  const sealed = named(at, sealIssue(block));
  if (sealed) return sealed;
  if (proof.blockIndex !== at)
    return {
      index: at,
      check: "index",
      message: `the proof of round ${proof.round} is for block ${proof.blockIndex}`,
    };
  if (proof.prevHash !== block.PrevHash)
    return {
      index: at,
      check: "link",
      message: `round ${proof.round}'s proof names the previous block ${short(proof.prevHash)}, the block links to ${short(block.PrevHash)}`,
    };
  if (proof.winner !== block.Validator)
    return {
      index: at,
      check: "range",
      message: `round ${proof.round}'s proof names the winner ${short(proof.winner)}, the block was signed by ${short(block.Validator)}`,
    };
  if (commitFor(proof.reveal) !== proof.commit)
    return {
      index: at,
      check: "reveal",
      message: `sha256 of round ${proof.round}'s reveal is ${short(commitFor(proof.reveal))}, not its commit ${short(proof.commit)}`,
    };
  const drawn = verifyDraw(
    {
      round: proof.round,
      commit: proof.commit,
      reveal: proof.reveal,
      prevHash: block.PrevHash,
      candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
    },
    block.Validator,
  );
  if (!drawn.ok)
    return { index: at, check: "range", message: `round ${proof.round}'s draw: ${drawn.error.message}` };
  return null;
}

function named(index: number, issue: ChainIssue | null): AuditFailure | null {
  return issue === null ? null : { index, check: CHECK_OF[issue.code], message: issue.message };
}

const short = (hex: string) => `${hex.slice(0, 16)}...`;
