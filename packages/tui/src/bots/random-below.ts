import { randomBytes } from "node:crypto";

/**
 * A uniform integer in [0, bound) for any positive BigInt bound: 16 random bytes reduced modulo the
 * bound. Stakes are at most 10^18 (< 2^60), so the modulo bias is under 2^-68: nothing a report shows.
 */
export function randomBelow(bound: bigint): bigint {
  if (bound <= 0n) throw new RangeError("the bound must be positive");
  return BigInt(`0x${randomBytes(16).toString("hex")}`) % bound;
}
