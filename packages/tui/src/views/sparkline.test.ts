import { describe, expect, it } from "vitest";
import { sparkline } from "./sparkline.js";

describe("sparkline", () => {
  it("scales between the values' own low and high", () => {
    expect(sparkline([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], 8)).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([0.1, 0.8], 8, true)).toBe("_#");
  });

  it("keeps the newest values when there are more than the width", () => {
    expect(sparkline([0.9, 0.1, 0.5], 2)).toBe("▁█");
  });

  it("stays flat for changes too small to mean anything, and empty for nothing", () => {
    expect(sparkline([0.3, 0.30001, 0.3], 3)).toBe("▁▁▁");
    expect(sparkline([], 5)).toBe("");
    expect(sparkline([0.2], 0)).toBe("");
  });
});
