import {
  type Block,
  type DrawSummary,
  genesisBlock,
  type KeyPair,
  keyPairFromSeed,
  type ServerMessage,
  signBlock,
  type ValidatorInfo,
} from "@pos-tui/core";

/** Deterministic keys so frames in tests are stable: seed bytes all equal to `n`. */
export function testKeys(n: number): KeyPair {
  return keyPairFromSeed(new Uint8Array(32).fill(n));
}

export function validatorInfo(
  keys: KeyPair,
  name: string | null,
  stake: string,
  wins = 0,
  online = true,
): ValidatorInfo {
  return { validator: keys.publicKey, name, stake, wins, online };
}

/** A valid chain of `length` blocks after genesis, proposers taken in turn from `proposers`. */
export function makeChain(length: number, proposers: readonly KeyPair[]): Block[] {
  const blocks = [genesisBlock()];
  const start = Date.parse("2026-01-01T12:00:00.000Z");
  for (let i = 1; i <= length; i++) {
    const prev = blocks[i - 1]!;
    const keys = proposers[i % proposers.length]!;
    blocks.push(
      signBlock(
        {
          Index: i,
          Timestamp: new Date(start + i * 10_000).toISOString(),
          BPM: 60 + (i % 40),
          PrevHash: prev.Hash,
        },
        keys,
      ),
    );
  }
  return blocks;
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

export function roundPush(round: number, tip: Block, closesAt = "2026-01-01T12:00:10.000Z"): ServerMessage {
  return { type: "round", round, commit: "e".repeat(64), closesAt, tipIndex: tip.Index, tipHash: tip.Hash };
}
