import {
  type Block,
  type BlockRecord,
  commitFor,
  draw,
  genesisBlock,
  type KeyPair,
  keyPairFromSeed,
  lotterySeed,
  type ProofCandidate,
  sha256Bytes,
  sha256Hex,
  signBlock,
} from "@pos-tui/core";

/** Deterministic keys for tests and benchmarks: the same label gives the same key. */
export function fixtureKeys(count: number, label = "fixture"): KeyPair[] {
  return Array.from({ length: count }, (_, i) => keyPairFromSeed(sha256Bytes(`${label}-key-${i}`)));
}

export interface FixtureOptions {
  keys?: KeyPair[];
  /** How many of the keys submit each round (a rotating subset). */
  candidatesPerRound?: number;
  start?: number;
  /** Milliseconds between blocks. */
  stepMs?: number;
}

/** The record that would follow `prev`: real commit-reveal lottery among the candidates, signed by the winner. */
export function nextRecord(
  prev: BlockRecord,
  keys: readonly KeyPair[],
  options: FixtureOptions = {},
): BlockRecord {
  const index = prev.block.Index + 1;
  const round = (prev.proof?.round ?? 0) + 1 + (index % 3 === 0 ? 1 : 0); // rounds with no block happen
  const perRound = Math.min(options.candidatesPerRound ?? 3, keys.length);
  const chosen = Array.from({ length: perRound }, (_, i) => keys[(index + i) % keys.length]!);
  const candidates: ProofCandidate[] = chosen
    .map((k, i) => ({
      validator: k.publicKey,
      stake: String(10 + ((index * 7 + i * 13) % 990)),
      name: i % 2 === 0 ? `node-${(index + i) % keys.length}` : null,
    }))
    .sort((a, b) => (a.validator < b.validator ? -1 : 1));
  const reveal = sha256Hex(`fixture-secret-${index}-${round}`);
  const result = draw(
    candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
    lotterySeed(reveal, prev.block.Hash, round),
  )!;
  const winner = chosen.find((k) => k.publicKey === result.winner)!;
  const time = Math.max(
    Date.parse(prev.block.Timestamp),
    (options.start ?? 0) + index * (options.stepMs ?? 1000),
  );
  const block: Block = signBlock(
    {
      Index: index,
      Timestamp: new Date(time).toISOString(),
      BPM: 40 + (index % 200),
      PrevHash: prev.block.Hash,
    },
    winner,
  );
  return {
    block,
    proof: {
      round,
      commit: commitFor(reveal),
      reveal,
      ticket: result.ticket.toString(),
      total: result.total.toString(),
      rangeStart: result.rangeStart.toString(),
      rangeEnd: result.rangeEnd.toString(),
      candidates,
    },
  };
}

/** A valid chain of `length` records (genesis included). */
export function buildChain(length: number, options: FixtureOptions = {}): BlockRecord[] {
  const keys = options.keys ?? fixtureKeys(4);
  const start = options.start ?? Date.parse("2026-01-01T00:00:00.000Z");
  const records: BlockRecord[] = [{ block: genesisBlock(new Date(start).toISOString()), proof: null }];
  for (let i = 1; i < length; i++) records.push(nextRecord(records[i - 1]!, keys, { ...options, start }));
  return records;
}
