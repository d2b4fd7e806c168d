import { type Candidate, commitFor, type ErrorCode, type LotteryResult, verifyDraw } from "@pos-tui/core";
import type { ProofMessage } from "./dashboard-state.js";

/** The outcome of re-running a round's draw here, with the rule it broke when it fails. */
export type DrawCheck = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** A round's candidate list as the server sent it, with what checking it here found. */
export interface CheckedProof {
  proof: ProofMessage;
  /** The stakes as numbers, read once for the checks and the pictures. */
  candidates: readonly Candidate[];
  check: DrawCheck;
}

/**
 * Whether a block's revealed secret hashes to the commit its round opened with. Run once, when the
 * block arrives: every check of a block goes through this file, so moving the rules changes one place.
 */
export function revealMatches(lottery: LotteryResult): boolean {
  return commitFor(lottery.reveal) === lottery.commit;
}

/** Re-runs the draw from the round's candidate list, once, when the list arrives. */
export function checkProof(proof: ProofMessage): CheckedProof {
  const candidates = proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) }));
  const result = verifyDraw(
    { round: proof.round, commit: proof.commit, reveal: proof.reveal, prevHash: proof.prevHash, candidates },
    proof.winner,
  );
  const check: DrawCheck = result.ok
    ? { ok: true }
    : { ok: false, code: result.error.code, message: result.error.message };
  return { proof, candidates, check };
}
