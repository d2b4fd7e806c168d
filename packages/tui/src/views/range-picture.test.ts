import { describe, expect, it } from "vitest";
import { rangePicture } from "./range-picture.js";

const key = (n: number) => n.toString(16).padStart(64, "0");

describe("rangePicture", () => {
  it("lays the ranges side by side, each as wide as its stake, with the ticket in the winner's", () => {
    const picture = rangePicture(
      [
        { validator: key(2), stake: 150n },
        { validator: key(1), stake: 100n },
      ],
      key(2),
      137n,
      50,
    )!;
    // Draw order is by key: key(1) owns 0..100, key(2) owns 100..250.
    expect(picture.segments.map((s) => [s.start, s.end, s.winner])).toEqual([
      [0n, 100n, false],
      [100n, 250n, true],
    ]);
    expect(picture.cells.filter((c) => c === 0)).toHaveLength(20);
    expect(picture.cells.filter((c) => c === 1)).toHaveLength(30);
    expect(picture.caret).toBe(27);
    expect(picture.cells[picture.caret]).toBe(1);
  });

  it("always shows the winner at the ticket, however small its stake, and alternates neighbours' styles", () => {
    const candidates = [
      { validator: key(1), stake: 1_000_000n },
      { validator: key(2), stake: 1n },
      { validator: key(3), stake: 1_000_000n },
      { validator: key(4), stake: 1_000_000n },
    ];
    const picture = rangePicture(candidates, key(2), 1_000_000n, 30)!;
    expect(picture.cells[picture.caret]).toBe(1);
    const styles = picture.segments.filter((s) => !s.winner).map((s) => s.style);
    expect(styles).toEqual([0, 1, 2]);
  });

  it("has nothing to draw without stake", () => {
    expect(rangePicture([{ validator: key(1), stake: 0n }], key(1), 0n, 20)).toBeNull();
  });
});
