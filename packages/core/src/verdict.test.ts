import { describe, expect, it } from "vitest";
import { type CheckResult, firstFailure, verdictStatus } from "./verdict.js";

const result = (id: CheckResult["id"], status: CheckResult["status"]): CheckResult => ({
  id,
  status,
  message: `${id} ${status}`,
});

describe("verdictStatus", () => {
  it("is failed when any check failed, even with others pending", () => {
    expect(verdictStatus([result("hash", "ok"), result("range", "pending"), result("link", "failed")])).toBe(
      "failed",
    );
  });
  it("is pending while a check waits and none failed", () => {
    expect(verdictStatus([result("hash", "ok"), result("inclusion", "pending")])).toBe("pending");
  });
  it("is verified when every check passed", () => {
    expect(verdictStatus([result("hash", "ok"), result("signature", "ok")])).toBe("verified");
  });
});

describe("firstFailure", () => {
  it("names the first failed check in order", () => {
    const checks = [result("hash", "ok"), result("commit", "failed"), result("reveal", "failed")];
    expect(firstFailure({ index: 3, hash: "ab", status: "failed", checks })).toEqual(checks[1]);
  });
  it("is null when nothing failed", () => {
    expect(
      firstFailure({ index: 3, hash: "ab", status: "pending", checks: [result("hash", "ok")] }),
    ).toBeNull();
  });
});
