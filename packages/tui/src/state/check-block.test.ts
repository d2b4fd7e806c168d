import { commitFor, draw, ErrorCode, lotterySeed, sha256Hex } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { lotteryFor, testKeys } from "../test/fixtures.js";
import { checkProof, revealMatches } from "./check-block.js";
import type { ProofMessage } from "./dashboard-state.js";

const alice = testKeys(1).publicKey;
const bob = testKeys(2).publicKey;
const reveal = sha256Hex("secret");
const prevHash = "a".repeat(64);

function proofFor(winner: (drawn: string) => string): ProofMessage {
  const candidates = [
    { validator: alice, stake: 100n },
    { validator: bob, stake: 150n },
  ];
  const drawn = draw(candidates, lotterySeed(reveal, prevHash, 7))!.winner;
  return {
    type: "proof",
    round: 7,
    blockIndex: 3,
    commit: commitFor(reveal),
    reveal,
    prevHash,
    winner: winner(drawn),
    candidates: candidates.map((c) => ({ validator: c.validator, stake: String(c.stake) })),
  };
}

describe("revealMatches", () => {
  it("holds when the reveal hashes to the commit, and only then", () => {
    expect(revealMatches(lotteryFor(7, { reveal, commit: commitFor(reveal) }))).toBe(true);
    expect(revealMatches(lotteryFor(7, { reveal, commit: "c".repeat(64) }))).toBe(false);
  });
});

describe("checkProof", () => {
  it("re-runs the draw and reads the stakes as numbers once", () => {
    const proof = proofFor((drawn) => drawn);
    expect(checkProof(proof)).toEqual({
      proof,
      candidates: [
        { validator: alice, stake: 100n },
        { validator: bob, stake: 150n },
      ],
      check: { ok: true },
    });
  });

  it("names the broken rule when the claimed winner is not the one drawn", () => {
    const proof = proofFor((drawn) => (drawn === alice ? bob : alice));
    const claimed = proof.winner.slice(0, 8);
    const drawn = (proof.winner === alice ? bob : alice).slice(0, 8);
    expect(checkProof(proof).check).toEqual({
      ok: false,
      code: ErrorCode.BadLottery,
      message: `the draw picks ${drawn}, not the claimed ${claimed}`,
    });
  });
});
