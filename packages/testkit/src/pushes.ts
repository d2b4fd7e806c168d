import {
  type Block,
  type BlockProof,
  blockMessage,
  type Candidate,
  CandidateTree,
  commitFor,
  type DrawResult,
  type DrawSummary,
  draw,
  type KeyPair,
  lotterySeed,
  type MessageOf,
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
 * The `block` push an honest server sends for `block`, won in `round` with `winnerStake`: the round's
 * own commit and reveal, the ticket the seed gives, and a candidate tree of two (the winner and a
 * stand-in of the same stake, placed so the winner's range holds the ticket) with the winner's path.
 */
export function honestBlockPush(
  block: Block,
  round: number,
  winnerName: string | null,
  winnerStake = 100n,
): MessageOf<ServerMessage, "block"> {
  const { reveal, commit } = roundSecret(round);
  const total = 2n * winnerStake;
  const ticket = lotterySeed(reveal, block.PrevHash, round) % total;
  // A stand-in that sorts after the winner when the ticket falls in the first half, before it otherwise.
  const other = { validator: (ticket < winnerStake ? "f" : "0").repeat(64), stake: winnerStake };
  const tree = CandidateTree.build([{ validator: block.Validator, stake: winnerStake }, other]);
  const start = ticket < winnerStake ? 0n : winnerStake;
  const proof: BlockProof = {
    round,
    commit,
    reveal,
    ticket: String(ticket),
    total: String(total),
    rangeStart: String(start),
    rangeEnd: String(start + winnerStake),
    candidates: tree.leaves.map((leaf) => ({
      validator: leaf.validator,
      stake: String(leaf.stake),
      name: null,
    })),
  };
  return blockMessage(block, proof, tree, winnerName);
}

/** The figures of honestBlockPush's lottery. */
export function honestLottery(block: Block, round: number, winnerStake = 100n): DrawSummary {
  return honestBlockPush(block, round, null, winnerStake).lottery;
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
