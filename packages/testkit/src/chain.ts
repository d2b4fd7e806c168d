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

/** Deterministic keys whose seed bytes all equal `n`, so frames in tests are stable. */
export function testKeys(n: number): KeyPair {
  return keyPairFromSeed(new Uint8Array(32).fill(n));
}

export interface FixtureOptions {
  keys?: readonly KeyPair[];
  /** How many of the keys submit each round (a rotating subset); 1 makes them propose in turn. */
  candidatesPerRound?: number;
  /** Genesis time, ms since the epoch. */
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

/**
 * A valid chain: genesis and `blocks` blocks after it (the tip's Index is `blocks`), every one with
 * a lottery proof the record check accepts.
 */
export function buildChain(blocks: number, options: FixtureOptions = {}): BlockRecord[] {
  const keys = options.keys ?? fixtureKeys(4);
  const start = options.start ?? Date.parse("2026-01-01T00:00:00.000Z");
  const records: BlockRecord[] = [{ block: genesisBlock(new Date(start).toISOString()), proof: null }];
  for (let i = 1; i <= blocks; i++) records.push(nextRecord(records[i - 1]!, keys, { ...options, start }));
  return records;
}

/** The blocks of a valid chain whose `proposers` win in turn (block i is signed by proposer i mod n). */
export function blocksInTurn(blocks: number, proposers: readonly KeyPair[]): Block[] {
  return buildChain(blocks, { keys: proposers, candidatesPerRound: 1 }).map((record) => record.block);
}

/** Genesis and `rounds` blocks, each drawn among `perRound` keys that appear in no other round. */
export function candidateRounds(rounds: number, perRound: number): BlockRecord[] {
  const keys = fixtureKeys(rounds * perRound, "throw-away");
  const records = buildChain(0);
  for (let r = 0; r < rounds; r++)
    records.push(
      nextRecord(records.at(-1)!, keys.slice(r * perRound, (r + 1) * perRound), {
        candidatesPerRound: perRound,
      }),
    );
  return records;
}
