import { describe, expect, it } from "vitest";
import type { StakeSample } from "../state/stake-history.js";
import { CHART_SERIES, shareChart } from "./share-chart.js";

const sample = (index: number, shares: [string, number][]): StakeSample => ({
  index,
  gini: 0,
  shares: new Map(shares),
});
const strip = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, "");

describe("shareChart", () => {
  it("draws one line per holder, the largest now first in the legend", () => {
    const history = [
      sample(1, [
        ["a", 0.5],
        ["b", 0.5],
      ]),
      sample(2, [
        ["a", 0.6],
        ["b", 0.4],
      ]),
      sample(3, [
        ["a", 0.7],
        ["b", 0.3],
      ]),
    ];
    const chart = shareChart(history, (key) => key.toUpperCase(), { width: 40, height: 8, colour: false });
    expect(chart).not.toBeNull();
    expect(chart!.legend.map((item) => [item.label, item.share])).toEqual([
      ["A", 0.7],
      ["B", 0.3],
    ]);
    expect([chart!.from, chart!.to]).toEqual([1, 3]);
    // The axis runs from 0% to the top share rounded up to 5%.
    expect(chart!.lines[0]).toMatch(/^\s*70\.0% [┤┼]/);
    expect(chart!.lines.at(-1)).toMatch(/^\s*0\.0% [┤┼]/);
    expect(chart!.lines.every((line) => line === strip(line))).toBe(true);
  });

  it("keeps the newest samples that fit the width, and few enough lines to follow", () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      sample(
        i,
        Array.from({ length: 10 }, (_, k) => [`v${k}`, (k + 1) / 55] as [string, number]),
      ),
    );
    const chart = shareChart(many, (key) => key, { width: 60, height: 6, colour: true })!;
    expect(chart.legend).toHaveLength(CHART_SERIES);
    expect(chart.legend[0]!.label).toBe("v9");
    expect(chart.to).toBe(199);
    expect(Math.max(...chart.lines.map((line) => strip(line).length))).toBeLessThanOrEqual(60);
    expect(chart.lines.some((line) => line !== strip(line))).toBe(true);
  });

  it("has nothing to draw before two samples", () => {
    expect(
      shareChart([sample(1, [["a", 1]])], (key) => key, { width: 40, height: 8, colour: false }),
    ).toBeNull();
  });
});
