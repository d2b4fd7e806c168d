import {
  type Block,
  type Candidate,
  checkDraw,
  type DrawSummary,
  draw,
  ErrorCode,
  lotterySeed,
  type ProofMessage,
} from "@pos-tui/core";

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
 * Re-runs the draw from the round's candidate list, once, when the list arrives, against the block
 * this client holds (its Validator and PrevHash, and the figures its `block` push announced), never
 * against what the proof says of itself: a proof of another block must not earn a tick.
 */
export function checkProof(
  proof: ProofMessage,
  held: { block: Block; lottery: DrawSummary | null } | undefined,
): CheckedProof {
  const candidates = proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) }));
  return { proof, candidates, check: drawCheck(proof, candidates, held) };
}

function drawCheck(
  proof: ProofMessage,
  candidates: readonly Candidate[],
  held: { block: Block; lottery: DrawSummary | null } | undefined,
): DrawCheck {
  if (held === undefined || held.block.Index !== proof.blockIndex)
    return {
      ok: false,
      code: ErrorCode.BadLottery,
      message: `block ${proof.blockIndex} is not held here, so this proof cannot be tied to it`,
    };
  const { block, lottery } = held;
  // A block from the welcome came without its announced figures: the draw's own are all there is.
  const figures = lottery ?? drawnFigures(candidates, lotterySeed(proof.reveal, block.PrevHash, proof.round));
  const issue = checkDraw(block, {
    round: proof.round,
    commit: lottery?.commit ?? proof.commit,
    reveal: proof.reveal,
    ticket: figures.ticket,
    total: figures.total,
    rangeStart: figures.rangeStart,
    rangeEnd: figures.rangeEnd,
    candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: c.stake, name: null })),
  });
  return issue === null ? { ok: true } : { ok: false, code: issue.code, message: issue.message };
}

function drawnFigures(candidates: readonly Candidate[], seed: bigint) {
  const result = draw(candidates, seed);
  const text = (n: bigint | undefined) => (n === undefined ? "" : n.toString());
  return {
    ticket: text(result?.ticket),
    total: text(result?.total),
    rangeStart: text(result?.rangeStart),
    rangeEnd: text(result?.rangeEnd),
  };
}
