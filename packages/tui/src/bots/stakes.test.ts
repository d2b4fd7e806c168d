import { describe, expect, it } from "vitest";
import { assignStakes, parseStakeList, parseStakeRange } from "./stakes.js";

describe("bot stakes", () => {
  it("parses a list and a range as the server would take each stake", () => {
    expect(parseStakeList("10,30,60")).toEqual({ ok: true, value: [10n, 30n, 60n] });
    expect(parseStakeRange("1..1000")).toEqual({ ok: true, value: { low: 1n, high: 1000n } });
    expect(parseStakeRange("7..7")).toEqual({ ok: true, value: { low: 7n, high: 7n } });
  });

  it.each([
    ["10,,60", /stake 2 of the list.*empty/],
    ["10,1e3", /stake 2 of the list.*exponent/],
    ["10, 30", /stake 2 of the list.*spaces/],
    ["0", /at least 1/],
  ])("refuses the list %j with the reason", (text, reason) => {
    const parsed = parseStakeList(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe("BAD_STAKE");
      expect(parsed.error.message).toMatch(reason);
    }
  });

  it.each([
    ["1-1000", /LOW\.\.HIGH/],
    ["1..", /high end.*empty/],
    ["0..5", /low end.*at least 1/],
    ["10..1", /backwards/],
    ["1..1e3", /exponent/],
  ])("refuses the range %j with the reason", (text, reason) => {
    const parsed = parseStakeRange(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toMatch(reason);
  });

  it("cycles a short list and refuses a list longer than the fleet", () => {
    const never = () => 0n;
    expect(assignStakes(5, { kind: "list", stakes: [10n, 30n, 60n] }, never)).toEqual({
      ok: true,
      value: [10n, 30n, 60n, 10n, 30n],
    });
    const tooMany = assignStakes(2, { kind: "list", stakes: [1n, 2n, 3n] }, never);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.error.message).toMatch(/3 stakes given for 2 bots/);
  });

  it("draws range stakes between both ends, included", () => {
    const draws = [0n, 9n, 4n];
    const stakes = assignStakes(3, { kind: "range", low: 1n, high: 10n }, (bound) => {
      expect(bound).toBe(10n);
      return draws.shift()!;
    });
    expect(stakes).toEqual({ ok: true, value: [1n, 10n, 5n] });
  });
});
