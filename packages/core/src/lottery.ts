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

/** Candidates in canonical order (by validator key), so everyone derives the same ranges. */
export function sortCandidates<T extends Candidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort((a, b) => (a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0));
}

/**
 * Each candidate owns a range as wide as its stake on [0, total); the ticket `seed mod total` falls
 * in exactly one. O(n log n) in candidates and independent of stake sizes: no one-entry-per-token pool.
 * Returns null when nobody can win (no candidates, or no positive stake). Non-positive stakes own an
 * empty range and can never win.
 */
export function draw(candidates: readonly Candidate[], seed: bigint): DrawResult | null {
  const sorted = sortCandidates(candidates);
  const ends: bigint[] = new Array(sorted.length);
  let total = 0n;
  for (let i = 0; i < sorted.length; i++) {
    const stake = sorted[i]!.stake;
    if (stake > 0n) total += stake;
    ends[i] = total;
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
export interface LotteryProof {
  round: number;
  commit: string;
  reveal: string;
  prevHash: string;
  candidates: Candidate[];
}

/** Re-checks a published result: the reveal matches the commit, and the draw names the same winner. */
export function verifyDraw(proof: LotteryProof, claimedWinner: string): Result<DrawResult> {
  const bad = (message: string) => fail(new PosError(ErrorCode.BadLottery, message));
  if (!isHex(proof.reveal, 32)) return bad("the revealed secret is not 32 bytes of hex");
  if (commitFor(proof.reveal) !== proof.commit) return bad("the revealed secret does not match the commit");
  const result = draw(proof.candidates, lotterySeed(proof.reveal, proof.prevHash, proof.round));
  if (result === null) return bad("the round had no candidate with stake, so no block could be won");
  if (result.winner !== claimedWinner)
    return bad(`the draw picks ${result.winner.slice(0, 8)}, not the claimed ${claimedWinner.slice(0, 8)}`);
  return ok(result);
}
