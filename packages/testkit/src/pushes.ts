import type { Block, DrawSummary, KeyPair, RoundMessage, ServerMessage, ValidatorInfo } from "@pos-tui/core";

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
