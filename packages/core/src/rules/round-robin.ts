import { ErrorCode, fail, ok, PosError, type Result } from "../errors.js";
import type { Candidate } from "../lottery.js";
import { type ProposerRule, type RoundInput, type RuleOutcome, staked } from "./rule.js";

/** One row of the priority table: a validator, the stake that counts and its proposer priority. */
export interface PriorityEntry {
  validator: string;
  stake: bigint;
  priority: bigint;
}

/** The public state of the round robin: the priority table after the last round, sorted by validator. */
export type PriorityTable = readonly PriorityEntry[];

export interface RoundRobinProof {
  /** The table this round ran on: last round's, with this round's joins, leaves and stakes applied. */
  before: PriorityTable;
  /** The table after every priority grew by its stake and the proposer's dropped by the total. */
  after: PriorityTable;
  total: bigint;
}

/** CometBFT's PriorityWindowSizeFactor: priorities are kept within 2 x the total stake of each other. */
const WINDOW_FACTOR = 2n;

const byValidator = (a: PriorityEntry, b: PriorityEntry) =>
  a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0;

/** Go's big.Int Div for a positive divisor (Euclidean: rounds down), as CometBFT averages with it. */
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
};

/**
 * The round's joins, leaves and stake changes applied to last round's table, as CometBFT's
 * updateWithChangeSet does: a validator keeps its priority across stake changes; a newcomer starts at
 * -1.125 x the total (counting those leaving), so leaving and rejoining cannot wipe out a low
 * priority; a candidate that is absent leaves the set. Then the table is rescaled and centred.
 */
function applyChanges(previous: PriorityTable, candidates: readonly Candidate[]): PriorityEntry[] {
  const old = new Map(previous.map((e) => [e.validator, e]));
  const present = new Set(candidates.map((c) => c.validator));
  let withLeavers = 0n;
  for (const c of candidates) withLeavers += c.stake;
  for (const e of previous) if (!present.has(e.validator)) withLeavers += e.stake;
  const newcomer = -(withLeavers + (withLeavers >> 3n));
  const table = candidates.map((c) => ({
    validator: c.validator,
    stake: c.stake,
    priority: old.get(c.validator)?.priority ?? newcomer,
  }));
  table.sort(byValidator);
  const total = table.reduce((sum, e) => sum + e.stake, 0n);
  rescale(table, WINDOW_FACTOR * total);
  centre(table);
  return table;
}

/** CometBFT's RescalePriorities: divide (truncating, like Go) by ceil(spread / window) when wider. */
function rescale(table: PriorityEntry[], window: bigint): void {
  if (window <= 0n || table.length === 0) return;
  let max = table[0]!.priority;
  let min = max;
  for (const e of table) {
    if (e.priority > max) max = e.priority;
    if (e.priority < min) min = e.priority;
  }
  const spread = max - min;
  if (spread <= window) return;
  const ratio = (spread + window - 1n) / window;
  for (const e of table) e.priority /= ratio;
}

/** CometBFT's shiftByAvgProposerPriority: subtract the average (rounded down), so priorities sum to ~0. */
function centre(table: PriorityEntry[]): void {
  let sum = 0n;
  for (const e of table) sum += e.priority;
  const average = floorDiv(sum, BigInt(table.length));
  for (const e of table) e.priority -= average;
}

/**
 * One round on a prepared table (CometBFT's incrementProposerPriority): every priority grows by its
 * stake, the highest proposes (ties go to the smaller key) and drops by the total.
 */
function increment(before: PriorityTable): { winner: string; after: PriorityEntry[]; total: bigint } {
  const after = before.map((e) => ({ ...e, priority: e.priority + e.stake }));
  const total = after.reduce((sum, e) => sum + e.stake, 0n);
  let best = after[0]!;
  // The table is sorted by key, so a strict > keeps the smaller key on a tie.
  for (const e of after) if (e.priority > best.priority) best = e;
  best.priority -= total;
  return { winner: best.validator, after, total };
}

function pick(state: PriorityTable, round: RoundInput): Result<RuleOutcome<PriorityTable, RoundRobinProof>> {
  const candidates = staked(round.candidates, ErrorCode.BadRule);
  if (!candidates.ok) return candidates;
  const before = applyChanges(state, candidates.value);
  const { winner, after, total } = increment(before);
  return ok({ winner, proof: { before, after, total }, state: after });
}

const sameTable = (a: PriorityTable, b: PriorityTable): boolean =>
  a.length === b.length &&
  a.every(
    (e, i) => e.validator === b[i]!.validator && e.stake === b[i]!.stake && e.priority === b[i]!.priority,
  );

/**
 * CometBFT's weighted round robin: deterministic, no randomness. Over any stretch of rounds each
 * validator proposes its exact share, give or take the number of validators, and everyone can tell
 * who proposes next.
 */
export const roundRobinRule: ProposerRule<PriorityTable, RoundRobinProof> = {
  name: "round-robin",
  summary: "every priority grows by its stake each round; the highest proposes and drops by the total",
  usesSeed: false,
  initialState: () => [],
  pick,
  check(state, round, winner, proof) {
    const replay = pick(state, round);
    if (!replay.ok) return replay;
    const { value } = replay;
    const bad = (message: string) => fail(new PosError(ErrorCode.BadRule, message));
    if (!sameTable(value.proof.before, proof.before))
      return bad("the proof's priority table is not the one the earlier rounds lead to");
    if (value.winner !== winner)
      return bad(
        `the highest priority this round is ${value.winner.slice(0, 8)}'s, so ${winner.slice(0, 8)} cannot propose`,
      );
    if (value.proof.total !== proof.total || !sameTable(value.proof.after, proof.after))
      return bad("the proof's table after the round does not follow from the one before it");
    return replay;
  },
  foresee(state, candidates) {
    const outcome = pick(state, { round: 0, candidates, seed: 0n });
    return outcome.ok ? outcome.value.winner : null;
  },
};
