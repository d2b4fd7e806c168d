import { createRule, ErrorCode } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { labJson, runLab } from "./lab.js";
import { labValidators } from "./lab-validators.js";
import { type LabProbe, runRule } from "./run-rule.js";

/** A clock that moves 2 ms per reading and a heap that grows by what the test says. */
function fakeProbe(heap: number[] = [0, 0]): LabProbe {
  let t = 0;
  let h = 0;
  return { now: () => (t += 2), heapUsed: () => heap[h++ % heap.length]! };
}

const validators = (stakes: bigint[], sybil = 1) => {
  const made = labValidators(stakes, sybil);
  if (!made.ok) throw made.error;
  return made.value;
};

const settings = { rounds: 600, seed: "test", reward: 0n };

describe("runRule", () => {
  it("round robin: stakes 1, 2, 3 over 600 rounds give exactly 100/200/300, all known a round ahead", () => {
    const result = runRule(() => createRule("round-robin"), validators([1n, 2n, 3n]), settings, fakeProbe());
    expect(result.validators.map((v) => v.observed)).toEqual([100, 200, 300]);
    expect(result.validators.map((v) => Math.round(v.expected))).toEqual([100, 200, 300]);
    expect(result.maxDeviation).toBeLessThan(1e-9);
    expect(result.chiSquare).toBeNull();
    expect(result.knownAhead).toBe(1);
    expect(result.random).toBe(false);
  });

  it("lottery: a chi-square that does not reject, nothing known ahead, streaks and droughts reported", () => {
    const result = runRule(() => createRule("lottery"), validators([10n, 30n, 60n]), settings, fakeProbe());
    expect(result.validators.reduce((a, v) => a + v.observed, 0)).toBe(600);
    expect(result.chiSquare!.pValue).toBeGreaterThan(0.001);
    expect(result.knownAhead).toBe(0);
    expect(result.longestStreak.rounds).toBeGreaterThan(1);
    expect(result.longestDrought.validator).toBe("v1");
    expect(result.drift.length).toBeGreaterThan(100);
  });

  it("measures time per pick with the probe's clock and memory as the heap's growth over the run", () => {
    const result = runRule(
      () => createRule("pool"),
      validators([5n, 5n]),
      { ...settings, rounds: 10 },
      fakeProbe([1000, 5000]),
    );
    // Each pick reads the clock twice, 2 ms apart: 2,000 microseconds a pick.
    expect(result.microsPerDraw).toBe(2000);
    expect(result.memoryBytes).toBe(4000);
  });

  it("reports the pool's refusal with its code and round, and the rounds before it", () => {
    // 9,999,990 + 5 per round compounding: the total passes 10^7 after two rewards.
    const result = runRule(
      () => createRule("pool"),
      validators([9_999_990n, 1n]),
      { rounds: 10, seed: "s", reward: 5n },
      fakeProbe(),
    );
    expect(result.error).toMatchObject({ code: ErrorCode.PoolTooLarge, round: 2 });
    expect(result.rounds).toBe(2);
  });

  it("compounds each rule's own winners' rewards into their stakes", () => {
    const result = runRule(
      () => createRule("round-robin"),
      validators([1n, 1n]),
      { rounds: 4, seed: "s", reward: 10n },
      fakeProbe(),
    );
    const gained = result.validators.reduce((sum, v) => sum + (v.finalStake - v.stake), 0n);
    expect(gained).toBe(40n);
  });

  it("with --sybil, reports the identities' combined shares: splitting does not change them", () => {
    const result = runRule(
      () => createRule("round-robin"),
      validators([30n, 70n], 3),
      { ...settings, rounds: 1000 },
      fakeProbe(),
    );
    expect(result.sybil!.identities).toBe(3);
    expect(result.sybil!.expectedShare).toBeCloseTo(0.3, 6);
    expect(Math.abs(result.sybil!.observedShare - 0.3)).toBeLessThan(0.01);
  });
});

describe("runLab", () => {
  it("runs the same seeds through each rule: lottery and pool pick the same winners", () => {
    const report = runLab(
      {
        ...settings,
        rules: ["lottery", "pool", "round-robin"],
        sybil: 1,
        validators: validators([10n, 30n, 60n]),
      },
      fakeProbe(),
    );
    expect(Object.keys(report.rules)).toEqual(["lottery", "pool", "round-robin"]);
    const wins = (rule: "lottery" | "pool") => report.rules[rule]!.validators.map((v) => v.observed);
    expect(wins("pool")).toEqual(wins("lottery"));
    const json = JSON.parse(labJson(report));
    expect(json.rules["round-robin"].validators[0].stake).toBe("10");
  });
});
