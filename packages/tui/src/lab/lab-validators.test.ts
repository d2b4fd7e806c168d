import { ErrorCode } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { labSeed, labValidators, stakesInRange } from "./lab-validators.js";

describe("labValidators", () => {
  it("names the validators v1..vN, each with a distinct key, in the order given", () => {
    const made = labValidators([10n, 30n, 60n], 1);
    if (!made.ok) throw made.error;
    expect(made.value.map((v) => [v.name, v.stake, v.group])).toEqual([
      ["v1", 10n, 0],
      ["v2", 30n, 1],
      ["v3", 60n, 2],
    ]);
    expect(new Set(made.value.map((v) => v.key)).size).toBe(3);
  });

  it("splits the first validator into K identities with the same total stake", () => {
    const made = labValidators([10n, 30n], 3);
    if (!made.ok) throw made.error;
    expect(made.value.map((v) => [v.name, v.stake, v.group])).toEqual([
      ["v1.1", 4n, 0],
      ["v1.2", 3n, 0],
      ["v1.3", 3n, 0],
      ["v2", 30n, 1],
    ]);
  });

  it("refuses a split into identities of less than one token, saying how far it can go", () => {
    const made = labValidators([2n, 30n], 3);
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.error.code).toBe(ErrorCode.BadOption);
    expect(made.error.message).toMatch(/at most 2/);
  });
});

describe("stakesInRange and labSeed", () => {
  it("are reproducible from the seed and differ between seeds", () => {
    expect(stakesInRange(1n, 1000n, 5, "a")).toEqual(stakesInRange(1n, 1000n, 5, "a"));
    expect(stakesInRange(1n, 1000n, 5, "a")).not.toEqual(stakesInRange(1n, 1000n, 5, "b"));
    expect(labSeed("a", 3)).toBe(labSeed("a", 3));
    expect(labSeed("a", 3)).not.toBe(labSeed("a", 4));
  });

  it("keeps every drawn stake inside the range, both ends reachable", () => {
    const stakes = stakesInRange(1n, 3n, 200, "ends");
    expect(stakes.every((s) => s >= 1n && s <= 3n)).toBe(true);
    expect(new Set(stakes).size).toBe(3);
  });
});
