import { describe, expect, it } from "vitest";
import { BoundedCache, GenerationCache } from "./bounded-cache.js";

describe("BoundedCache", () => {
  it("keeps at most its limit of entries however many texts go through it", () => {
    const cache = new BoundedCache<number>(100);
    for (let i = 0; i < 1000; i++) {
      expect(cache.get(`block ${i}`, (key) => key.length)).toBe(`block ${i}`.length);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get("block 999", () => -1)).toBe(9);
  });
});

describe("GenerationCache", () => {
  it("keeps what the last generation used and forgets the rest", () => {
    const cache = new GenerationCache<string>();
    let made = 0;
    const make = (key: string) => `${key}#${++made}`;
    expect(cache.get("header", make)).toBe("header#1");
    expect(cache.get("old block", make)).toBe("old block#2");
    cache.nextGeneration();
    expect(cache.get("header", make)).toBe("header#1");
    cache.nextGeneration();
    // "old block" went unused for a whole generation: made again.
    expect(cache.get("old block", make)).toBe("old block#3");
    expect(cache.get("header", make)).toBe("header#1");
    expect(cache.size).toBe(3);
    cache.nextGeneration();
    cache.nextGeneration();
    expect(cache.size).toBe(0);
  });
});
