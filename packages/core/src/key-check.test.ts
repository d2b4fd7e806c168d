import { createPublicKey, verify } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Block, blockHash, genesisBlock } from "./block.js";
import { blockShapeIssue, checkBlock, verifyChain } from "./chain.js";
import { ErrorCode } from "./errors.js";
import { fromHex } from "./hex.js";
import { publicKeyIssue } from "./key-check.js";
import { authMessage, keyPairFromSeed, verifyBytes } from "./keys.js";

// Plain edwards25519 arithmetic, independent of the code under test, to show the list is what it claims.
const P = 2n ** 255n - 19n;
const mod = (a: bigint) => ((a % P) + P) % P;
const pow = (base: bigint, exp: bigint): bigint => {
  let result = 1n;
  let b = mod(base);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
  }
  return result;
};
const inv = (a: bigint) => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
type Point = { x: bigint; y: bigint };
const add = (a: Point, b: Point): Point => {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return { x: mod((a.x * b.y + b.x * a.y) * inv(1n + t)), y: mod((a.y * b.y + a.x * b.x) * inv(1n - t)) };
};
/** RFC 8032 decoding, but reducing y mod p instead of refusing, as a lenient verifier does. */
function decode(hex: string): Point | null {
  const bytes = fromHex(hex);
  const sign = bytes[31]! >> 7;
  bytes[31]! &= 0x7f;
  const y = mod(BigInt(`0x${Buffer.from(bytes).reverse().toString("hex")}`));
  const x2 = mod((y * y - 1n) * inv(D * y * y + 1n));
  let x = pow(x2, (P + 3n) / 8n);
  if (mod(x * x - x2) !== 0n) x = mod(x * pow(2n, (P - 1n) / 4n));
  if (mod(x * x - x2) !== 0n) return null;
  if ((x & 1n) !== BigInt(sign)) x = mod(-x);
  return { x, y };
}
function order(point: Point): number {
  let q = point;
  for (let k = 1; k <= 8; k++) {
    if (q.x === 0n && q.y === 1n) return k;
    q = add(q, point);
  }
  return Number.POSITIVE_INFINITY;
}
function encode(y: bigint, sign: 0 | 1): string {
  const bytes = Buffer.from(y.toString(16).padStart(64, "0"), "hex").reverse();
  bytes[31]! |= sign << 7;
  return bytes.toString("hex");
}

// The 8 small-order points (identity; order 2; two of order 4; four of order 8) and their
// non-canonical spellings: x = 0 with the sign bit set, and y >= p (p and p + 1 reduce to 0 and 1).
// The y values are the blocklist libsodium checks in ge25519_has_small_order.
const ORDER_8_Y = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;
const SMALL_ORDER_ENCODINGS = [0n, 1n, P - 1n, ORDER_8_Y, P - ORDER_8_Y, P, P + 1n].flatMap((y) => [
  encode(y, 0),
  encode(y, 1),
]);

const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const IDENTITY = `01${"00".repeat(31)}`;
const FORGED_SIGNATURE = `01${"00".repeat(63)}`;

describe("publicKeyIssue", () => {
  it("the list holds the well-known encodings, each a small-order point or x = 0 with a sign", () => {
    expect(SMALL_ORDER_ENCODINGS).toHaveLength(14);
    expect(SMALL_ORDER_ENCODINGS).toContain(IDENTITY);
    expect(SMALL_ORDER_ENCODINGS).toContain("00".repeat(32));
    expect(SMALL_ORDER_ENCODINGS).toContain(
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    );
    expect(SMALL_ORDER_ENCODINGS).toContain(
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    );
    const orders = SMALL_ORDER_ENCODINGS.map((hex) => {
      const point = decode(hex);
      return point === null ? null : order(point);
    });
    // Every one decodes (leniently) to a point of order 1, 2, 4 or 8.
    for (const o of orders) expect([1, 2, 4, 8]).toContain(o);
    expect(new Set(orders)).toEqual(new Set([1, 2, 4, 8]));
  });

  it("the attack works against Node's crypto on its own: the identity key verifies a forged signature", () => {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, fromHex(IDENTITY)]),
      format: "der",
      type: "spki",
    });
    expect(verify(null, Buffer.from("any message"), key, fromHex(FORGED_SIGNATURE))).toBe(true);
  });

  it.each(SMALL_ORDER_ENCODINGS)("refuses %s", (hex) => {
    expect(publicKeyIssue(hex)).toMatch(/small-order|canonical/);
    // ...so no signature checked through core ever passes with it, the forged one included.
    expect(verifyBytes(hex, authMessage("ab".repeat(32)), FORGED_SIGNATURE)).toBe(false);
  });

  it("refuses every y >= p as non-canonical", () => {
    for (let k = 0n; k <= 18n; k++)
      for (const sign of [0, 1] as const) expect(publicKeyIssue(encode(P + k, sign))).toMatch(/canonical/);
    expect(publicKeyIssue(encode(P - 2n, 0))).toBeNull();
  });

  it("refuses malformed hex", () => {
    expect(publicKeyIssue("AB".repeat(32))).toMatch(/64 lower-case hex/);
    expect(publicKeyIssue("ab")).toMatch(/64 lower-case hex/);
  });

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 })])(
    "never refuses a key made from a seed",
    (seed) => {
      expect(publicKeyIssue(keyPairFromSeed(seed).publicKey)).toBeNull();
    },
  );
});

describe("blocks by a small-order key", () => {
  const genesis = genesisBlock();
  function forged(validator: string): Block {
    const fields = {
      Index: 1,
      Timestamp: "2026-01-01T00:00:01.000Z",
      BPM: 72,
      PrevHash: genesis.Hash,
      Validator: validator,
    };
    return { ...fields, Hash: blockHash(fields), Signature: FORGED_SIGNATURE };
  }

  it.each(SMALL_ORDER_ENCODINGS)("are refused by core's block checks: %s", (hex) => {
    const block = forged(hex);
    for (const issue of [blockShapeIssue(block), checkBlock(null, block), checkBlock(genesis, block)]) {
      expect(issue?.code).toBe(ErrorCode.BadBlock);
      expect(issue?.message).toMatch(/^Validator: .*(small-order|canonical)/);
    }
    const verdict = verifyChain([genesis, block]);
    expect(verdict.ok).toBe(false);
  });
});
