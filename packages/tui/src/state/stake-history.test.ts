import { testKeys } from "@pos-tui/testkit/chain";
import { validatorInfo } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { onlineConcentration, recordStakes, SAMPLE_HOLDERS } from "./stake-history.js";

const alice = testKeys(1);
const bob = testKeys(2);
const carol = testKeys(3);

const validators = (aliceStake: string, bobOnline = true) =>
  new Map([
    [alice.publicKey, validatorInfo(alice, "alice", aliceStake)],
    [bob.publicKey, validatorInfo(bob, "bob", "300", 0, bobOnline)],
    [carol.publicKey, validatorInfo(carol, "carol", "0")],
  ]);

describe("onlineConcentration", () => {
  it("counts the online validators with a stake only", () => {
    // 100 and 300: Gini (300 - 100) / (2 * 400) = 0.25; bob holds 75%.
    expect(onlineConcentration(validators("100"))).toEqual({
      gini: 0.25,
      nakamoto50: 1,
      nakamoto33: 1,
      topShare: 0.75,
      holders: 2,
    });
    expect(onlineConcentration(validators("100", false))).toMatchObject({ holders: 1, topShare: 1, gini: 0 });
  });
});

describe("recordStakes", () => {
  it("adds a sample per tip and replaces the tip's own when its stakes change", () => {
    let history = recordStakes([], 5, validators("100"), 0.25, 10);
    history = recordStakes(history, 6, validators("100"), 0.25, 10);
    // The reward for block 6 arrives after it: same tip, the sample is replaced, not added.
    history = recordStakes(history, 6, validators("500"), 0.125, 10);
    expect(history.map((s) => [s.index, s.gini])).toEqual([
      [5, 0.25],
      [6, 0.125],
    ]);
    // Shares of all stake (bob offline or not), holders with no stake left out.
    expect([...history[1]!.shares]).toEqual([
      [alice.publicKey, 0.625],
      [bob.publicKey, 0.375],
    ]);
  });

  it("stays within its cap", () => {
    let history = recordStakes([], 0, validators("100"), 0, 3);
    for (let tip = 1; tip < 50; tip++) history = recordStakes(history, tip, validators("100"), 0, 3);
    expect(history.map((s) => s.index)).toEqual([47, 48, 49]);
  });

  it("keeps the largest holders only, however many join", () => {
    const crowd = new Map(
      Array.from({ length: 200 }, (_, i) => {
        const keys = testKeys(i + 10);
        return [keys.publicKey, validatorInfo(keys, null, String(i + 1))] as const;
      }),
    );
    const [only] = recordStakes([], 1, crowd, 0, 10);
    expect(only!.shares.size).toBe(SAMPLE_HOLDERS);
    expect(Math.min(...only!.shares.values())).toBeCloseTo(185 / 20100, 5);
  });

  it("starts again when the tip goes back (another chain)", () => {
    const history = recordStakes(
      recordStakes([], 40, validators("100"), 0.25, 10),
      41,
      validators("100"),
      0.25,
      10,
    );
    expect(recordStakes(history, 3, validators("100"), 0.25, 10).map((s) => s.index)).toEqual([3]);
  });
});
