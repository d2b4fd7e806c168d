import { createRule, type RuleName } from "@pos-tui/core";
import type { LabValidator } from "./lab-validators.js";
import { type LabProbe, type LabSettings, type RuleResult, runRule } from "./run-rule.js";

export interface LabReport {
  seed: string;
  rounds: number;
  reward: bigint;
  sybil: number;
  validators: { name: string; key: string; stake: bigint }[];
  /** One entry per rule, named by the rule, in the order asked for. */
  rules: Partial<Record<RuleName, RuleResult>>;
}

export interface LabRun extends LabSettings {
  rules: readonly RuleName[];
  sybil: number;
  validators: readonly LabValidator[];
}

/** The same validators and seeds through each rule in turn; `onRule` hears when each one starts. */
export function runLab(run: LabRun, probe: LabProbe, onRule?: (rule: RuleName) => void): LabReport {
  const rules: LabReport["rules"] = {};
  for (const name of run.rules) {
    onRule?.(name);
    rules[name] = runRule(() => createRule(name), run.validators, run, probe);
  }
  return {
    seed: run.seed,
    rounds: run.rounds,
    reward: run.reward,
    sybil: run.sybil,
    validators: run.validators.map(({ name, key, stake }) => ({ name, key, stake })),
    rules,
  };
}

/** The report as JSON: big numbers as decimal strings, as on the wire. */
export function labJson(report: LabReport): string {
  return JSON.stringify(report, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}
