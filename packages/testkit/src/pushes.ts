import {
  type Block,
  type Candidate,
  commitFor,
  type DrawResult,
  type DrawSummary,
  draw,
  type KeyPair,
  lotterySeed,
  type ProofMessage,
  type RoundMessage,
  roundRobinOutcome,
  type ServerMessage,
  type ValidatorInfo,
} from "@pos-tui/core";

export function validatorInfo(
  keys: KeyPair,
  name: string | null,
  stake: string,
  wins = 0,
  online = true,
): ValidatorInfo {
  return { validator: keys.publicKey, name, stake, wins, online };
}

export function lotteryFor(round: number, overrides: Partial<DrawSummary> = {}): DrawSummary {
  return {
    round,
    commit: "c".repeat(64),
    reveal: "d".repeat(64),
    ticket: "137",
    total: "250",
    rangeStart: "100",
    rangeEnd: "175",
    candidates: 2,
    ...overrides,
  };
}

/**
 * A real draw among `candidates` (sorted by validator) for block `blockIndex` in `round`: the proof a
 * server answers with, and the figures its `block` push carries.
 */
export function drawnRound(
  candidates: readonly Candidate[],
  reveal: string,
  prevHash: string,
  round: number,
  blockIndex: number,
): { proof: ProofMessage; lottery: DrawSummary; drawn: DrawResult } {
  const drawn = draw(candidates, lotterySeed(reveal, prevHash, round));
  if (drawn === null) throw new Error("a draw needs candidates with stake");
  const proof: ProofMessage = {
    type: "proof",
    round,
    blockIndex,
    commit: commitFor(reveal),
    reveal,
    prevHash,
    winner: drawn.winner,
    candidates: candidates.map((c) => ({ validator: c.validator, stake: String(c.stake) })),
  };
  const lottery = lotteryFor(round, {
    commit: proof.commit,
    reveal,
    ticket: String(drawn.ticket),
    total: String(drawn.total),
    rangeStart: String(drawn.rangeStart),
    rangeEnd: String(drawn.rangeEnd),
    candidates: candidates.length,
  });
  return { proof, lottery, drawn };
}

/**
 * A round-robin round among `candidates` (sorted by validator) that ran on `priorities` (one per
 * candidate, same order): the proof a server answers with and the figures its `block` push carries.
 */
export function roundRobinRound(
  candidates: readonly Candidate[],
  priorities: readonly bigint[],
  reveal: string,
  prevHash: string,
  round: number,
  blockIndex: number,
): { proof: ProofMessage; lottery: DrawSummary; winner: string } {
  const rows = candidates.map((c, i) => ({ validator: c.validator, priority: String(priorities[i]!) }));
  const stakes = candidates.map((c) => ({ validator: c.validator, stake: String(c.stake) }));
  const outcome = roundRobinOutcome(stakes, rows);
  if (outcome === null) throw new Error("a round robin needs candidates");
  const proof: ProofMessage = {
    type: "proof",
    round,
    blockIndex,
    commit: commitFor(reveal),
    reveal,
    prevHash,
    winner: outcome.winner,
    candidates: stakes,
    rule: "round-robin",
    priorities: rows,
  };
  const lottery = lotteryFor(round, {
    rule: "round-robin",
    commit: proof.commit,
    reveal,
    ticket: String(outcome.ticket),
    total: String(outcome.total),
    rangeStart: String(outcome.rangeStart),
    rangeEnd: String(outcome.rangeEnd),
    candidates: candidates.length,
  });
  return { proof, lottery, winner: outcome.winner };
}

export function blockPush(block: Block, round: number, winnerName: string | null): ServerMessage {
  return { type: "block", block, lottery: lotteryFor(round), winnerName };
}

export function roundPush(round: number, tip: Block, closesAt = "2026-01-01T12:00:10.000Z"): RoundMessage {
  return { type: "round", round, commit: "e".repeat(64), closesAt, tipIndex: tip.Index, tipHash: tip.Hash };
}

/** The welcome a client gets: `blocks` end at the tip, and `round` is open on it. */
export function welcomePush(welcome: {
  you: ValidatorInfo | null;
  blocks: Block[];
  validators: ValidatorInfo[];
  round: number;
}): ServerMessage {
  const tip = welcome.blocks.at(-1)!;
  return {
    type: "welcome",
    version: 1,
    you: welcome.you,
    tip: { index: tip.Index, hash: tip.Hash },
    blocks: welcome.blocks,
    validators: welcome.validators,
    round: roundPush(welcome.round, tip),
  };
}
