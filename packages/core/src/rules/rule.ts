import { ErrorCode, fail, ok, PosError, type Result } from "../errors.js";
import type { Candidate } from "../lottery.js";

/** The proposer rules a chain can run; `lottery` is the default. */
export const RULE_NAMES = ["lottery", "round-robin", "pool"] as const;
export type RuleName = (typeof RULE_NAMES)[number];
export const DEFAULT_RULE: RuleName = "lottery";

/** One round as every rule sees it. */
export interface RoundInput {
  round: number;
  /** Who submitted this round, with the stake that counts for it. One entry per validator. */
  candidates: readonly Candidate[];
  /** The round's randomness, known only once the round closes (lotterySeed of the reveal). */
  seed: bigint;
}

/** A rule's answer for one round: who proposes, why (a proof anyone can replay) and the state after it. */
export interface RuleOutcome<State, Proof> {
  winner: string;
  proof: Proof;
  /** The public chain state the next round starts from (derivable by replaying every round so far). */
  state: State;
}

/**
 * A proposer rule: a pure function of the round's candidates, the public chain state and the round's
 * seed. `check` replays a published winner and proof from the same inputs, so a client that trusts
 * no server can tell a fair round from a forged one.
 */
export interface ProposerRule<State = unknown, Proof = unknown> {
  readonly name: RuleName;
  /** One line for a person: how the winner is picked. */
  readonly summary: string;
  /** False when the winner follows from public state alone: the next proposer is known in advance. */
  readonly usesSeed: boolean;
  /** The state before the chain's first round. */
  initialState(): State;
  pick(state: State, round: RoundInput): Result<RuleOutcome<State, Proof>>;
  /** Replays the round: ok with the outcome when `winner` and `proof` are what the rule gives. */
  check(state: State, round: RoundInput, winner: string, proof: Proof): Result<RuleOutcome<State, Proof>>;
  /**
   * The winner of the round if it is decided before its seed is revealed (from public state and the
   * candidates alone), else null.
   */
  foresee(state: State, candidates: readonly Candidate[]): string | null;
}

/**
 * A rule whose state and proof types are not known to the caller (e.g. picked by name): it hands
 * back the state and proof its own `pick` made. (Method parameters are bivariant, so every rule fits.)
 */
export type AnyRule = ProposerRule<unknown, unknown>;

export function isRuleName(text: string): text is RuleName {
  return (RULE_NAMES as readonly string[]).includes(text);
}

export function unknownRule(text: string): PosError<ErrorCode.UnknownRule> {
  const shown = text.replace(/[^\x20-\x7e]/g, "?").slice(0, 40);
  return new PosError(
    ErrorCode.UnknownRule,
    `there is no proposer rule "${shown}": choose one of ${RULE_NAMES.join(", ")}`,
  );
}

/**
 * A round's candidates with positive stake, refusing repeated validators: a second entry would let
 * one validator weigh twice. Non-positive stakes can never win under any rule.
 */
export function staked(candidates: readonly Candidate[], code: ErrorCode): Result<Candidate[]> {
  const seen = new Set<string>();
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (seen.has(c.validator))
      return fail(
        new PosError(code, `${c.validator.slice(0, 8)} appears more than once among the candidates`),
      );
    seen.add(c.validator);
    if (c.stake > 0n) kept.push(c);
  }
  if (kept.length === 0)
    return fail(new PosError(code, "the round had no candidate with stake, so no block could be won"));
  return ok(kept);
}
