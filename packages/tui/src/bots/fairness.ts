// Loaded only by the bots: the statistics library is heavy, and the dashboard must start fast.
import { chiSquareTest } from "@pos-tui/core/stats";
import { type ConcentrationChange, concentrationChange } from "./stake-trail.js";
import type { VerificationTally } from "./verification.js";

export interface FleetMember {
  validator: string;
  name: string;
  stake: bigint;
  /** Blocks of the counted rounds this bot received a push for. */
  blocksSeen: number;
}

/** One counted round: who won, and each member's chance of winning it given that round's candidates. */
export interface RoundChances {
  round: number;
  winner: string;
  /** [member index, probability]; members that were not candidates are absent. */
  chances: readonly (readonly [number, number])[];
  /** The chance that a validator outside the fleet won (0 when the fleet was alone). */
  others: number;
}

export interface ValidatorFairness {
  validator: string;
  name: string;
  stake: string;
  expectedShare: number;
  expectedWins: number;
  observedWins: number;
  blocksSeen: number;
}

export interface FairnessReport {
  rounds: number;
  blocks: number;
  validators: ValidatorFairness[];
  /** Wins by validators outside the fleet in the counted rounds (people, other bot fleets). */
  others: { expectedWins: number; observedWins: number };
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  verdict: string;
  blocksSeen: { min: number; median: number; max: number };
  /** The fleet's stake concentration when it started and at the end (equal with rewards off). */
  concentration: ConcentrationChange;
  /** With `--verify`: what the bots' checks of every counted block found. */
  verification?: VerificationTally;
}

// Pearson's approximation wants about 5 expected wins in most categories.
const MIN_EXPECTED = 5;

/**
 * Observed against expected wins. Expected wins are summed round by round from the candidates that
 * were really in each round, so rounds a bot missed (it was still connecting, or it was late) do not
 * count against the lottery. The chi-square goodness-of-fit test runs over every member plus an
 * "others" category when validators outside the fleet took part.
 */
export function fairnessReport(
  members: readonly FleetMember[],
  rounds: readonly RoundChances[],
  endStakes: readonly bigint[] = members.map((m) => m.stake),
): FairnessReport {
  const byKey = new Map(members.map((m, i) => [m.validator, i]));
  const expected = members.map(() => 0);
  const observed = members.map(() => 0);
  let othersExpected = 0;
  let othersObserved = 0;
  for (const round of rounds) {
    for (const [index, chance] of round.chances) expected[index]! += chance;
    othersExpected += round.others;
    const winner = byKey.get(round.winner);
    if (winner === undefined) othersObserved++;
    else observed[winner]!++;
  }
  const totalStake = members.reduce((sum, m) => sum + m.stake, 0n);
  const withOthers = othersExpected > 1e-9 || othersObserved > 0;
  const test = chiSquareTest(
    withOthers ? [...observed, othersObserved] : observed,
    withOthers ? [...expected, othersExpected] : expected,
  );
  const categories = withOthers ? [...expected, othersExpected] : expected;
  const sparse = categories.filter((e) => e < MIN_EXPECTED).length > categories.length * 0.2;
  const seen = members.map((m) => m.blocksSeen).sort((a, b) => a - b);
  return {
    rounds: rounds.length,
    blocks: rounds.length,
    validators: members.map((m, i) => ({
      validator: m.validator,
      name: m.name,
      stake: m.stake.toString(),
      expectedShare: totalStake === 0n ? 0 : Number(m.stake) / Number(totalStake),
      expectedWins: expected[i]!,
      observedWins: observed[i]!,
      blocksSeen: m.blocksSeen,
    })),
    others: { expectedWins: othersExpected, observedWins: othersObserved },
    chiSquare: test.chiSquare,
    degreesOfFreedom: test.degreesOfFreedom,
    pValue: test.pValue,
    verdict: verdictFor(rounds.length, test.pValue, sparse, neededRounds(categories, rounds.length)),
    blocksSeen: { min: seen[0] ?? 0, median: medianOf(seen), max: seen[seen.length - 1] ?? 0 },
    concentration: concentrationChange(
      members.map((m) => m.stake),
      endStakes,
    ),
  };
}

/** About how many rounds would give the smallest category 5 expected wins. */
function neededRounds(expected: readonly number[], rounds: number): number {
  const smallest = Math.min(...expected.filter((e) => e > 0));
  if (!Number.isFinite(smallest) || rounds === 0) return 0;
  return Math.ceil((MIN_EXPECTED / smallest) * rounds);
}

export function verdictFor(blocks: number, pValue: number, sparse: boolean, needed: number): string {
  if (blocks === 0) return "no blocks in the counted rounds yet: nothing to judge";
  const p = `p = ${formatP(pValue)}`;
  const more =
    needed > 0 && needed <= 1_000_000 ? `about ${needed} rounds` : "far more rounds (or fewer bots)";
  // One rule for every fleet size: with too few expected wins the test's p-value is not to be
  // trusted either way, so no verdict, however small p looks (30 bots over 2 blocks gives p ~ 1e-7).
  if (sparse)
    return `too few blocks to judge: over a fifth of the validators expect under ${MIN_EXPECTED} wins, so ${p} says little; run ${more}`;
  if (pValue < 0.01) return `unlikely to be fair: wins differ from stakes more than chance explains (${p})`;
  if (pValue < 0.05)
    return `borderline: wins drift from stakes a little more than usual (${p}); run more rounds to tell`;
  return `fair: wins match stakes within what chance explains (${p})`;
}

export function formatP(p: number): string {
  if (p < 0.0001) return p.toExponential(1);
  return p.toFixed(p < 0.01 ? 4 : 2);
}

function medianOf(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
