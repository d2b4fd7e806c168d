import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { concentration, gini } from "./concentration.js";

const stake = fc.bigInt({ min: 1n, max: 10n ** 18n });
const stakes = fc.array(stake, { minLength: 1, maxLength: 40 });

describe("gini", () => {
  it("is 1 - 1/n for one holder among n seats when the empty seats are counted", () => {
    for (const n of [2, 3, 5, 10, 30]) {
      const seats = [100n, ...Array.from({ length: n - 1 }, () => 0n)];
      expect(gini(seats)).toBeCloseTo(1 - 1 / n, 12);
    }
  });

  it("matches the mean absolute difference on a known set", () => {
    // 1,2,3,4: sum |xi - xj| over ordered pairs = 20, 2 n^2 mean = 2 * 16 * 2.5 = 80, G = 0.25.
    expect(gini([1n, 2n, 3n, 4n])).toBeCloseTo(0.25, 12);
  });

  it("is 0 for nothing and refuses negative stakes", () => {
    expect(gini([])).toBe(0);
    expect(() => gini([1n, -1n])).toThrow(RangeError);
  });
});

describe("concentration", () => {
  it("gives all zeros for no stake at all", () => {
    const zero = { gini: 0, nakamoto50: 0, nakamoto33: 0, topShare: 0, holders: 0 };
    expect(concentration([])).toEqual(zero);
    expect(concentration([0n, 0n])).toEqual(zero);
  });

  test.prop([stake, fc.integer({ min: 1, max: 50 })])("equal stakes: Gini 0, top share 1/n", (s, n) => {
    const c = concentration(Array.from({ length: n }, () => s));
    expect(c.gini).toBe(0);
    expect(c.topShare).toBeCloseTo(1 / n, 12);
    expect(c.holders).toBe(n);
  });

  it("counts only stakes > 0: one holder among zeros is one holder, Gini 0", () => {
    expect(concentration([500n, 0n, 0n, 0n])).toEqual({
      gini: 0,
      nakamoto50: 1,
      nakamoto33: 1,
      topShare: 1,
      holders: 1,
    });
  });

  it("one big holder among n - 1 tiny ones approaches 1 - 1/n", () => {
    for (const n of [2, 4, 10, 30]) {
      const set = [10n ** 18n, ...Array.from({ length: n - 1 }, () => 1n)];
      const c = concentration(set);
      expect(c.gini).toBeCloseTo(1 - 1 / n, 12);
      expect(c.topShare).toBeCloseTo(1, 12);
      expect(c.nakamoto50).toBe(1);
    }
  });

  it("finds the Nakamoto coefficients of known sets", () => {
    // 40/30/20/10: top one holds 40% (> 1/3, not > 1/2), top two 70%.
    expect(concentration([10n, 20n, 30n, 40n])).toMatchObject({ nakamoto50: 2, nakamoto33: 1 });
    // Exactly half is not more than half: 50/50 needs both.
    expect(concentration([50n, 50n])).toMatchObject({ nakamoto50: 2, nakamoto33: 1 });
    // Three equal: one third is not more than a third.
    expect(concentration([7n, 7n, 7n])).toMatchObject({ nakamoto50: 2, nakamoto33: 2 });
    // Ten equal: six for > 50%, four for > 33.3%.
    expect(concentration(Array.from({ length: 10 }, () => 1n))).toMatchObject({
      nakamoto50: 6,
      nakamoto33: 4,
    });
    expect(concentration([51n, 49n])).toMatchObject({ nakamoto50: 1, nakamoto33: 1, topShare: 0.51 });
  });

  it("orders stakes beyond 2^53 exactly", () => {
    // As numbers these two round to the same double; as bigints the second is larger.
    const a = 10n ** 18n;
    const b = 10n ** 18n + 1n;
    expect(Number(a)).toBe(Number(b));
    const c = concentration([a, b, 1n]);
    // b holds exactly half of 2a + 2: not more than half, so it takes two.
    expect(c.topShare).toBe(0.5);
    expect(c.nakamoto50).toBe(2);
    // Nakamoto 50 flips on a single unit: a + 1 out of 2a + 1 is more than half.
    expect(concentration([a + 1n, a]).nakamoto50).toBe(1);
    expect(concentration([a, a]).nakamoto50).toBe(2);
  });

  test.prop([stakes, fc.infiniteStream(fc.nat())])("is invariant under order", (set, stream) => {
    const shuffled = [...set];
    const draws = stream[Symbol.iterator]();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = (draws.next().value as number) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j] as bigint, shuffled[i] as bigint];
    }
    expect(concentration(shuffled)).toEqual(concentration(set));
  });

  test.prop([stakes])("stays within its bounds", (set) => {
    const c = concentration(set);
    expect(c.gini).toBeGreaterThanOrEqual(0);
    expect(c.gini).toBeLessThanOrEqual(1 - 1 / set.length + 1e-12);
    expect(c.topShare).toBeGreaterThan(0);
    expect(c.topShare).toBeLessThanOrEqual(1);
    expect(c.nakamoto33).toBeGreaterThanOrEqual(1);
    expect(c.nakamoto33).toBeLessThanOrEqual(c.nakamoto50);
    expect(c.nakamoto50).toBeLessThanOrEqual(c.holders);
    expect(c.holders).toBe(set.length);
  });

  test.prop([stakes, fc.bigInt({ min: 1n, max: 1000n })])("does not depend on the unit", (set, k) => {
    const a = concentration(set);
    const b = concentration(set.map((s) => s * k));
    expect(b.nakamoto50).toBe(a.nakamoto50);
    expect(b.nakamoto33).toBe(a.nakamoto33);
    expect(b.gini).toBeCloseTo(a.gini, 12);
    expect(b.topShare).toBeCloseTo(a.topShare, 12);
  });
});
