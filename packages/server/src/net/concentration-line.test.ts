import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { concentration } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { concentrationLine } from "./concentration-line.js";

const doc = readFileSync(fileURLToPath(new URL("../../../../docs/protocol.md", import.meta.url)), "utf8");

describe("the validators reply's concentration line", () => {
  it("is the doc's example word for word (stakes 550, 250, 100, 100)", () => {
    const shown = /`(concentration of the online stake[^`]*)`/.exec(doc.replace(/\s+/g, " "))?.[1];
    expect(shown).toBeDefined();
    expect(concentrationLine(concentration([550n, 250n, 100n, 100n]))).toBe(shown);
  });

  it("equal stakes: Gini 0, and it takes more than half of them to hold more than half", () => {
    expect(concentrationLine(concentration([5n, 5n, 5n, 5n]))).toBe(
      "concentration of the online stake (4 validators): Gini 0.00, Nakamoto 3 (>50%) and 2 (>33%), top share 25%",
    );
  });

  it("small shares keep a decimal; nobody online says so", () => {
    const many = Array.from({ length: 20 }, () => 1n);
    expect(concentrationLine(concentration(many))).toMatch(/top share 5\.0%$/);
    expect(concentrationLine(concentration([]))).toBe("concentration: no online stake");
  });
});
