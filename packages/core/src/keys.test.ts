import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { blockHash, signBlock } from "./block.js";
import { sha256Hex } from "./hash.js";
import { fromHex, toHex } from "./hex.js";
import { authMessage, keyPairFromSeed, signBytes, verifyBytes } from "./keys.js";

// RFC 8032, section 7.1, TEST 1 (empty message).
const RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC_SIGNATURE =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("keyPairFromSeed", () => {
  it("matches the RFC 8032 test vector", () => {
    const keys = keyPairFromSeed(fromHex(RFC_SEED));
    expect(keys.publicKey).toBe(RFC_PUBLIC);
    expect(keys.seed).toBe(RFC_SEED);
    expect(signBytes(keys.privateKey, new Uint8Array(0))).toBe(RFC_SIGNATURE);
    expect(verifyBytes(RFC_PUBLIC, new Uint8Array(0), RFC_SIGNATURE)).toBe(true);
  });

  test.prop([seedArb])("is deterministic: the same seed gives the same pair", (seed) => {
    const a = keyPairFromSeed(seed);
    const b = keyPairFromSeed(Uint8Array.from(seed));
    expect(a.publicKey).toBe(b.publicKey);
    expect(a.seed).toBe(toHex(seed));
    expect(a.publicKey).toMatch(/^[0-9a-f]{64}$/);
    // ed25519 signatures are deterministic too.
    const message = new TextEncoder().encode("hello");
    expect(signBytes(a.privateKey, message)).toBe(signBytes(b.privateKey, message));
    // The saved seed rebuilds the same pair.
    expect(keyPairFromSeed(fromHex(a.seed)).publicKey).toBe(a.publicKey);
  });

  test.prop([seedArb, seedArb])("different seeds give different keys", (a, b) => {
    fc.pre(toHex(a) !== toHex(b));
    expect(keyPairFromSeed(a).publicKey).not.toBe(keyPairFromSeed(b).publicKey);
  });

  it("refuses a seed that is not 32 bytes", () => {
    expect(() => keyPairFromSeed(new Uint8Array(31))).toThrow(RangeError);
    expect(() => keyPairFromSeed(new Uint8Array(33))).toThrow(RangeError);
    expect(() => keyPairFromSeed(new Uint8Array(0))).toThrow(RangeError);
  });

  it("works on a seed that is a view into a larger buffer", () => {
    const backing = new Uint8Array(64).fill(7);
    backing.set(fromHex(RFC_SEED), 16);
    expect(keyPairFromSeed(backing.subarray(16, 48)).publicKey).toBe(RFC_PUBLIC);
  });
});

describe("signBytes / verifyBytes", () => {
  const keys = keyPairFromSeed(new Uint8Array(32).fill(9));
  const other = keyPairFromSeed(new Uint8Array(32).fill(10));

  test.prop([fc.uint8Array({ maxLength: 256 })])(
    "a signature verifies for its message and key only",
    (msg) => {
      const signature = signBytes(keys.privateKey, msg);
      expect(signature).toMatch(/^[0-9a-f]{128}$/);
      expect(verifyBytes(keys.publicKey, msg, signature)).toBe(true);
      expect(verifyBytes(other.publicKey, msg, signature)).toBe(false);
      const longer = new Uint8Array(msg.length + 1);
      longer.set(msg);
      expect(verifyBytes(keys.publicKey, longer, signature)).toBe(false);
    },
  );

  it("refuses upper-case spellings of a valid key or signature (one key, one spelling)", () => {
    const msg = new Uint8Array([1, 2, 3]);
    const signature = signBytes(keys.privateKey, msg);
    expect(verifyBytes(keys.publicKey.toUpperCase(), msg, signature)).toBe(false);
    expect(verifyBytes(keys.publicKey, msg, signature.toUpperCase())).toBe(false);
  });

  const garbageString = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.stringMatching(/^[0-9a-f]{64}$/),
    fc.stringMatching(/^[0-9a-f]{128}$/),
    fc.stringMatching(/^[0-9a-fA-F]{0,130}$/),
    fc.constantFrom("", "00".repeat(32), "ff".repeat(32), "00".repeat(64), "ff".repeat(64)),
  );

  test.prop([garbageString, fc.uint8Array({ maxLength: 64 }), garbageString])(
    "never throws on garbage and answers false",
    (publicKey, msg, signature) => {
      expect(verifyBytes(publicKey, msg, signature)).toBe(false);
    },
  );

  test.prop([fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{128}$/)])(
    "random 64-hex keys (many are not curve points) with random signatures are simply invalid",
    (publicKey, signature) => {
      expect(verifyBytes(publicKey, new Uint8Array([0]), signature)).toBe(false);
    },
  );
});

describe("authMessage", () => {
  const keys = keyPairFromSeed(new Uint8Array(32).fill(3));

  it("is prefixed with a domain tag", () => {
    const nonce = "ab".repeat(32);
    expect(new TextDecoder().decode(authMessage(nonce))).toBe(`pos-tui auth v1:${nonce}`);
  });

  test.prop([fc.stringMatching(/^[0-9a-f]{64}$/)])(
    "a signed login nonce is never a valid signature of the same bytes as a block hash",
    (nonce) => {
      const signature = signBytes(keys.privateKey, authMessage(nonce));
      expect(verifyBytes(keys.publicKey, authMessage(nonce), signature)).toBe(true);
      // A server that sends a block hash as the "nonce" gets nothing it can attach to a block.
      expect(verifyBytes(keys.publicKey, fromHex(nonce), signature)).toBe(false);
      expect(verifyBytes(keys.publicKey, new TextEncoder().encode(nonce), signature)).toBe(false);
    },
  );

  it("cannot be replayed as the signature of a real block", () => {
    const block = signBlock(
      { Index: 1, Timestamp: "2026-01-01T00:00:00.000Z", BPM: 60, PrevHash: sha256Hex("p") },
      keys,
    );
    const loginSignature = signBytes(keys.privateKey, authMessage(block.Hash));
    expect(loginSignature).not.toBe(block.Signature);
    expect(verifyBytes(block.Validator, fromHex(blockHash(block)), loginSignature)).toBe(false);
  });

  test.prop([fc.string(), fc.string()])("different nonces give different messages", (a, b) => {
    fc.pre(a !== b);
    expect(toHex(authMessage(a))).not.toBe(toHex(authMessage(b)));
  });
});
