import { describe, expect, it } from "vitest";
import { type FleetMember, fairnessReport, type RoundChances } from "./fairness.js";
import { formatReport } from "./format-report.js";

const key = (n: number) => n.toString(16).padStart(64, "0");
const members = (stakes: bigint[], seen = 0): FleetMember[] =>
  stakes.map((stake, i) => ({ validator: key(i + 1), name: `bot${i + 1}`, stake, blocksSeen: seen }));

function rounds(winners: number[], chances: [number, number][], others = 0): RoundChances[] {
  return winners.map((w, round) => ({ round, winner: key(w), chances, others }));
}

describe("fairnessReport", () => {
  it("sums per-round chances into expected wins and counts observed wins", () => {
    const fleet = members([10n, 30n, 60n], 100);
    // 100 rounds with wins exactly as expected.
    const winners = [...Array(10).fill(1), ...Array(30).fill(2), ...Array(60).fill(3)];
    const report = fairnessReport(
      fleet,
      rounds(winners, [
        [0, 0.1],
        [1, 0.3],
        [2, 0.6],
      ]),
    );
    expect(report.rounds).toBe(100);
    expect(report.validators.map((v) => v.observedWins)).toEqual([10, 30, 60]);
    expect(report.validators.map((v) => v.expectedWins)).toEqual([
      expect.closeTo(10, 9),
      expect.closeTo(30, 9),
      expect.closeTo(60, 9),
    ]);
    expect(report.validators.map((v) => v.expectedShare)).toEqual([0.1, 0.3, 0.6]);
    expect(report.chiSquare).toBeCloseTo(0, 9);
    expect(report.pValue).toBeCloseTo(1, 6);
    expect(report.verdict).toMatch(/^fair/);
    expect(report.blocksSeen).toEqual({ min: 100, median: 100, max: 100 });
  });

  it("calls a lottery that ignores stakes unfair", () => {
    const fleet = members([10n, 90n]);
    const winners = Array.from({ length: 200 }, (_, i) => (i % 2) + 1);
    const report = fairnessReport(
      fleet,
      rounds(winners, [
        [0, 0.1],
        [1, 0.9],
      ]),
    );
    expect(report.pValue).toBeLessThan(0.001);
    expect(report.verdict).toMatch(/^unlikely to be fair/);
  });

  it("gives rounds a bot missed no expectation for it, and counts outsiders apart", () => {
    const fleet = members([50n, 50n]);
    const report = fairnessReport(fleet, [
      { round: 1, winner: key(1), chances: [[0, 1]], others: 0 },
      {
        round: 2,
        winner: key(9),
        chances: [
          [0, 0.25],
          [1, 0.25],
        ],
        others: 0.5,
      },
    ]);
    expect(report.validators.map((v) => v.expectedWins)).toEqual([1.25, 0.25]);
    expect(report.validators.map((v) => v.observedWins)).toEqual([1, 0]);
    expect(report.others).toEqual({ expectedWins: 0.5, observedWins: 1 });
    expect(report.verdict).toMatch(/too few blocks/);
  });

  it("judges no fleet on too few expected wins, whatever its size (30 bots over 2 blocks)", () => {
    const stakes = Array.from({ length: 30 }, () => 10n);
    const chances = stakes.map((_, i) => [i, 1 / 30] as [number, number]);
    const many = fairnessReport(members(stakes), rounds([1, 1], chances));
    expect(many.pValue).toBeLessThan(0.01);
    expect(many.verdict).toMatch(/^too few blocks to judge/);
    const few = fairnessReport(
      members([10n, 10n, 10n]),
      rounds(
        [1, 2, 3, 1],
        [
          [0, 1 / 3],
          [1, 1 / 3],
          [2, 1 / 3],
        ],
      ),
    );
    expect(few.verdict).toMatch(/^too few blocks to judge/);
  });

  it("has nothing to judge without blocks, and formats a readable table", () => {
    const empty = fairnessReport(members([1n, 2n]), []);
    expect(empty.pValue).toBe(1);
    expect(empty.verdict).toMatch(/no blocks/);
    const text = formatReport(
      fairnessReport(
        members([10n, 30n], 2),
        rounds(
          [2, 2],
          [
            [0, 0.25],
            [1, 0.75],
          ],
        ),
      ),
    );
    expect(text).toContain("Fairness report: 2 rounds, 2 blocks, 2 bots");
    expect(text).toMatch(/bot2 +0{8} +30 +75\.0% +1\.5 +2 +2/);
    expect(text).toMatch(/verdict: /);
    expect(text).toContain("every bot saw every block");
  });
});
