import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.js";
import { candidateTimestamp, TIMESTAMP_SKEW_MS, windowIssue } from "./round-window.js";

const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.parse("2026-05-01T10:00:00.000Z");
const window = { opensAt: iso(T0), closesAt: iso(T0 + 1000) };

describe("candidateTimestamp", () => {
  it("keeps a clock inside the window and clamps one outside it", () => {
    expect(candidateTimestamp(window, T0 + 400)).toBe(iso(T0 + 400));
    expect(candidateTimestamp(window, T0 - 3_600_000)).toBe(window.opensAt);
    expect(candidateTimestamp(window, T0 + 29_500)).toBe(window.closesAt);
  });

  it("clamps only to the close when the server sends no opensAt (before the rule)", () => {
    expect(candidateTimestamp({ closesAt: window.closesAt }, T0 - 5000)).toBe(iso(T0 - 5000));
  });
});

describe("windowIssue", () => {
  it("accepts [opensAt - skew, closesAt] and nothing else", () => {
    expect(windowIssue(iso(T0 - TIMESTAMP_SKEW_MS), window)).toBeNull();
    expect(windowIssue(window.closesAt, window)).toBeNull();
    expect(windowIssue(iso(T0 - TIMESTAMP_SKEW_MS - 1), window)?.code).toBe(ErrorCode.BadTimestamp);
    expect(windowIssue(iso(T0 + 1001), window)?.message).toMatch(/after the round's close/);
  });

  const windows = fc
    .tuple(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 60_000 }))
    .map(([opens, length]) => ({ opensAt: iso(opens), closesAt: iso(opens + length) }));

  test.prop([windows, fc.integer({ min: -(10 ** 12), max: 2 * 10 ** 12 })])(
    "whatever the local clock, the clamped Timestamp is accepted",
    (w, clock) => {
      expect(windowIssue(candidateTimestamp(w, Math.max(0, clock)), w)).toBeNull();
    },
  );

  test.prop([
    windows,
    fc.integer({ min: 0, max: 60_000 }),
    fc.integer({ min: 0, max: 60_000 }),
    fc.nat(),
    fc.nat(),
  ])(
    "time order follows from round order: no accepted Timestamp of a round is after a clamped one of the next",
    (w, gap, length, chosen, clock) => {
      // The next window starts no earlier than this one's end (the server makes windows monotone).
      const nextOpens = Date.parse(w.closesAt) + gap;
      const next = { opensAt: iso(nextOpens), closesAt: iso(nextOpens + length) };
      // Any Timestamp the rule accepts in this round, however it was chosen...
      const low = Date.parse(w.opensAt) - TIMESTAMP_SKEW_MS;
      const span = Date.parse(w.closesAt) - low;
      const stamp = iso(low + (chosen % (span + 1)));
      expect(windowIssue(stamp, w)).toBeNull();
      // ...is no later than any honest Timestamp of the next round.
      expect(Date.parse(candidateTimestamp(next, clock))).toBeGreaterThanOrEqual(Date.parse(stamp));
    },
  );
});
