import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./reconnect-delay.js";

describe("reconnectDelay", () => {
  it("doubles from the base while under the cap", () => {
    expect([1, 2, 3, 4].map((a) => reconnectDelay(a, () => 1))).toEqual([250, 500, 1000, 2000]);
  });

  it("never waits past the cap, even after many failures", () => {
    expect(reconnectDelay(10, () => 1)).toBe(5000);
    expect(reconnectDelay(1_000, () => 0.999)).toBeLessThanOrEqual(5000);
  });

  it("jitters within the upper half of the window", () => {
    expect(reconnectDelay(3, () => 0)).toBe(500);
    expect(reconnectDelay(3, () => 0.5)).toBe(750);
    for (let i = 0; i < 100; i++) {
      const d = reconnectDelay(5, Math.random);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it("takes a custom policy", () => {
    expect(reconnectDelay(2, () => 1, { baseMs: 10, capMs: 15 })).toBe(15);
  });
});
