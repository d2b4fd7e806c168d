import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { driftChart } from "./drift-chart.js";
import { bytes, formatLab, kept, micros, sideBySide, validatorLines } from "./format-lab.js";
import { runLab } from "./lab.js";
import { labValidators } from "./lab-validators.js";

const probe = { now: () => 0, heapUsed: () => 0 };
function report(stakes: bigint[], rules: ("lottery" | "round-robin" | "pool")[], rounds = 300) {
  const validators = labValidators(stakes, 1);
  if (!validators.ok) throw validators.error;
  return runLab({ rounds, seed: "fmt", reward: 0n, rules, sybil: 1, validators: validators.value }, probe);
}

describe("formatLab", () => {
  it("puts the rules side by side with each validator's wins, fair share and a bar, then the figures", () => {
    const text = formatLab(report([10n, 30n, 60n], ["lottery", "round-robin"]), { colour: false });
    expect(text).toContain('pos-tui lab: 3 validators, 300 rounds, seed "fmt", no reward');
    const header = text.split("\n").find((line) => line.startsWith("lottery"))!;
    expect(header).toMatch(/^lottery\s+round-robin$/);
    // Round robin's v3 gets exactly 180 of 180, and its bar is 60% of 12 cells: 7.2 cells,
    // 58 eighths: 7 full and a quarter.
    expect(text).toMatch(/v3 +180 of 180 ███████▎/);
    expect(text).toContain("no randomness: no chi-square");
    expect(text).toContain("next proposer known ahead 100.0%");
    expect(text).toMatch(/chi-square [0-9.]+, df 2, p /);
    expect(text).toContain("v1's wins minus its fair share");
    expect(text).not.toMatch(/\x1b\[/);
  });

  it("shows only so many validators per rule and says how many more there are", () => {
    const lines = validatorLines(report([1n, 2n, 3n, 4n, 5n], ["round-robin"]).rules["round-robin"]!, 3);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("... and 2 more");
  });

  it("spells out a rule's refusal below the columns", () => {
    const text = formatLab(report([20_000_000n, 1n], ["pool", "lottery"], 5), { colour: false });
    expect(text).toContain("stopped at round 0: POOL_TOO_LARGE");
    expect(text).toContain("no rounds run: no chi-square");
    expect(text).toMatch(/pool: POOL_TOO_LARGE: the pool rule keeps one entry per staked token/);
  });
});

describe("with rewards", () => {
  it("shows how the first validator's share of the stake moved under each rule", () => {
    const validators = labValidators([10n, 90n], 1);
    if (!validators.ok) throw validators.error;
    const rewarded = runLab(
      { rounds: 100, seed: "r", reward: 10n, rules: ["round-robin"], sybil: 1, validators: validators.value },
      probe,
    );
    // Round robin gives v1 7 of the 100 blocks (its share shrinks as v2's rewards compound):
    // 10 + 70 tokens of 100 + 1,000.
    const text = formatLab(rewarded, { colour: false });
    expect(text).toMatch(/v1 +7 of/);
    expect(text).toContain("v1's stake share 10.0% -> 7.3%");
    expect(formatLab(report([10n, 90n], ["round-robin"]), { colour: false })).not.toContain(
      "v1's stake share",
    );
  });
});

describe("pieces", () => {
  it("pads columns to their widest line", () => {
    expect(
      sideBySide([
        ["ab", "a"],
        ["x", "y", "z"],
      ]),
    ).toEqual(["ab   x", "a    y", "     z"]);
  });

  it("formats sizes and times for people", () => {
    expect(bytes(800)).toBe("800 B");
    expect(bytes(80 * 1024 * 1024)).toBe("80.0 MB");
    expect(kept(40_000)).toBe("< 256 KB");
    expect(kept(80_000_000)).toBe("76.3 MB");
    expect(micros(1.234)).toBe("1.23 µs");
    expect(micros(2500)).toBe("2.50 ms");
  });

  it("draws one coloured chart for all rules, or one uncoloured chart per rule on the same scale", () => {
    const results = Object.values(report([10n, 90n], ["lottery", "round-robin"]).rules);
    const coloured = driftChart(results, { width: 60, height: 8, colour: true })!;
    expect(coloured.legend).toBe("  lottery (blue), round-robin (green)");
    const withPool = Object.values(report([10n, 90n], ["lottery", "round-robin", "pool"]).rules);
    expect(driftChart(withPool, { width: 60, height: 8, colour: true })!.legend).toBe(
      "  lottery (blue), round-robin (green), pool (yellow, hides lottery: the same line)",
    );
    expect(coloured.lines.join("\n")).toMatch(/\x1b\[34m/);
    const plain = driftChart(results, { width: 60, height: 8, colour: false })!;
    expect(plain.lines.filter((line) => line.endsWith(":"))).toEqual(["  lottery:", "  round-robin:"]);
    const axes = plain.lines
      .filter((l) => /┤|┼/.test(l))
      .map((l) => stripVTControlCharacters(l).trim().split(/\s/)[0]);
    expect(axes[0]).toBe(axes[axes.length / 2]);
  });
});
