import { type ClientMessage, type KeyPair, type RoundMessage, signBlock } from "@pos-tui/core";

/** A signed candidate for the round's block: tip + 1, linked to the tip the round announced. */
export function candidateFor(round: RoundMessage, bpm: number, keys: KeyPair, now: Date): ClientMessage {
  const block = signBlock(
    { Index: round.tipIndex + 1, Timestamp: now.toISOString(), BPM: bpm, PrevHash: round.tipHash },
    keys,
  );
  return { type: "submit", round: round.round, block };
}
