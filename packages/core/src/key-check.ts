import { isHex } from "./hex.js";

// The field prime of curve25519: an encoded point's y coordinate (the low 255 bits) must lie below it.
const FIELD_PRIME = 2n ** 255n - 19n;
const Y_BITS = 2n ** 255n - 1n;
// y of the four points of order 8 is this value or its negation; the other small-order points (the
// identity, order 2 and the two of order 4) have y = 1, -1 and 0. Each y covers both signs of x.
const ORDER_8_Y = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;
const SMALL_ORDER_Y = new Set([0n, 1n, FIELD_PRIME - 1n, ORDER_8_Y, FIELD_PRIME - ORDER_8_Y]);

// Bytes 1..30 of every y above, and of every y >= p, are one of these; any other key is fine. A string
// compare keeps the check off the profile when a long chain loads (the bigint decode costs microseconds).
const SUSPECT_MIDDLES = new Set(
  [0n, FIELD_PRIME - 1n, ORDER_8_Y, FIELD_PRIME - ORDER_8_Y].map((y) => littleEndianHex(y).slice(2, 62)),
);

function littleEndianHex(value: bigint): string {
  return Buffer.from(value.toString(16).padStart(64, "0"), "hex").reverse().toString("hex");
}

/**
 * Why a 64-hex ed25519 public key cannot belong to a validator, or null. A small-order key (one of
 * the 8 points whose multiples cycle back to the identity) "verifies" signatures nobody made: with the
 * identity as key, `01 00..00 || 00..00` passes for every message. Node's crypto accepts those keys and
 * their non-canonical spellings (y >= p), so they are refused here before any signature is checked.
 * Only y is decoded: every small-order point is fixed by y alone, and no key a seed produces is one.
 */
export function publicKeyIssue(publicKeyHex: string): string | null {
  if (!isHex(publicKeyHex, 32)) return "a public key is 64 lower-case hex characters";
  if (!SUSPECT_MIDDLES.has(publicKeyHex.slice(2, 62))) return null;
  let littleEndian = "";
  for (let i = 62; i >= 0; i -= 2) littleEndian += publicKeyHex.slice(i, i + 2);
  // The top bit is the sign of x, not part of y.
  const y = BigInt(`0x${littleEndian}`) & Y_BITS;
  if (y >= FIELD_PRIME)
    return "the public key is not in canonical form (its y coordinate is not below 2^255 - 19): use a key made from a seed";
  if (SMALL_ORDER_Y.has(y))
    return "the public key is a small-order point, whose signatures anyone can forge: use a key made from a seed";
  return null;
}
