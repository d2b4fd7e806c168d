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
  type ServerMessage,
  sha256Hex,
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

export function blockPush(block: Block, round: number, winnerName: string | null): ServerMessage {
  return { type: "block", block, lottery: lotteryFor(round), winnerName };
}

/** The secret an honest test server draws for `round`, and the commit its `round` push publishes. */
export function roundSecret(round: number): { reveal: string; commit: string } {
  const reveal = sha256Hex(`test-round-${round}`);
  return { reveal, commit: commitFor(reveal) };
}

/**
 * The figures an honest server's `block` push carries for `block` won in `round`: the round's own
 * commit and reveal, the ticket the seed gives, and a range of two candidates (100 and 150 of 250)
 * that holds it. Only a candidate list (a `proof`) can show whose ranges they are.
 */
export function honestLottery(block: Block, round: number): DrawSummary {
  const { reveal, commit } = roundSecret(round);
  const ticket = lotterySeed(reveal, block.PrevHash, round) % 250n;
  const [rangeStart, rangeEnd] = ticket < 100n ? ["0", "100"] : ["100", "250"];
  return lotteryFor(round, { commit, reveal, ticket: String(ticket), rangeStart, rangeEnd });
}

/** A `block` push no check can fault short of the candidate list: see honestLottery. */
export function honestBlockPush(block: Block, round: number, winnerName: string | null): ServerMessage {
  return { type: "block", block, lottery: honestLottery(block, round), winnerName };
}

export function roundPush(round: number, tip: Block, closesAt = "2026-01-01T12:00:10.000Z"): RoundMessage {
  const { commit } = roundSecret(round);
  return { type: "round", round, commit, closesAt, tipIndex: tip.Index, tipHash: tip.Hash };
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
