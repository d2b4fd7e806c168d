import { type BlockRecord, genesisBlock, type KeyPair, signBlock } from "@pos-tui/core";

/**
 * A stored chain of `length` blocks after genesis with plausible lottery proofs, for loading into the
 * server's MemoryStore (benchmarks and long-chain tests). Signing dominates: ~50 µs a block.
 */
export function longChain(
  length: number,
  validators: readonly { keys: KeyPair; name: string; stake: string }[],
): BlockRecord[] {
  const genesis = genesisBlock("2026-01-01T00:00:00.000Z");
  const records: BlockRecord[] = [{ block: genesis, proof: null }];
  const candidates = validators.map((v) => ({ validator: v.keys.publicKey, stake: v.stake, name: v.name }));
  const start = Date.parse("2026-01-01T00:00:00.000Z");
  let prev = genesis;
  for (let i = 1; i <= length; i++) {
    const winner = validators[i % validators.length]!;
    const block = signBlock(
      {
        Index: i,
        Timestamp: new Date(start + i * 1000).toISOString(),
        BPM: 60 + (i % 40),
        PrevHash: prev.Hash,
      },
      winner.keys,
    );
    records.push({
      block,
      proof: {
        round: i,
        commit: "c".repeat(64),
        reveal: "d".repeat(64),
        ticket: "0",
        total: "1",
        rangeStart: "0",
        rangeEnd: "1",
        candidates,
      },
    });
    prev = block;
  }
  return records;
}
