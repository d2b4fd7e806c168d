import {
  type Block,
  type ClientMessage,
  candidateTimestamp,
  type KeyPair,
  type RoundMessage,
  signBlock,
} from "@pos-tui/core";

/**
 * The signed block for the round: tip + 1, linked to the tip the round announced, stamped with the
 * local clock clamped into the round's window, so a wrong local clock is never refused.
 */
export function candidateBlock(round: RoundMessage, bpm: number, keys: KeyPair, now: Date): Block {
  return signBlock(
    {
      Index: round.tipIndex + 1,
      Timestamp: candidateTimestamp(round, now.getTime()),
      BPM: bpm,
      PrevHash: round.tipHash,
    },
    keys,
  );
}

/** The submit message carrying the round's candidate. */
export function candidateFor(round: RoundMessage, bpm: number, keys: KeyPair, now: Date): ClientMessage {
  return { type: "submit", round: round.round, block: candidateBlock(round, bpm, keys, now) };
}
