import {
  type AnyRule,
  type Candidate,
  type ErrorCode,
  type RewardRule,
  type RuleName,
  rewardFor,
} from "@pos-tui/core";
import { type ChiSquareResult, chiSquareTest } from "@pos-tui/core/stats";
import { type LabValidator, labSeed } from "./lab-validators.js";
import { Tally } from "./tally.js";

/** What the lab measures time and memory with (the CLI's clock and heap; fakes in tests). */
export interface LabProbe {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Bytes of live heap (after a full collection where the runtime allows one). */
  heapUsed(): number;
}

export interface LabSettings {
  rounds: number;
  seed: string;
  /** Tokens each round's winner adds to its stake (compound, the server's --reward rule); 0 for none. */
  reward: bigint;
}

export interface ValidatorResult {
  name: string;
  stake: bigint;
  finalStake: bigint;
  /** Wins a perfectly fair rule gives: the sum of the validator's share of stake over the rounds. */
  expected: number;
  observed: number;
  longestStreak: number;
  longestDrought: number;
}

export interface RuleResult {
  rule: RuleName;
  summary: string;
  /** Does the winner depend on the round's randomness? */
  random: boolean;
  /** Rounds run (fewer than asked when the rule refused a round: see `error`). */
  rounds: number;
  validators: ValidatorResult[];
  /** Chi-square goodness of fit of the wins against stake (random rules only). */
  chiSquare: ChiSquareResult | null;
  /** The largest |observed - expected| of any validator. */
  maxDeviation: number;
  longestStreak: { validator: string; rounds: number };
  longestDrought: { validator: string; rounds: number };
  /** Share of rounds whose proposer could be named before the round's randomness was revealed. */
  knownAhead: number;
  /** Mean time of one pick, microseconds. */
  microsPerDraw: number;
  /** Heap the rule holds after its run, bytes (0 when within measuring noise). */
  memoryBytes: number;
  /** The first validator's (all its identities') observed - expected wins, sampled over the run. */
  drift: number[];
  /** With --sybil: the first validator's identities together. */
  sybil: { identities: number; expectedShare: number; observedShare: number } | null;
  error: { code: ErrorCode; message: string; round: number } | null;
}

/** Points in the drift series: enough for a chart as wide as a terminal. */
const DRIFT_SAMPLES = 120;
/** Rounds a throwaway instance runs first, so compiled code and type feedback are not taken for the rule's memory. */
const WARM_UP = 2000;

/** One rule's run through the rounds: its own stakes (rewards compound per rule) and tallies. */
class Playthrough {
  readonly index: Map<string, number>;
  readonly stakes: bigint[];
  readonly balances: bigint[];
  readonly expected: number[];
  readonly tally: Tally;
  readonly group: boolean[];
  readonly drift: number[] = [];
  readonly every: number;
  readonly compound: RewardRule;
  candidates: Candidate[] = [];
  shares: number[] = [];
  stale = true;
  known = 0;
  spent = 0;
  rounds = 0;
  error: RuleResult["error"] = null;
  /** The rule's public state after the last round (kept, so its memory counts as the rule's). */
  state: unknown = null;

  constructor(
    readonly rule: AnyRule,
    readonly validators: readonly LabValidator[],
    readonly settings: LabSettings,
    readonly probe: LabProbe,
  ) {
    const n = validators.length;
    this.index = new Map(validators.map((v, i) => [v.key, i]));
    this.stakes = validators.map((v) => v.stake);
    this.balances = validators.map(() => 0n);
    this.expected = new Array<number>(n).fill(0);
    this.tally = new Tally(n);
    this.group = validators.map((v) => v.group === 0);
    this.every = Math.max(1, Math.ceil(settings.rounds / DRIFT_SAMPLES));
    this.compound = { amount: settings.reward, mode: "compound", cap: null };
  }

  play(last: number): void {
    const { rule, validators, settings, probe, stakes, expected, tally } = this;
    const n = validators.length;
    let state = rule.initialState();
    this.state = state;
    for (let round = 0; round < last; round++) {
      if (this.stale) {
        this.candidates = validators.map((v, i) => ({ validator: v.key, stake: stakes[i]! }));
        const total = Number(stakes.reduce((a, b) => a + b, 0n));
        this.shares = stakes.map((s) => Number(s) / total);
        this.stale = false;
      }
      const seed = labSeed(settings.seed, round);
      const foreseen = rule.foresee(state, this.candidates);
      const start = probe.now();
      const outcome = rule.pick(state, { round, candidates: this.candidates, seed });
      this.spent += probe.now() - start;
      if (!outcome.ok) {
        this.error = { code: outcome.error.code, message: outcome.error.message, round };
        return;
      }
      const { winner } = outcome.value;
      state = outcome.value.state;
      this.state = state;
      const w = this.index.get(winner)!;
      tally.add(w);
      if (foreseen === winner) this.known++;
      for (let i = 0; i < n; i++) expected[i]! += this.shares[i]!;
      this.rounds++;
      if (settings.reward > 0n) {
        const reward = rewardFor(this.compound, stakes[w]!, this.balances[w]!);
        stakes[w] = BigInt(reward.stake);
        this.balances[w] = BigInt(reward.balance);
        this.stale = true;
      }
      if (this.rounds % this.every === 0 || round === last - 1)
        this.drift.push(groupDrift(tally.wins, expected, this.group));
    }
  }
}

/**
 * Runs one rule over the lab's rounds: every validator a candidate each round, the round's seed
 * from --seed. Each rule keeps its own stakes, so with rewards each compounds its own winners.
 */
export function runRule(
  make: () => AnyRule,
  validators: readonly LabValidator[],
  settings: LabSettings,
  probe: LabProbe,
): RuleResult {
  // A throwaway run first, in its own frame (so nothing here keeps it alive): code compiled on the
  // way is not counted as the rule's memory.
  warmUp(make, validators, settings, probe);
  const run = new Playthrough(make(), validators, settings, probe);
  const heapBefore = probe.heapUsed();
  run.play(settings.rounds);
  // The run still holds the rule and its last state: what a server running it keeps between rounds.
  const memoryBytes = Math.max(0, probe.heapUsed() - heapBefore);
  const { rule, tally, stakes, expected, group, rounds, known, spent, drift, error } = run;

  const droughts = tally.longestDrought();
  const results: ValidatorResult[] = validators.map((v, i) => ({
    name: v.name,
    stake: v.stake,
    finalStake: stakes[i]!,
    expected: expected[i]!,
    observed: tally.wins[i]!,
    longestStreak: tally.longestStreak[i]!,
    longestDrought: droughts[i]!,
  }));
  const widest = (of: (v: ValidatorResult) => number) =>
    results.reduce((best, v) => (of(v) > of(best) ? v : best), results[0]!);
  const streak = widest((v) => v.longestStreak);
  const drought = widest((v) => v.longestDrought);
  const sybilCount = group.filter(Boolean).length;
  return {
    rule: rule.name,
    summary: rule.summary,
    random: rule.usesSeed,
    rounds,
    validators: results,
    chiSquare:
      rule.usesSeed && rounds > 0
        ? chiSquareTest(
            tally.wins,
            expected.map((e) => e / rounds),
          )
        : null,
    maxDeviation: Math.max(0, ...results.map((v) => Math.abs(v.observed - v.expected))),
    longestStreak: { validator: streak.name, rounds: streak.longestStreak },
    longestDrought: { validator: drought.name, rounds: drought.longestDrought },
    knownAhead: rounds === 0 ? 0 : known / rounds,
    microsPerDraw: rounds === 0 ? 0 : (spent * 1000) / rounds,
    memoryBytes,
    drift,
    sybil:
      sybilCount > 1 && rounds > 0
        ? {
            identities: sybilCount,
            expectedShare: sumWhere(expected, group) / rounds,
            observedShare: sumWhere(tally.wins, group) / rounds,
          }
        : null,
    error,
  };
}

function warmUp(
  make: () => AnyRule,
  validators: readonly LabValidator[],
  settings: LabSettings,
  probe: LabProbe,
) {
  new Playthrough(make(), validators, settings, probe).play(Math.min(settings.rounds, WARM_UP));
}

function sumWhere(values: readonly number[], keep: readonly boolean[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (keep[i]) sum += values[i]!;
  return sum;
}

const groupDrift = (wins: readonly number[], expected: readonly number[], group: readonly boolean[]) =>
  sumWhere(wins, group) - sumWhere(expected, group);
