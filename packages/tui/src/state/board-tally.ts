import type { ProofMessage } from "@pos-tui/core";

/**
 * Expected and observed wins over the blocks this board has seen with their candidate lists. A
 * validator's expected wins are the sum, over those rounds it was a candidate in, of its stake over
 * that round's total candidate stake: exactly what the lottery promises, round by round.
 */
export interface BoardTally {
  /** Rounds counted so far (each at most once). */
  blocks: number;
  expected: ReadonlyMap<string, number>;
  observed: ReadonlyMap<string, number>;
  /** Recent rounds already counted, to ignore a proof that comes twice; bounded. */
  counted: ReadonlySet<number>;
}

export const emptyTally: BoardTally = {
  blocks: 0,
  expected: new Map(),
  observed: new Map(),
  counted: new Set(),
};

const MAX_COUNTED = 256;
/** A class of thousands of names over a morning still fits; beyond it the oldest names go. */
const MAX_VALIDATORS = 5000;

function bounded<K, V>(map: Map<K, V>): Map<K, V> {
  while (map.size > MAX_VALIDATORS) map.delete(map.keys().next().value as K);
  return map;
}

/** Counts one round's proof into the tally; a round already counted leaves it as it is. */
export function addProof(tally: BoardTally, proof: ProofMessage): BoardTally {
  if (tally.counted.has(proof.round)) return tally;
  const total = proof.candidates.reduce((sum, c) => sum + BigInt(c.stake), 0n);
  if (total === 0n) return tally;
  const expected = new Map(tally.expected);
  for (const candidate of proof.candidates) {
    const share = Number((BigInt(candidate.stake) * 1_000_000n) / total) / 1_000_000;
    expected.set(candidate.validator, (expected.get(candidate.validator) ?? 0) + share);
  }
  const observed = new Map(tally.observed);
  observed.set(proof.winner, (observed.get(proof.winner) ?? 0) + 1);
  const counted = new Set(tally.counted).add(proof.round);
  if (counted.size > MAX_COUNTED) counted.delete(counted.values().next().value as number);
  return { blocks: tally.blocks + 1, expected: bounded(expected), observed: bounded(observed), counted };
}
