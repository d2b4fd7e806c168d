import { ErrorCode, fail, ok, PosError, type Result } from "../errors.js";
import { type Candidate, sortCandidates } from "../lottery.js";
import { type ProposerRule, type RoundInput, type RuleOutcome, staked } from "./rule.js";

/** The largest total stake the pool accepts: ten million entries are already ~80 MB of references. */
export const MAX_POOL_SIZE = 10_000_000n;

/** The pool rule keeps no public state between rounds; its pool is rebuilt from each round's candidates. */
export type PoolState = null;

export interface PoolProof {
  /** The pool's length: the total stake, one entry per token. */
  size: number;
  /** The entry picked: seed mod size. */
  index: number;
}

/**
 * The tutorial's pool, kept between rounds so an unchanged round does not rebuild it: entries in
 * canonical candidate order, each validator repeated once per staked token.
 */
interface PoolCache {
  validators: string[];
  stakes: number[];
  entries: string[];
}

/** 10000001 -> 10,000,001: a person reads the size of the refusal at a glance. */
const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function tooLarge(total: bigint): PosError<ErrorCode.PoolTooLarge> {
  return new PosError(
    ErrorCode.PoolTooLarge,
    `the pool rule keeps one entry per staked token, and a total stake of ${grouped(total)} would need as many entries: ` +
      `it refuses totals above ${grouped(MAX_POOL_SIZE)} (its memory grows with the stake). ` +
      "Lower the stakes, or use the lottery, which picks the same way from ranges in memory that follows the number of validators",
    { limit: MAX_POOL_SIZE.toString(), total: total.toString() },
  );
}

function build(sorted: readonly Candidate[]): PoolCache {
  const stakes = sorted.map((c) => Number(c.stake));
  // Sized once and filled run by run: pushing ten million entries one by one takes seconds and leaves
  // half as much again in spare capacity.
  const entries = new Array<string>(stakes.reduce((a, b) => a + b, 0));
  let at = 0;
  sorted.forEach((c, i) => {
    entries.fill(c.validator, at, at + stakes[i]!);
    at += stakes[i]!;
  });
  return { validators: sorted.map((c) => c.validator), stakes, entries };
}

/** Above this many entries added or removed in a round, rebuilding is as quick as splicing. */
const SPLICE_LIMIT = 10_000;

/**
 * Brings the cached pool to the new stakes when only stakes changed a little (a reward, a top-up):
 * each validator's run of entries grows or shrinks in place (splice moves the tail in one memmove),
 * last run first so earlier runs keep their offsets. Anything else rebuilds the pool.
 */
function update(cache: PoolCache | null, sorted: readonly Candidate[]): PoolCache {
  if (cache === null || cache.validators.length !== sorted.length) return build(sorted);
  let change = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.validator !== cache.validators[i]) return build(sorted);
    change += Math.abs(Number(sorted[i]!.stake) - cache.stakes[i]!);
  }
  if (change > SPLICE_LIMIT) return build(sorted);
  const { entries, stakes } = cache;
  let end = entries.length;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const was = stakes[i]!;
    const now = Number(sorted[i]!.stake);
    const start = end - was;
    if (now > was) entries.splice(end, 0, ...new Array<string>(now - was).fill(sorted[i]!.validator));
    else if (now < was) entries.splice(start + now, was - now);
    stakes[i] = now;
    end = start;
  }
  return cache;
}

/**
 * The tutorial's rule, faithful: a pool with one entry per staked token, and a uniform pick from it,
 * pool[seed mod size], with the chain's verifiable seed instead of the clock. Its entries are in the
 * same canonical order as the lottery's ranges, so it picks the same winner: the lesson is what it
 * costs, memory and build time that grow with the total stake.
 *
 * A class, not a closure over the cache: optimised callers embed the functions they call, and a
 * per-instance closure would keep a discarded instance's pool alive through them.
 */
class PoolRule implements ProposerRule<PoolState, PoolProof> {
  readonly name = "pool";
  readonly summary = "one pool entry per staked token; the entry at seed mod pool size proposes";
  readonly usesSeed = true;
  private cache: PoolCache | null = null;

  initialState(): PoolState {
    return null;
  }

  pick(_state: PoolState, round: RoundInput): Result<RuleOutcome<PoolState, PoolProof>> {
    const candidates = staked(round.candidates, ErrorCode.BadRule);
    if (!candidates.ok) return candidates;
    let total = 0n;
    for (const c of candidates.value) total += c.stake;
    if (total > MAX_POOL_SIZE) return fail(tooLarge(total));
    const cache = update(this.cache, sortCandidates(candidates.value));
    this.cache = cache;
    const seed = round.seed < 0n ? -round.seed : round.seed;
    const index = Number(seed % total);
    return ok({ winner: cache.entries[index]!, proof: { size: Number(total), index }, state: null });
  }

  check(
    state: PoolState,
    round: RoundInput,
    winner: string,
    proof: PoolProof,
  ): Result<RuleOutcome<PoolState, PoolProof>> {
    const replay = this.pick(state, round);
    if (!replay.ok) return replay;
    const { value } = replay;
    const bad = (message: string) => fail(new PosError(ErrorCode.BadRule, message));
    if (value.proof.size !== proof.size || value.proof.index !== proof.index)
      return bad(
        `the seed picks entry ${value.proof.index} of a pool of ${value.proof.size}, not entry ${proof.index} of ${proof.size}`,
      );
    if (value.winner !== winner)
      return bad(`pool entry ${proof.index} is ${value.winner.slice(0, 8)}'s, not ${winner.slice(0, 8)}'s`);
    return replay;
  }

  foresee(_state: PoolState, candidates: readonly Candidate[]): string | null {
    const positive = candidates.filter((c) => c.stake > 0n);
    return positive.length === 1 ? positive[0]!.validator : null;
  }
}

/** A pool rule with its own (empty) pool. */
export function createPoolRule(): ProposerRule<PoolState, PoolProof> {
  return new PoolRule();
}
