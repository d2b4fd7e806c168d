import { ErrorCode, fail, ok, PosError, type Result } from "./errors.js";
import { sha256Hex } from "./hash.js";
import { fromHex, isHex } from "./hex.js";

export interface Candidate {
  validator: string;
  stake: bigint;
}

export interface DrawResult {
  winner: string;
  /** Position of the winner among the candidates sorted by validator. */
  winnerIndex: number;
  ticket: bigint;
  total: bigint;
  /** The winner's range is [rangeStart, rangeEnd). */
  rangeStart: bigint;
  rangeEnd: bigint;
}

/** What a server publishes at the start of a round: it binds the secret before anyone submits. */
export function commitFor(secretHex: string): string {
  return sha256Hex(fromHex(secretHex));
}

/**
 * The draw's randomness: the revealed secret, the tip being extended and the round number. The
 * separators cannot occur inside hex or decimal, so the encoding is unambiguous.
 */
export function lotterySeed(revealHex: string, prevHash: string, round: number): bigint {
  return BigInt(`0x${sha256Hex(`${revealHex}|${prevHash}|${round}`)}`);
}

const INDEX_BITS = 2 ** 21;
const byValidator = (a: Candidate, b: Candidate) =>
  a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0;

/** The first 8 characters as a number when they are lower-case hex (so number order = text order), else -1. */
function hexPrefix(text: string): number {
  if (text.length < 8) return -1;
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Candidates in canonical order (by validator key, byte-wise; equal keys keep their input order), so
 * everyone derives the same ranges. For hex keys it sorts numbers, not strings: the first 32 bits of
 * each key and its position packed into one double, sorted natively, then runs sharing a prefix fixed
 * up by full comparison. A comparator sort of 100,000 strings alone costs about as much as the whole
 * draw's budget.
 */
export function sortCandidates<T extends Candidate>(candidates: readonly T[]): T[] {
  const n = candidates.length;
  // Array.prototype.sort is stable, so equal keys keep their input order on this path too.
  if (n >= INDEX_BITS) return [...candidates].sort(byValidator);
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prefix = hexPrefix(candidates[i]!.validator);
    if (prefix < 0) return [...candidates].sort(byValidator);
    packed[i] = prefix * INDEX_BITS + i;
  }
  packed.sort();
  const sorted: T[] = new Array(n);
  for (let i = 0; i < n; i++) sorted[i] = candidates[packed[i]! % INDEX_BITS]!;
  for (let start = 0; start < n; ) {
    const prefix = Math.floor(packed[start]! / INDEX_BITS);
    let end = start + 1;
    while (end < n && Math.floor(packed[end]! / INDEX_BITS) === prefix) end++;
    if (end - start > 1) {
      // Array.prototype.sort is stable, and the run is in input order already.
      const run = sorted.slice(start, end).sort(byValidator);
      for (let k = 0; k < run.length; k++) sorted[start + k] = run[k]!;
    }
    start = end;
  }
  return sorted;
}

/**
 * Each candidate owns a range as wide as its stake on [0, total); the ticket `seed mod total` falls
 * in exactly one. O(n log n) in candidates and independent of stake sizes: no one-entry-per-token pool.
 * Returns null when nobody can win (no candidates, or no positive stake). Non-positive stakes own an
 * empty range and can never win.
 */
export function draw(candidates: readonly Candidate[], seed: bigint): DrawResult | null {
  const sorted = sortCandidates(candidates);
  const ends: bigint[] = [];
  let total = 0n;
  for (const { stake } of sorted) {
    if (stake > 0n) total += stake;
    ends.push(total);
  }
  if (total === 0n) return null;
  const ticket = (seed < 0n ? -seed : seed) % total;
  // First range whose end is past the ticket; zero-width ranges have end == previous end, so skipped.
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! > ticket) hi = mid;
    else lo = mid + 1;
  }
  const rangeEnd = ends[lo]!;
  const rangeStart = lo === 0 ? 0n : ends[lo - 1]!;
  return { winner: sorted[lo]!.validator, winnerIndex: lo, ticket, total, rangeStart, rangeEnd };
}

/** Everything a third party needs to re-run a round's draw. */
export interface DrawInput {
  round: number;
  commit: string;
  reveal: string;
  prevHash: string;
  candidates: Candidate[];
}

/** Re-checks a published result: the reveal matches the commit, and the draw names the same winner. */
export function verifyDraw(proof: DrawInput, claimedWinner: string): Result<DrawResult> {
  const bad = (message: string) => fail(new PosError(ErrorCode.BadLottery, message));
  if (!isHex(proof.reveal, 32)) return bad("the revealed secret is not 32 bytes of hex");
  if (commitFor(proof.reveal) !== proof.commit) return bad("the revealed secret does not match the commit");
  // A round takes one candidate per validator; a repeated key would let a proof inflate someone's range.
  if (new Set(proof.candidates.map((c) => c.validator)).size !== proof.candidates.length)
    return bad("a validator appears more than once among the candidates");
  const result = draw(proof.candidates, lotterySeed(proof.reveal, proof.prevHash, proof.round));
  if (result === null) return bad("the round had no candidate with stake, so no block could be won");
  if (result.winner !== claimedWinner)
    return bad(`the draw picks ${result.winner.slice(0, 8)}, not the claimed ${claimedWinner.slice(0, 8)}`);
  return ok(result);
}
