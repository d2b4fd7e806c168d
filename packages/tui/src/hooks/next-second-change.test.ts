import { describe, expect, it } from "vitest";
import { msToNextSecondChange } from "./next-second-change.js";

const shown = (deadline: number, now: number) => Math.ceil((deadline - now) / 1000);

describe("msToNextSecondChange", () => {
  it("waits exactly until the whole seconds shown change", () => {
    expect(msToNextSecondChange([10_000], 0)).toBe(1000);
    expect(msToNextSecondChange([10_000], 1)).toBe(999);
    expect(msToNextSecondChange([10_500], 0)).toBe(500);
    expect(msToNextSecondChange([10_000], 9_999)).toBe(1);
    for (const now of [0, 1, 250, 999, 4_321, 9_000, 9_999]) {
      const wait = msToNextSecondChange([10_000], now) ?? 0;
      expect(shown(10_000, now + wait - 1)).toBe(shown(10_000, now));
      expect(shown(10_000, now + wait)).toBe(shown(10_000, now) - 1);
    }
  });

  it("takes the soonest change of several deadlines and skips missing ones", () => {
    expect(msToNextSecondChange([10_000, null, 3_300], 0)).toBe(300);
  });

  it("has nothing to wait for once every deadline has passed, or with none", () => {
    expect(msToNextSecondChange([5_000], 5_000)).toBeNull();
    expect(msToNextSecondChange([5_000, null], 9_000)).toBeNull();
    expect(msToNextSecondChange([null], 0)).toBeNull();
    expect(msToNextSecondChange([Number.NaN], 0)).toBeNull();
  });
});
