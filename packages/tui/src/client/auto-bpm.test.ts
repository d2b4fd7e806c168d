import { describe, expect, it } from "vitest";
import { nextAutoBpm } from "./auto-bpm.js";

describe("nextAutoBpm", () => {
  it("starts inside 60..100 and walks a few beats at a time without leaving it", () => {
    let bpm = nextAutoBpm(null, Math.random);
    for (let i = 0; i < 1000; i++) {
      const next = nextAutoBpm(bpm, Math.random);
      expect(Math.abs(next - bpm)).toBeLessThanOrEqual(3);
      expect(next).toBeGreaterThanOrEqual(60);
      expect(next).toBeLessThanOrEqual(100);
      bpm = next;
    }
  });

  it("is exact for a given random source", () => {
    expect(nextAutoBpm(null, () => 0)).toBe(60);
    expect(nextAutoBpm(100, () => 0.99)).toBe(100);
    expect(nextAutoBpm(80, () => 0)).toBe(77);
  });
});
