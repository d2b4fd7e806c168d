/**
 * How concentrated stake is: the figures behind the question "does stake-weighted selection
 * centralise?". All arithmetic on stakes stays in bigint (stakes may be far beyond 2^53); only the
 * final ratios become numbers.
 */
export interface Concentration {
  /** Gini coefficient of the holders' stakes: 0 when all hold the same, towards 1 when one holds all. */
  gini: number;
  /** Fewest validators that together hold more than half of the stake. */
  nakamoto50: number;
  /** Fewest validators that together hold more than a third of the stake (enough to stall a BFT chain). */
  nakamoto33: number;
  /** The largest holder's share of the total, 0..1. */
  topShare: number;
  /** How many validators hold stake (stake > 0). */
  holders: number;
}

const EMPTY: Concentration = { gini: 0, nakamoto50: 0, nakamoto33: 0, topShare: 0, holders: 0 };

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** a / b as a number, keeping about 15 significant digits even when a and b exceed 2^53. */
function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  const scale = 10n ** 15n;
  const whole = a / b;
  const fraction = ((a % b) * scale) / b;
  return Number(whole) + Number(fraction) / 1e15;
}

/**
 * Gini coefficient of every entry given, zeros included: one holder among n where the others hold 0
 * gives exactly 1 - 1/n. `concentration` passes only the positive stakes, because a validator with
 * no stake takes no part in the lottery; callers who want the empty seats counted call this directly.
 * Uses the sorted form G = sum_i (2i - n - 1) x_(i) / (n * sum x), i = 1..n ascending, which is
 * exact in bigint up to the final division.
 */
export function gini(stakes: readonly bigint[]): number {
  const n = stakes.length;
  if (n === 0) return 0;
  const sorted = [...stakes].sort(compare);
  let total = 0n;
  let weighted = 0n;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as bigint;
    if (x < 0n) throw new RangeError("stakes cannot be negative");
    total += x;
    weighted += BigInt(2 * (i + 1) - n - 1) * x;
  }
  return ratio(weighted, BigInt(n) * total);
}

/** Fewest of the (descending) stakes whose sum times `den` exceeds `num` times the total. */
function fewestAbove(descending: readonly bigint[], total: bigint, num: bigint, den: bigint): number {
  let sum = 0n;
  for (let i = 0; i < descending.length; i++) {
    sum += descending[i] as bigint;
    if (sum * den > total * num) return i + 1;
  }
  return descending.length;
}

/**
 * Concentration of a set of stakes, in any order. Only stakes > 0 count (a zero stake is a seat
 * with no say); an empty or all-zero set gives all zeros.
 */
export function concentration(stakes: readonly bigint[]): Concentration {
  const held = stakes.filter((s) => s > 0n);
  if (held.length === 0) return { ...EMPTY };
  const descending = [...held].sort((a, b) => compare(b, a));
  const total = descending.reduce((a, b) => a + b, 0n);
  return {
    gini: gini(held),
    nakamoto50: fewestAbove(descending, total, 1n, 2n),
    nakamoto33: fewestAbove(descending, total, 1n, 3n),
    topShare: ratio(descending[0] as bigint, total),
    holders: held.length,
  };
}
