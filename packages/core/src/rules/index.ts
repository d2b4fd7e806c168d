import { fail, ok, type PosError, type Result } from "../errors.js";
import { lotteryRule } from "./lottery-rule.js";
import { createPoolRule } from "./pool.js";
import { roundRobinRule } from "./round-robin.js";
import { type AnyRule, isRuleName, type RuleName, unknownRule } from "./rule.js";

export * from "./lottery-rule.js";
export * from "./pool.js";
export * from "./round-robin.js";
export * from "./rule.js";

/** A fresh instance of the rule (the pool keeps a cache per instance; the others keep nothing). */
export function createRule(name: RuleName): AnyRule {
  switch (name) {
    case "lottery":
      return lotteryRule;
    case "round-robin":
      return roundRobinRule;
    case "pool":
      return createPoolRule();
  }
}

/** The rule named by untrusted text (a command line, a log), or an UNKNOWN_RULE error. */
export function ruleNamed(text: string): Result<AnyRule, PosError> {
  return isRuleName(text) ? ok(createRule(text)) : fail(unknownRule(text));
}
