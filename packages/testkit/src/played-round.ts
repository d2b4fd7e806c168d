import { createHash } from "node:crypto";
import {
  type BlockRecord,
  Consensus,
  genesisBlock,
  type KeyPair,
  keyPairFromSeed,
  type RewardRule,
  type RoundMessage,
  type RoundOutcome,
  StakeLedger,
  signBlock,
} from "@pos-tui/core";

const START = Date.parse("2026-03-01T09:00:00.000Z");

/** Deterministic "randomness": bytes from a counter, so every run draws the same. */
export function counterBytes(label = "secret"): (size: number) => Uint8Array {
  let n = 0;
  return (size) => {
    const out = new Uint8Array(size);
    for (let filled = 0; filled < size; filled += 32)
      out.set(
        createHash("sha256")
          .update(`${label} ${n++}`)
          .digest()
          .subarray(0, size - filled),
        filled,
      );
    return out;
  };
}

export interface PlayedRound {
  consensus: Consensus;
  /** The validators, in the order of `stakes`. */
  keys: KeyPair[];
  /** What the round push announced when the round opened. */
  opened: RoundMessage;
  /** The round's honest outcome, closed but not yet accepted: what a server's `tamper` is handed. */
  outcome: RoundOutcome;
  /** The chain before the round's block, and its stake ledger, to check a record against. */
  records: BlockRecord[];
  ledger: StakeLedger;
}

/**
 * A real round in a pure Consensus: one validator per stake joins, each submits a signed candidate,
 * the round closes. `rounds` > 1 plays that many, accepting all but the last (rewards build up).
 */
export function playedRound(
  stakes: readonly bigint[],
  options: { reward?: RewardRule; rounds?: number } = {},
) {
  const clock = { now: START };
  const records: BlockRecord[] = [
    {
      block: genesisBlock(new Date(START - 60_000).toISOString()),
      proof: null,
      ledger: { stakes: [], reward: null },
    },
  ];
  const consensus = new Consensus(
    records,
    { now: () => clock.now, monotonic: () => clock.now, randomBytes: counterBytes() },
    1000,
    options.reward ?? null,
  );
  const keys = stakes.map((_, i) => keyPairFromSeed(new Uint8Array(32).fill(i + 1)));
  for (const [i, k] of keys.entries())
    consensus.validators.join(k.publicKey, `v${i + 1}`, stakes[i]!, consensus.nextRoundToStart);
  const ledger = new StakeLedger();
  ledger.check(records[0]!);
  for (let played = 1; ; played++) {
    const opened = consensus.startRound();
    for (const [i, k] of keys.entries()) {
      const block = signBlock(
        { Index: opened.tipIndex + 1, Timestamp: opened.opensAt!, BPM: 60 + i, PrevHash: opened.tipHash },
        k,
      );
      const submitted = consensus.submit(opened.round, block);
      if (!submitted.ok) throw submitted.error;
    }
    const outcome = consensus.closeRound();
    if (outcome === null) throw new Error("the round drew no winner");
    clock.now += 1000;
    if (played >= (options.rounds ?? 1))
      return { consensus, keys, opened, outcome, records, ledger } satisfies PlayedRound;
    consensus.accept(outcome.record);
    records.push(outcome.record);
    ledger.check(outcome.record);
  }
}
