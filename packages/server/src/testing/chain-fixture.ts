import { type BlockRecord, genesisBlock, keyPairFromSeed, signBlock } from "@pos-tui/core";

/**
 * A valid chain of `length` blocks (genesis included) signed by a few fixed keys, for tests and
 * benchmarks that need a long chain without running thousands of rounds. Lottery proofs are
 * placeholders: use the store's own tests for proof checking.
 */
export function makeChain(length: number, signers = 4): BlockRecord[] {
  const keys = Array.from({ length: signers }, (_, i) => keyPairFromSeed(new Uint8Array(32).fill(i + 1)));
  const start = Date.UTC(2026, 0, 1);
  const records: BlockRecord[] = [{ block: genesisBlock(new Date(start).toISOString()), proof: null }];
  for (let i = 1; i < length; i++) {
    const prev = records[i - 1]!.block;
    const block = signBlock(
      {
        Index: i,
        Timestamp: new Date(start + i * 1000).toISOString(),
        BPM: 60 + (i % 40),
        PrevHash: prev.Hash,
      },
      keys[i % signers]!,
    );
    records.push({ block, proof: null });
  }
  return records;
}
