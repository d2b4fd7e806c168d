import type { Block } from "./block.js";
import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import type { BlockProof, ProofPriority } from "./record.js";
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

/** The round robin's outcome from a round's table: who proposes, and the proof's figures (bigints). */
export interface RoundRobinOutcome {
  winner: string;
  /** The winner's priority once every priority grew by its stake: the highest. */
  ticket: bigint;
  total: bigint;
  /** The winner's share of the total, candidates side by side in their order: [rangeStart, rangeEnd). */
  rangeStart: bigint;
  rangeEnd: bigint;
}

/**
 * The round robin replayed from the table a round ran on (rows in the candidates' order, both
 * already sound): every priority grows by its stake, the highest proposes, a tie going to the smaller
 * key (the first in the table). Null without candidates.
 */
export function roundRobinOutcome(
  candidates: readonly { validator: string; stake: string }[],
  priorities: readonly ProofPriority[],
): RoundRobinOutcome | null {
  let total = 0n;
  let best: RoundRobinOutcome | null = null;
  for (const [i, c] of candidates.entries()) {
    const stake = BigInt(c.stake);
    const grown = BigInt(priorities[i]!.priority) + stake;
    if (best === null || grown > best.ticket)
      best = { winner: c.validator, ticket: grown, total: 0n, rangeStart: total, rangeEnd: total + stake };
    total += stake;
  }
  return best === null ? null : { ...best, total };
}

/**
 * The round robin's winner, replayed from the table the proof says the round ran on. The ticket is
 * the highest grown priority, the total the candidates' stake, the range the winner's share. Whether
 * the table itself is the one the chain leads to takes the whole chain (RuleLedger).
 */
export function roundRobinIssue(block: Block, proof: BlockProof): RecordIssue | null {
  const outcome = roundRobinOutcome(proof.candidates, proof.priorities ?? []);
  if (outcome === null) return badRule("the round had no candidate, so no block could be won");
  const { winner, ticket, total, rangeStart, rangeEnd } = outcome;
  if (winner !== block.Validator)
    return badRule(
      `the highest priority this round is ${winner.slice(0, 8)}'s (${ticket}), so ${block.Validator.slice(0, 8)} cannot propose`,
    );
  if (proof.ticket !== ticket.toString())
    return badRule(`the proof's ticket ${proof.ticket} is not the winner's priority ${ticket}`);
  if (proof.total !== total.toString())
    return badRule(`the proof's total ${proof.total} is not the candidates' total stake ${total}`);
  if (proof.rangeStart !== rangeStart.toString() || proof.rangeEnd !== rangeEnd.toString())
    return badRule(
      `the proof's range ${proof.rangeStart}..${proof.rangeEnd} is not the winner's share ${rangeStart}..${rangeEnd}`,
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
