import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { chiSquareTest } from "./stats.js";

describe("chiSquareTest", () => {
  it("matches a known goodness-of-fit result", () => {
    // 186 observations against shares .4/.2/.2/.15/.05: expected 74.4, 37.2, 37.2, 27.9, 9.3.
    const result = chiSquareTest([89, 37, 30, 28, 2], [0.4, 0.2, 0.2, 0.15, 0.05]);
    expect(result.chiSquare).toBeCloseTo(9.9901, 3);
    expect(result.pValue).toBeCloseTo(0.0406, 4);
    expect(result.degreesOfFreedom).toBe(4);
  });

  it("takes shares as any positive weights (e.g. stakes), not only probabilities", () => {
    const asWeights = chiSquareTest([89, 37, 30, 28, 2], [40, 20, 20, 15, 5]);
    expect(asWeights.chiSquare).toBeCloseTo(9.9901, 3);
    expect(asWeights.pValue).toBeCloseTo(0.0406, 4);
  });

  it("gives chi-square 0 and p 1 for a perfect fit", () => {
    const result = chiSquareTest([10, 30, 60], [10, 30, 60]);
    expect(result.chiSquare).toBe(0);
    expect(result.pValue).toBeCloseTo(1, 10);
  });

  it("matches a hand-computed value on two categories", () => {
    // Expected 50/50 of 100; observed 60/40: (10^2 + 10^2) / 50 = 4, df 1, p = 0.0455.
    const result = chiSquareTest([60, 40], [1, 1]);
    expect(result.chiSquare).toBeCloseTo(4, 10);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.pValue).toBeCloseTo(0.0455, 4);
  });

  it("returns p 1 with zero observations", () => {
    expect(chiSquareTest([0, 0, 0], [10, 30, 60])).toEqual({ chiSquare: 0, degreesOfFreedom: 2, pValue: 1 });
    expect(chiSquareTest([], [])).toEqual({ chiSquare: 0, degreesOfFreedom: 0, pValue: 1 });
  });

  it("leaves out categories with no expected share", () => {
    const withZero = chiSquareTest([60, 0, 40], [1, 0, 1]);
    expect(withZero).toEqual(chiSquareTest([60, 40], [1, 1]));
    // A single category left: nothing to compare.
    expect(chiSquareTest([5, 7], [1, 0]).pValue).toBe(1);
  });

  it("refuses observed and expected of different lengths", () => {
    expect(() => chiSquareTest([1, 2], [1])).toThrow(RangeError);
  });

  test.prop([
    fc
      .array(fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 100 })), { minLength: 2, maxLength: 8 })
      .filter((pairs) => pairs.some(([count]) => count > 0)),
  ])("p is a probability and chi-square is non-negative", (pairs) => {
    const result = chiSquareTest(
      pairs.map(([count]) => count),
      pairs.map(([, share]) => share),
    );
    expect(result.chiSquare).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeLessThanOrEqual(1);
    expect(result.degreesOfFreedom).toBe(pairs.length - 1);
  });
});
