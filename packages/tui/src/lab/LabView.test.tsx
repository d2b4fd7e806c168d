import { stripVTControlCharacters } from "node:util";
import { frameOf, linesOf } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { LabView } from "./LabView.js";
import { runLab } from "./lab.js";
import { labValidators } from "./lab-validators.js";

const probe = { now: () => 0, heapUsed: () => 0 };
function report(stakes: bigint[]) {
  const validators = labValidators(stakes, 1);
  if (!validators.ok) throw validators.error;
  return runLab(
    {
      rounds: 600,
      seed: "view",
      reward: 0n,
      rules: ["lottery", "round-robin", "pool"],
      sybil: 1,
      validators: validators.value,
    },
    probe,
  );
}

describe("LabView", () => {
  it("puts the three rules side by side in boxes on a wide terminal, the chart below", async () => {
    const frame = await frameOf(<LabView report={report([1n, 2n, 3n])} width={140} />);
    const titles = linesOf(frame).find((line) => line.includes("lottery") && line.includes("round-robin"));
    expect(titles).toMatch(/lottery.*round-robin.*pool/);
    expect(frame).toMatch(/v3 +300 of 300/);
    expect(frame).toContain("next proposer known ahead 100.0%");
    expect(frame).toContain("v1's wins minus its fair share");
  });

  it("wraps the boxes under each other on a narrow terminal", async () => {
    const frame = await frameOf(<LabView report={report([1n, 2n, 3n])} width={50} />);
    const lotteryRow = linesOf(frame).findIndex((line) => /│ lottery/.test(line));
    const poolRow = linesOf(frame).findIndex((line) => /│ pool/.test(line));
    expect(lotteryRow).toBeGreaterThanOrEqual(0);
    expect(poolRow).toBeGreaterThan(lotteryRow);
    const widths = linesOf(frame).map((line) => [...stripVTControlCharacters(line)].length);
    expect(Math.max(...widths)).toBeLessThanOrEqual(50);
  });

  it("shows a refusal in full", async () => {
    const frame = await frameOf(<LabView report={report([20_000_000n, 1n])} width={140} />);
    expect(frame).toContain("POOL_TOO_LARGE");
  });
});
