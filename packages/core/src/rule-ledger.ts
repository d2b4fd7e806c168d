import { ErrorCode } from "./errors.js";
import type { BlockRecord } from "./record.js";
import type { RecordIssue } from "./record-check.js";
import { ReplayLedger } from "./replay-ledger.js";
import { ruleOf } from "./rule-proof.js";
import { type PriorityTable, roundRobinRule } from "./rules/round-robin.js";
import type { RuleName } from "./rules/rule.js";

const badRule = (message: string): RecordIssue => ({ code: ErrorCode.BadRule, message });

/**
 * The proposer rule a log runs under and the rule's public state, replayed record by record (as
 * StakeLedger replays stakes). Each record's own check (checkRecord) already replays its winner from
 * its proof; this adds what only the whole chain knows: the rule never changes unless a record says
 * where (`previousRule`), and a round robin's priority table is the one the earlier rounds lead to.
 * Pure: the store runs `check` on every record it loads, verifies or appends; Consensus keeps one.
 */
export class RuleLedger extends ReplayLedger {
  /** The rule of the last block; null while the chain has none but genesis. */
  private current: RuleName | null = null;
  /** The round robin's priorities after the last block (empty under other rules). */
  private priorities: PriorityTable = [];

  /** The rule the chain runs under: its last block's, the lottery while it has no block. */
  get rule(): RuleName {
    return this.current ?? "lottery";
  }

  /** Whether any block (after genesis) is on the chain, i.e. whether its rule is settled. */
  get settled(): boolean {
    return this.current !== null;
  }

  /** The state the next round under `rule` starts from: a rule the chain changes to starts afresh. */
  stateFor(rule: "round-robin"): PriorityTable;
  stateFor(rule: RuleName): PriorityTable | null;
  stateFor(rule: RuleName): PriorityTable | null {
    if (rule !== "round-robin") return null;
    return this.current === "round-robin" ? this.priorities : roundRobinRule.initialState();
  }

  protected plan({ block, proof }: BlockRecord): RecordIssue | (() => void) {
    if (proof === null) return () => {};
    const rule = ruleOf(proof);
    const was = this.rule;
    if (proof.previousRule !== undefined && proof.previousRule !== was)
      return badRule(
        `block ${block.Index} records a change of rule from ${proof.previousRule}, but the chain ran under ${was}`,
      );
    if (this.settled && rule !== was && proof.previousRule === undefined)
      return badRule(
        `block ${block.Index} was chosen by ${rule}, but the blocks before it by ${was}, and it does not record the change`,
      );
    if (rule !== "round-robin")
      return () => {
        this.current = rule;
        this.priorities = [];
      };
    const candidates = proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) }));
    const replay = roundRobinRule.pick(this.stateFor(rule), { round: proof.round, candidates, seed: 0n });
    if (!replay.ok) return badRule(`block ${block.Index}: ${replay.error.message}`);
    const { winner, proof: replayed, state } = replay.value;
    const recorded = proof.priorities ?? [];
    const differs = replayed.before.find((row, i) => recorded[i]?.priority !== row.priority.toString());
    if (differs !== undefined || recorded.length !== replayed.before.length)
      return badRule(
        `block ${block.Index}'s priority table is not the one the chain's earlier rounds lead to` +
          (differs === undefined
            ? ""
            : ` (${differs.validator.slice(0, 8)}: recorded ${recorded.find((r) => r.validator === differs.validator)?.priority ?? "none"}, replayed ${differs.priority})`),
      );
    if (winner !== block.Validator)
      return badRule(
        `block ${block.Index}: the round robin picks ${winner.slice(0, 8)}, not ${block.Validator.slice(0, 8)}`,
      );
    return () => {
      this.current = rule;
      this.priorities = state;
    };
  }
}
