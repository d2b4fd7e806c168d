import type { Block } from "./block.js";
import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import type { BlockProof } from "./record.js";
import type { RecordIssue } from "./record-check.js";
import { MAX_POOL_SIZE } from "./rules/pool.js";
import { isRuleName, type RuleName } from "./rules/rule.js";

/** A priority: CometBFT's are signed; bounded by a few times the total stake, so 41 characters is ample. */
const PRIORITY = /^(0|-?[1-9][0-9]*)$/;
const MAX_PRIORITY_CHARS = 41;

const badRule = (message: string): RecordIssue => ({ code: ErrorCode.BadRule, message });

/** The rule a proof records; a proof without one is the lottery's (every log from before rules). */
export function ruleOf(proof: Pick<BlockProof, "rule">): RuleName {
  return proof.rule ?? "lottery";
}

/** The rule a log's last block was chosen by; null while it holds no block but genesis. */
export function logRule(records: readonly { proof: Pick<BlockProof, "rule"> | null }[]): RuleName | null {
  const last = records.at(-1)?.proof;
  return last ? ruleOf(last) : null;
}

/**
 * The rule fields of a proof (untrusted, its other fields already sound): a known `rule` and
 * `previousRule`, and a priority table exactly for round-robin, one row per candidate in their order.
 */
export function ruleFieldsIssue(p: Record<string, unknown>, candidates: readonly { validator: string }[]) {
  const named = (field: "rule" | "previousRule"): RecordIssue | null => {
    const value = p[field];
    if (value === undefined || (typeof value === "string" && isRuleName(value))) return null;
    return badRule(`the proof's ${field} must be lottery, round-robin or pool`);
  };
  const issue = named("rule") ?? named("previousRule");
  if (issue) return issue;
  const rule = (p.rule as RuleName | undefined) ?? "lottery";
  if (p.previousRule === rule) return badRule(`the proof records a change of rule from ${rule} to itself`);
  if (rule !== "round-robin")
    return p.priorities === undefined ? null : badRule(`a ${rule} proof carries no priority table`);
  const table = p.priorities;
  if (!Array.isArray(table) || table.length !== candidates.length)
    return badRule("a round-robin proof needs a priority table with one row per candidate");
  for (const [i, row] of (table as unknown[]).entries()) {
    const { validator, priority } = (row ?? {}) as Record<string, unknown>;
    if (typeof validator !== "string" || !isHex(validator, 32) || validator !== candidates[i]!.validator)
      return badRule("the priority table must list the candidates, in the same order");
    if (typeof priority !== "string" || priority.length > MAX_PRIORITY_CHARS || !PRIORITY.test(priority))
      return badRule(`${validator.slice(0, 8)}'s priority must be a whole number as a decimal string`);
  }
  return null;
}

/**
 * The round robin's winner, replayed from the table the proof says the round ran on: every priority
 * grows by its stake, the highest proposes (a tie goes to the smaller key, the first in the table).
 * The ticket is that highest priority, the total the candidates' stake, the range the winner's share.
 * Whether the table itself is the one the chain leads to takes the whole chain (RuleLedger).
 */
export function roundRobinIssue(block: Block, proof: BlockProof): RecordIssue | null {
  const table = proof.priorities ?? [];
  let total = 0n;
  let best = -1;
  let bestPriority = 0n;
  let rangeStart = 0n;
  let bestStart = 0n;
  for (const [i, c] of proof.candidates.entries()) {
    const stake = BigInt(c.stake);
    const grown = BigInt(table[i]!.priority) + stake;
    if (best === -1 || grown > bestPriority) {
      best = i;
      bestPriority = grown;
      bestStart = rangeStart;
    }
    rangeStart += stake;
    total += stake;
  }
  const winner = proof.candidates[best]!;
  if (winner.validator !== block.Validator)
    return badRule(
      `the highest priority this round is ${winner.validator.slice(0, 8)}'s (${bestPriority}), so ${block.Validator.slice(0, 8)} cannot propose`,
    );
  if (proof.ticket !== bestPriority.toString())
    return badRule(`the proof's ticket ${proof.ticket} is not the winner's priority ${bestPriority}`);
  if (proof.total !== total.toString())
    return badRule(`the proof's total ${proof.total} is not the candidates' total stake ${total}`);
  const rangeEnd = bestStart + BigInt(winner.stake);
  if (proof.rangeStart !== bestStart.toString() || proof.rangeEnd !== rangeEnd.toString())
    return badRule(
      `the proof's range ${proof.rangeStart}..${proof.rangeEnd} is not the winner's share ${bestStart}..${rangeEnd}`,
    );
  return null;
}

/**
 * The pool's own limit: its entries are laid out like the lottery's ranges (one per token, in the same
 * order), so entry `ticket` of a pool of `total` is checked by the draw without building the pool.
 */
export function poolSizeIssue(proof: BlockProof): RecordIssue | null {
  return BigInt(proof.total) > MAX_POOL_SIZE
    ? badRule(`a pool of ${proof.total} entries is above the pool rule's limit of ${MAX_POOL_SIZE}`)
    : null;
}
