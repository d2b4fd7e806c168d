import { fc, test } from "@fast-check/vitest";
import { checkRecord } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { blocksInTurn, buildChain, candidateRounds, fixtureKeys, testKeys } from "./chain.js";

describe("buildChain", () => {
  test.prop(
    [
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 60_000 }),
    ],
    { numRuns: 25 },
  )("makes chains the record check accepts, genesis first", (blocks, keyCount, perRound, stepMs) => {
    const chain = buildChain(blocks, { keys: fixtureKeys(keyCount), candidatesPerRound: perRound, stepMs });
    expect(chain).toHaveLength(blocks + 1);
    expect(chain.at(-1)!.block.Index).toBe(blocks);
    expect(checkRecord(null, chain[0])).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(checkRecord(chain[i - 1]!, chain[i])).toBeNull();
  });

  it("lets proposers win in turn with one candidate a round", () => {
    const [alice, bob] = [testKeys(1), testKeys(2)];
    const validators = blocksInTurn(4, [alice, bob]).map((block) => block.Validator);
    expect(validators).toEqual(["", bob.publicKey, alice.publicKey, bob.publicKey, alice.publicKey]);
  });

  it("draws each of candidateRounds' blocks among keys of its own, every record valid", () => {
    const chain = candidateRounds(3, 4);
    const seen = chain.slice(1).flatMap((record) => record.proof!.candidates.map((c) => c.validator));
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    for (let i = 1; i < chain.length; i++) expect(checkRecord(chain[i - 1]!, chain[i])).toBeNull();
  });
});
