import { describe, expect, it } from "vitest";
import { concentrationLine } from "./concentration-line.js";

const figures = { gini: 0.25, nakamoto50: 1, nakamoto33: 1, topShare: 0.75, holders: 2 };

describe("concentrationLine", () => {
  it("says it in full where there is room", () => {
    const line = concentrationLine(figures, [0.1, 0.25], 80);
    expect(line).toBe("Gini 0.250 ▁█ · top 75.0% · Nakamoto 1 >50%, 1 >33%");
  });

  it("shortens to fit a narrow panel", () => {
    const line = concentrationLine(figures, [0.1, 0.25], 46);
    expect(line).toBe("Gini 0.250 ▁█ · top 75.0% · Nak 1/1");
    expect(line.length).toBeLessThanOrEqual(46);
    expect(concentrationLine(figures, [0.1, 0.25], 30)).toBe("Gini 0.250 · top 75.0% · Nak 1/1");
  });
});
