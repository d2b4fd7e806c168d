import {
  type Block,
  type Candidate,
  checkDraw,
  commitFor,
  type DrawSummary,
  draw,
  ErrorCode,
  lotterySeed,
  type ProofMessage,
  roundRobinOutcome,
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
 * Whether a block's revealed secret hashes to the commit its round opened with. Run once, when the
 * block arrives: every check of a block goes through this file, so moving the rules changes one place.
 */
export function revealMatches(lottery: DrawSummary): boolean {
  return commitFor(lottery.reveal) === lottery.commit;
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
  // The announcement named the rule before anyone asked: a proof may not switch to another one.
  if (lottery !== null && (lottery.rule ?? "lottery") !== (proof.rule ?? "lottery"))
    return {
      ok: false,
      code: ErrorCode.BadRule,
      message: `block ${block.Index} was announced as chosen by ${lottery.rule ?? "lottery"}, but its proof says ${proof.rule ?? "lottery"}`,
    };
  // A block from the welcome came without its announced figures: the rule's own are all there is.
  const figures =
    lottery ??
    (proof.rule === "round-robin"
      ? roundRobinFigures(proof)
      : drawnFigures(candidates, lotterySeed(proof.reveal, block.PrevHash, proof.round)));
  const issue = checkDraw(block, {
    round: proof.round,
    commit: lottery?.commit ?? proof.commit,
    reveal: proof.reveal,
    ticket: figures.ticket,
    total: figures.total,
    rangeStart: figures.rangeStart,
    rangeEnd: figures.rangeEnd,
    candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: c.stake, name: null })),
    // The rule the server says chose the block, and the round robin's table it ran on.
    ...(proof.rule === undefined ? {} : { rule: proof.rule }),
    ...(proof.priorities === undefined ? {} : { priorities: proof.priorities }),
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

function roundRobinFigures(proof: ProofMessage) {
  const outcome = roundRobinOutcome(proof.candidates, proof.priorities ?? []);
  const text = (n: bigint | undefined) => (n === undefined ? "" : n.toString());
  return {
    ticket: text(outcome?.ticket),
    total: text(outcome?.total),
    rangeStart: text(outcome?.rangeStart),
    rangeEnd: text(outcome?.rangeEnd),
  };
}
