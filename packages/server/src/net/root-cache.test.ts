import { CandidateTree, type ProofCandidate, sha256Hex } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { RootCache } from "./root-cache.js";

const candidates = (round: number): ProofCandidate[] =>
  [1, 2, 3].map((i) => ({
    validator: sha256Hex(`v${round}-${i}`),
    stake: String(i * 10 + round),
    name: null,
  }));
const built = (list: ProofCandidate[]) =>
  CandidateTree.build(list.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) }))).root;

describe("RootCache", () => {
  it("answers a remembered round from memory and rebuilds a forgotten one to the same root", () => {
    const cache = new RootCache();
    const remembered = { hash: "ab".repeat(32), total: 1n, count: 1 };
    cache.remember(1, remembered);
    // Remembered: the list is not looked at (a cheap answer for the rounds clients ask about most).
    expect(cache.rootOf(1, candidates(1))).toBe(remembered);
    expect(cache.rootOf(2, candidates(2))).toEqual(built(candidates(2)));
  });

  it("keeps a bounded number of rounds, oldest out first", () => {
    const cache = new RootCache();
    const fake = (n: number) => ({ hash: sha256Hex(`root ${n}`), total: 1n, count: 1 });
    for (let round = 1; round <= 300; round++) cache.remember(round, fake(round));
    expect(cache.rootOf(300, candidates(300))).toEqual(fake(300));
    // Round 1 was dropped: it is rebuilt from its list.
    expect(cache.rootOf(1, candidates(1))).toEqual(built(candidates(1)));
  });
});
