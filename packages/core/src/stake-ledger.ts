import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import { MAX_STAKE } from "./parse.js";
import type { BlockRecord, LedgerReward, LedgerStake, RecordLedger, RewardMode } from "./record.js";
import type { RecordIssue } from "./record-check.js";
import { ReplayLedger } from "./replay-ledger.js";

/** The log format a record with a ledger belongs to; a record without one is format 1. */
export const LOG_FORMAT_VERSION = 2;

/** `--reward`: what each block's winner is credited, how, and the stake cap compounding stops at. */
export interface RewardRule {
  amount: bigint;
  mode: RewardMode;
  /** Compound stops here: the part of a reward above the cap goes to the balance. null: 10^18. */
  cap: bigint | null;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const badLedger = (message: string): RecordIssue => ({ code: ErrorCode.BadLedger, message });

function isAmount(value: unknown): value is string {
  return typeof value === "string" && value.length <= 40 && DECIMAL.test(value);
}

/**
 * A block's reward under `rule`, for a winner that staked `stake` in the round and holds `balance`.
 * Compound adds to the stake up to the cap and pays the rest out; payout leaves the stake alone.
 */
export function rewardFor(rule: RewardRule, stake: bigint, balance: bigint): LedgerReward {
  let staked = 0n;
  if (rule.mode === "compound") {
    // Without a cap the protocol's own limit is one: a larger stake would make the next proof invalid.
    const cap = rule.cap ?? MAX_STAKE;
    staked = rule.amount;
    if (stake + staked > cap) staked = cap > stake ? cap - stake : 0n;
  }
  return {
    amount: rule.amount.toString(),
    mode: rule.mode,
    stake: (stake + staked).toString(),
    balance: (balance + rule.amount - staked).toString(),
  };
}

/**
 * The stakes and balances a log's records add up to, replayed record by record. Pure: the store
 * runs `check` on every record it loads or verifies, Consensus keeps one to know which stakes its
 * next record must declare. Records of format 1 (no ledger) are trusted: their candidates' stakes
 * become the ledger's, unchecked, and `trustedRecords` counts them.
 */
export class StakeLedger extends ReplayLedger {
  private readonly stakes = new Map<string, bigint>();
  private readonly balances = new Map<string, bigint>();
  /** Records of format 1 seen (their stakes were taken on trust). */
  trustedRecords = 0;
  /** Records of format 2 seen. */
  checkedRecords = 0;

  stakeOf(validator: string): bigint | undefined {
    return this.stakes.get(validator);
  }

  balanceOf(validator: string): bigint {
    return this.balances.get(validator) ?? 0n;
  }

  /**
   * Every candidate's stake must be the ledger's or declared in the record, and the reward must add
   * up; the reason names the block.
   */
  protected plan(record: BlockRecord): RecordIssue | (() => void) {
    const { block, proof } = record;
    const value = (record as { ledger?: unknown }).ledger;
    if (value === undefined) {
      if (this.checkedRecords > 0)
        return badLedger(
          `block ${block.Index} has no stake ledger, but blocks before it do: the log's format never goes back to 1`,
        );
      return () => {
        this.trustedRecords++;
        if (proof) for (const c of proof.candidates) this.stakes.set(c.validator, BigInt(c.stake));
      };
    }
    const shape = ledgerShapeIssue(value, block.Index);
    if (shape) return shape;
    const ledger = value as RecordLedger;
    if (proof === null) {
      if (ledger.stakes.length > 0 || ledger.reward !== null)
        return badLedger("the genesis block's ledger must be empty: it has no round and no winner");
      return () => {
        this.checkedRecords++;
      };
    }
    const candidates = new Map(proof.candidates.map((c) => [c.validator, c]));
    const declared = new Map<string, bigint>();
    for (const entry of ledger.stakes) {
      const candidate = candidates.get(entry.validator);
      if (candidate === undefined)
        return badLedger(
          `block ${block.Index} declares a stake for ${entry.validator.slice(0, 8)}, which was no candidate in round ${proof.round}`,
        );
      if (candidate.stake !== entry.stake)
        return badLedger(
          `block ${block.Index} declares ${entry.validator.slice(0, 8)}'s stake as ${entry.stake}, but its proof says ${candidate.stake}`,
        );
      declared.set(entry.validator, BigInt(entry.stake));
    }
    for (const c of proof.candidates) {
      if (declared.has(c.validator)) continue;
      const held = this.stakes.get(c.validator);
      if (held === undefined || held !== BigInt(c.stake))
        return badLedger(
          `block ${block.Index}: candidate ${c.name ?? c.validator.slice(0, 8)} staked ${c.stake} in round ${proof.round}, ` +
            `but the ledger ${held === undefined ? "has no stake for it" : `holds ${held}`} and the block declares none: ` +
            "the stake cannot be explained by the log",
        );
    }
    const reward = ledger.reward;
    let after: { stake: bigint; balance: bigint } | null = null;
    if (reward !== null) {
      const winner = candidates.get(block.Validator)!;
      const before = BigInt(winner.stake);
      const balance = this.balanceOf(block.Validator);
      const amount = BigInt(reward.amount);
      const stake = BigInt(reward.stake);
      const newBalance = BigInt(reward.balance);
      const staked = stake - before;
      const paid = newBalance - balance;
      const adds =
        staked >= 0n &&
        paid >= 0n &&
        staked + paid === amount &&
        (reward.mode === "compound" || staked === 0n);
      if (!adds)
        return badLedger(
          `block ${block.Index}'s reward of ${reward.amount} (${reward.mode}) does not add up: ` +
            `stake ${before} -> ${reward.stake}, balance ${balance} -> ${reward.balance}`,
        );
      after = { stake, balance: newBalance };
    }
    return () => {
      for (const [validator, stake] of declared) this.stakes.set(validator, stake);
      if (after) {
        this.stakes.set(block.Validator, after.stake);
        this.balances.set(block.Validator, after.balance);
      }
      this.checkedRecords++;
    };
  }

  /** The stakes a new record for this round must declare: candidates the ledger holds another stake for. */
  declarations(candidates: readonly { validator: string; stake: string }[]): LedgerStake[] {
    return candidates
      .filter((c) => this.stakes.get(c.validator) !== BigInt(c.stake))
      .map((c) => ({ validator: c.validator, stake: c.stake }));
  }
}

function ledgerShapeIssue(value: unknown, index: number): RecordIssue | null {
  const shape = (what: string) => badLedger(`block ${index}'s ledger is malformed: ${what}`);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return shape("it must be an object with stakes and reward");
  const { stakes, reward } = value as Record<string, unknown>;
  if (!Array.isArray(stakes)) return shape("stakes must be a list");
  let previous = "";
  for (const entry of stakes as unknown[]) {
    if (typeof entry !== "object" || entry === null) return shape("a stake entry is not an object");
    const { validator, stake } = entry as Record<string, unknown>;
    if (typeof validator !== "string" || !isHex(validator, 32) || validator <= previous)
      return shape("stake entries need 64-hex validators, sorted, each once");
    previous = validator;
    if (!isAmount(stake) || stake === "0" || BigInt(stake) > MAX_STAKE)
      return shape(`${validator.slice(0, 8)}'s stake must be 1..10^18 as a decimal string`);
  }
  if (reward === null) return null;
  if (typeof reward !== "object" || Array.isArray(reward)) return shape("reward must be null or an object");
  const r = reward as Record<string, unknown>;
  if (r.mode !== "compound" && r.mode !== "payout")
    return shape('reward mode must be "compound" or "payout"');
  for (const field of ["amount", "stake", "balance"] as const)
    if (!isAmount(r[field])) return shape(`reward ${field} must be a decimal string`);
  return null;
}
