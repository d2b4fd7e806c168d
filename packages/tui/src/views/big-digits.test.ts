import { describe, expect, it } from "vitest";
import { BIG_HEIGHT, bigDigits, bigWidth } from "./big-digits.js";

describe("bigDigits", () => {
  it("draws each digit five lines tall, two columns a cell, one column between digits", () => {
    expect(bigDigits("10", false)).toEqual([
      "  ██   ██████",
      "████   ██  ██",
      "  ██   ██  ██",
      "  ██   ██  ██",
      "██████ ██████",
    ]);
  });

  it("draws '#' and stays within printable ASCII in ASCII mode", () => {
    const lines = bigDigits("#7", true);
    expect(lines).toHaveLength(BIG_HEIGHT);
    expect(lines[0]).toBe("##  ## ######");
    expect(lines.join("")).toMatch(/^[ #]*$/);
  });

  it("knows its width", () => {
    for (const text of ["1", "#123", "9876543"])
      for (const line of bigDigits(text, false)) expect(Array.from(line)).toHaveLength(bigWidth(text));
  });
});
