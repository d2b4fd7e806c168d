import { describe, expect, it } from "vitest";
import { runLab } from "./lab.js";
import { labCsv } from "./lab-csv.js";
import { labValidators } from "./lab-validators.js";

const probe = { now: () => 0, heapUsed: () => 0 };

describe("labCsv", () => {
  it("has one row per rule and validator under a header, quoting a message with commas", () => {
    const validators = labValidators([20_000_000n, 5n], 1);
    if (!validators.ok) throw validators.error;
    const report = runLab(
      {
        rounds: 50,
        seed: "csv",
        reward: 0n,
        rules: ["round-robin", "pool"],
        sybil: 1,
        validators: validators.value,
      },
      probe,
    );
    const lines = labCsv(report).split("\n");
    expect(lines[0]!.split(",")).toHaveLength(16);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^round-robin,v1,20000000,20000000,50\.000,50,50,0,50,,,/);
    expect(lines[3]).toMatch(
      /^pool,v1,.*,"POOL_TOO_LARGE: the pool rule keeps one entry per staked token, .*"$/,
    );
  });
});
