import { testKeys } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import { candidateList } from "./candidate-list.js";

describe("candidateList", () => {
  it("reads the stakes as numbers once and keeps the message", () => {
    const proof = {
      type: "proof" as const,
      round: 7,
      blockIndex: 3,
      commit: "c".repeat(64),
      reveal: "d".repeat(64),
      prevHash: "a".repeat(64),
      winner: testKeys(1).publicKey,
      candidates: [{ validator: testKeys(1).publicKey, stake: "1000000000000000000" }],
    };
    expect(candidateList(proof)).toEqual({
      proof,
      candidates: [{ validator: testKeys(1).publicKey, stake: 10n ** 18n }],
    });
  });
});
