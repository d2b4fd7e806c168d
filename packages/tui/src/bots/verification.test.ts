import type { BlockVerdict } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { formatVerification, VerificationCounter } from "./verification.js";

const verdict = (index: number, status: BlockVerdict["status"], failed?: string): BlockVerdict => ({
  index,
  hash: "ab".repeat(32),
  status,
  checks: [
    { id: "hash", status: "ok", message: "fine" },
    ...(failed ? [{ id: "range" as const, status: "failed" as const, message: failed }] : []),
    ...(status === "pending"
      ? [{ id: "inclusion" as const, status: "pending" as const, message: "wait" }]
      : []),
  ],
});

describe("VerificationCounter", () => {
  it("counts verdicts by status and failures by their first failed check, keeping the first one named", () => {
    const counter = new VerificationCounter();
    counter.add("bot1", verdict(4, "verified"));
    counter.add("bot2", verdict(5, "failed", "the draw picks \u001b[31mX\u0007"));
    counter.add("bot1", verdict(5, "failed", "another reason"));
    counter.add("bot3", verdict(6, "pending"));
    const tally = counter.tally;
    expect(tally).toEqual({
      verified: 1,
      failed: 2,
      pending: 1,
      failedChecks: { range: 2 },
      firstFailure: { bot: "bot2", index: 5, check: "range", message: "the draw picks X" },
    });
    expect(formatVerification(tally)).toEqual([
      "verified by the bots: 4 block checks (one per bot per block): 1 verified, 2 failed, 1 pending",
      "  failed checks: range x2",
      "  first: bot2 found block 5 failing range: the draw picks X",
    ]);
  });

  it("hands out a copy: later verdicts do not change a tally already taken", () => {
    const counter = new VerificationCounter();
    const before = counter.tally;
    counter.add("bot1", verdict(1, "failed", "no"));
    expect(before.failed).toBe(0);
    expect(before.failedChecks).toEqual({});
  });
});
