import type { ProofMessage } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { addProof, emptyTally } from "./board-tally.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);

function proof(round: number, winner: string, candidates: [string, string][]): ProofMessage {
  return {
    type: "proof",
    round,
    blockIndex: round,
    commit: "1".repeat(64),
    reveal: "2".repeat(64),
    prevHash: "3".repeat(64),
    winner,
    candidates: candidates.map(([validator, stake]) => ({ validator, stake })),
  };
}

describe("addProof", () => {
  it("sums each candidate's share of that round's candidate stake, and counts the winner", () => {
    let tally = addProof(
      emptyTally,
      proof(1, A, [
        [A, "100"],
        [B, "300"],
      ]),
    );
    // C was not a candidate in round 1, so only round 2 adds to its expectation.
    tally = addProof(
      tally,
      proof(2, C, [
        [A, "100"],
        [C, "100"],
      ]),
    );
    expect(tally.blocks).toBe(2);
    expect(tally.expected.get(A)).toBeCloseTo(0.25 + 0.5, 9);
    expect(tally.expected.get(B)).toBeCloseTo(0.75, 9);
    expect(tally.expected.get(C)).toBeCloseTo(0.5, 9);
    expect(tally.observed.get(A)).toBe(1);
    expect(tally.observed.get(C)).toBe(1);
    expect(tally.observed.get(B)).toBeUndefined();
  });

  it("counts a round once, however often its proof arrives", () => {
    const once = addProof(emptyTally, proof(5, A, [[A, "1"]]));
    expect(addProof(once, proof(5, A, [[A, "1"]]))).toBe(once);
  });

  it("keeps a bounded memory of counted rounds", () => {
    let tally = emptyTally;
    for (let round = 1; round <= 1000; round++) tally = addProof(tally, proof(round, A, [[A, "1"]]));
    expect(tally.blocks).toBe(1000);
    expect(tally.counted.size).toBeLessThanOrEqual(256);
  });
});
