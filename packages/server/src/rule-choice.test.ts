import { ErrorCode } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { chooseRule } from "./rule-choice.js";

describe("chooseRule", () => {
  it("follows the log when no rule is asked for, the lottery for a new chain", () => {
    expect(chooseRule(undefined, null)).toEqual({ ok: true, value: { rule: "lottery", changed: null } });
    expect(chooseRule(undefined, "pool")).toEqual({ ok: true, value: { rule: "pool", changed: null } });
    expect(chooseRule("round-robin", null)).toEqual({
      ok: true,
      value: { rule: "round-robin", changed: null },
    });
    expect(chooseRule("pool", "pool")).toEqual({ ok: true, value: { rule: "pool", changed: null } });
  });

  it("refuses another rule than the log's unless the change is asked for, and then says from what", () => {
    const refused = chooseRule("pool", "lottery");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe(ErrorCode.RuleMismatch);
    expect(refused.error.message).toMatch(
      /--rule lottery, not pool: start with --rule lottery .*--change-rule/,
    );
    expect(chooseRule("pool", "lottery", true)).toEqual({
      ok: true,
      value: { rule: "pool", changed: "lottery" },
    });
  });
});
