import { describe, expect, it } from "vitest";
import { fairnessReport } from "./fairness.js";
import { formatReport } from "./format-report.js";
import { concentrationChange, stakeTrail, trailSamples } from "./stake-trail.js";

const members = [
  { validator: "a".repeat(64), name: "bot1", stake: 100n, blocksSeen: 3 },
  { validator: "b".repeat(64), name: "bot2", stake: 100n, blocksSeen: 3 },
];
const [a, b] = [members[0]!.validator, members[1]!.validator];

describe("stakeTrail", () => {
  it("follows each member's stake through the proofs, keeping it where it was not a candidate", () => {
    const trail = stakeTrail(members, [
      { round: 3, candidates: [{ validator: a, stake: "110" }] },
      {
        round: 2,
        candidates: [
          { validator: a, stake: "100" },
          { validator: b, stake: "100" },
          { validator: "c".repeat(64), stake: "9999" },
        ],
      },
      { round: 4, candidates: [{ validator: b, stake: "120" }] },
    ]);
    expect(trail.rounds).toEqual([
      { round: 2, stakes: [100n, 100n] },
      { round: 3, stakes: [110n, 100n] },
      { round: 4, stakes: [110n, 120n] },
    ]);
    expect(trail.end).toEqual([110n, 120n]);
    const samples = trailSamples(members, trail);
    expect(samples.map((s) => s.index)).toEqual([2, 3, 4]);
    expect(samples[0]!.gini).toBe(0);
    expect(samples[2]!.shares.get(b)).toBeCloseTo(120 / 230, 6);
  });

  it("ends where it started without proofs", () => {
    expect(stakeTrail(members, [])).toEqual({ rounds: [], end: [100n, 100n] });
  });
});

describe("the report's concentration", () => {
  it("gives start and end; equal with no stake moved", () => {
    const report = fairnessReport(members, []);
    expect(report.concentration.start).toEqual(report.concentration.end);
    expect(report.concentration.start).toEqual({
      gini: 0,
      nakamoto50: 2,
      nakamoto33: 1,
      topShare: 0.5,
      holders: 2,
    });
  });

  it("shows start and end side by side, then the share chart", () => {
    const trail = stakeTrail(members, [
      { round: 1, candidates: [{ validator: a, stake: "100" }] },
      { round: 2, candidates: [{ validator: a, stake: "200" }] },
      { round: 3, candidates: [{ validator: a, stake: "300" }] },
    ]);
    const report = fairnessReport(members, [], trail.end);
    expect(report.concentration).toEqual(concentrationChange([100n, 100n], [300n, 100n]));
    const text = formatReport(report, 40, { samples: trailSamples(members, trail), colour: false });
    const lines = text.split("\n");
    const at = lines.indexOf("concentration of the fleet's stake:   start      end");
    expect(at).toBeGreaterThan(0);
    // 300 and 100: Gini (300 - 100) / (2 * 400) = 0.25, bot1 holds 75%, alone more than half.
    expect(lines.slice(at + 1, at + 5)).toEqual([
      "  Gini                          0.000    0.250",
      "  top share                     50.0%    75.0%",
      "  Nakamoto > 50%                    2        1",
      "  Nakamoto > 33%                    1        1",
    ]);
    expect(lines[at + 5]).toBe("stake share, rounds 1 to 3 (largest 2):");
    expect(lines[at + 6]).toMatch(/^\s*75\.0% [┤┼]/);
    expect(lines.at(-1)).toBe("  bot1 75.0%, bot2 25.0%");
    expect(text).not.toMatch(/\x1b\[/);
  });
});
