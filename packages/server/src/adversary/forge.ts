import { blockHash, shortHex } from "@pos-tui/core";
import { confess, type Liar, type Tamper } from "./liar.js";

/** Another BPM, still in 1..300 so the block parses and a client's checks, not its parser, must object. */
export function forgedBpm(bpm: number): number {
  return bpm <= 200 ? bpm + 100 : bpm - 100;
}

/**
 * `--adversary forge`: the winning block's BPM is changed after its validator signed it, and its Hash
 * recomputed so the block looks whole. Only the Signature, which the server cannot make for someone
 * else's key, gives it away.
 */
export function forge(liar: Liar): Tamper {
  return (outcome, consensus) => {
    const { record } = outcome;
    const honest = record.block;
    const BPM = forgedBpm(honest.BPM);
    const block = { ...honest, BPM, Hash: blockHash({ ...honest, BPM }) };
    const signer = consensus.validators.get(honest.Validator)?.name ?? shortHex(honest.Validator);
    confess(
      liar,
      { mode: "forge", index: honest.Index, from: honest.BPM, to: BPM },
      `forge: block ${honest.Index}'s BPM changed from ${honest.BPM} to ${BPM} after ${signer} signed it; ` +
        "Hash recomputed, Signature kept",
    );
    return { ...record, block };
  };
}
