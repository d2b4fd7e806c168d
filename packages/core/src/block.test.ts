import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type Block,
  blockHash,
  GENESIS_TIMESTAMP,
  genesisBlock,
  shortHex,
  signBlock,
  type UnsignedFields,
  verifyBlockSignature,
} from "./block.js";
import { checkBlock } from "./chain.js";
import { ErrorCode } from "./errors.js";
import { sha256Hex } from "./hash.js";
import { keyPairFromSeed } from "./keys.js";

const alice = keyPairFromSeed(new Uint8Array(32).fill(1));
const bob = keyPairFromSeed(new Uint8Array(32).fill(2));
const PREV = sha256Hex("previous block");

function sample(): Block {
  return signBlock({ Index: 1, Timestamp: "2026-01-01T12:00:00.000Z", BPM: 72, PrevHash: PREV }, alice);
}

const UNSIGNED_KEYS = ["Index", "Timestamp", "BPM", "PrevHash", "Validator"] as const;

/** A different but still well-formed value for each field, so only the tampering itself is wrong. */
const tamperings: { [K in keyof Block]: (block: Block) => Block[K] } = {
  Index: (b) => b.Index + 1,
  Timestamp: () => "2026-01-01T12:00:01.000Z",
  BPM: (b) => b.BPM + 1,
  PrevHash: () => sha256Hex("another block"),
  Validator: () => bob.publicKey,
  Hash: () => sha256Hex("another hash"),
  Signature: (b) => `${b.Signature.slice(0, -1)}${b.Signature.endsWith("0") ? "1" : "0"}`,
};

describe("blockHash", () => {
  it("covers every field but Signature", () => {
    const block = sample();
    for (const key of UNSIGNED_KEYS) {
      const changed = { ...block, [key]: tamperings[key](block) };
      expect(blockHash(changed), key).not.toBe(blockHash(block));
    }
    const resignedBlock: Block = { ...block, Signature: "00".repeat(64) };
    const rehashedBlock: Block = { ...block, Hash: "ff".repeat(32) };
    expect(blockHash(resignedBlock)).toBe(blockHash(block));
    expect(blockHash(rehashedBlock)).toBe(blockHash(block));
  });

  it("is sha256 over the JSON of the fields in a fixed order", () => {
    const fields: UnsignedFields = { Index: 3, Timestamp: "t", BPM: 60, PrevHash: "p", Validator: "v" };
    expect(blockHash(fields)).toBe(sha256Hex('[3,"t",60,"p","v"]'));
    // Key order in the object does not matter.
    expect(blockHash({ Validator: "v", PrevHash: "p", BPM: 60, Timestamp: "t", Index: 3 })).toBe(
      blockHash(fields),
    );
  });

  it("tells apart the tutorial's colliding concatenations", () => {
    const base = { BPM: 70, PrevHash: PREV, Validator: alice.publicKey };
    const a = { ...base, Index: 1, Timestamp: "23" };
    const b = { ...base, Index: 12, Timestamp: "3" };
    expect(`${a.Index}${a.Timestamp}`).toBe(`${b.Index}${b.Timestamp}`);
    expect(blockHash(a)).not.toBe(blockHash(b));
  });
});

// Strings full of the characters an encoding must escape or separate: quotes, commas, brackets,
// backslashes, digits, and any unicode (lone surrogates included).
const trickyString = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ",", "[", "]", "\\", "1", "2", "a", "\u0000", "\n") }),
  fc.string({ unit: "binary" }),
  fc.string(),
);
const fieldsArb: fc.Arbitrary<UnsignedFields> = fc.record({
  Index: fc.maxSafeNat(),
  Timestamp: trickyString,
  BPM: fc.integer(),
  PrevHash: trickyString,
  Validator: trickyString,
});
const naive = (f: UnsignedFields) => `${f.Index}${f.Timestamp}${f.BPM}${f.PrevHash}${f.Validator}`;
const sameFields = (a: UnsignedFields, b: UnsignedFields) => UNSIGNED_KEYS.every((k) => a[k] === b[k]);

describe("blockHash is injective across field boundaries", () => {
  test.prop([fieldsArb, fieldsArb])("different field tuples hash differently", (a, b) => {
    fc.pre(!sameFields(a, b));
    expect(blockHash(a)).not.toBe(blockHash(b));
  });

  // Shift digits from the start of Timestamp onto the end of Index: "1"+"23..." vs "12"+"3...".
  test.prop([fieldsArb, fc.integer({ min: 1, max: 99_999 }), fc.stringMatching(/^[0-9]{1,5}$/)])(
    "Index / Timestamp boundary shift",
    (base, index, moved) => {
      const a = { ...base, Index: index, Timestamp: moved + base.Timestamp };
      const b = { ...base, Index: Number(`${index}${moved}`), Timestamp: base.Timestamp };
      expect(naive(a)).toBe(naive(b));
      expect(blockHash(a)).not.toBe(blockHash(b));
    },
  );

  // Timestamp / BPM: "...Z1" + 2 vs "...Z" + 12.
  test.prop([fieldsArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 99 })])(
    "Timestamp / BPM boundary shift",
    (base, digit, bpm) => {
      const a = { ...base, Timestamp: `${base.Timestamp}${digit}`, BPM: bpm };
      const b = { ...base, BPM: Number(`${digit}${bpm}`) };
      expect(naive(a)).toBe(naive(b));
      expect(blockHash(a)).not.toBe(blockHash(b));
    },
  );

  // BPM / PrevHash: 7 + "2ab" vs 72 + "ab".
  test.prop([fieldsArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 9 })])(
    "BPM / PrevHash boundary shift",
    (base, bpm, digit) => {
      const a = { ...base, BPM: bpm, PrevHash: `${digit}${base.PrevHash}` };
      const b = { ...base, BPM: Number(`${bpm}${digit}`) };
      expect(naive(a)).toBe(naive(b));
      expect(blockHash(a)).not.toBe(blockHash(b));
    },
  );

  // PrevHash / Validator: move a cut point anywhere inside their concatenation.
  test.prop([fieldsArb, fc.nat(), fc.nat()])("PrevHash / Validator boundary shift", (base, i, j) => {
    const joined = base.PrevHash + base.Validator;
    const cutA = i % (joined.length + 1);
    const cutB = j % (joined.length + 1);
    fc.pre(cutA !== cutB);
    const a = { ...base, PrevHash: joined.slice(0, cutA), Validator: joined.slice(cutA) };
    const b = { ...base, PrevHash: joined.slice(0, cutB), Validator: joined.slice(cutB) };
    expect(naive(a)).toBe(naive(b));
    expect(blockHash(a)).not.toBe(blockHash(b));
  });

  // A string that embeds the JSON separator must not read as two fields.
  it("does not confuse a quote-comma inside PrevHash with the separator", () => {
    const base = { Index: 1, Timestamp: "t", BPM: 1 };
    const a = { ...base, PrevHash: 'x","y', Validator: "" };
    const b = { ...base, PrevHash: "x", Validator: "y" };
    expect(blockHash(a)).not.toBe(blockHash(b));
  });
});

describe("signBlock / verifyBlockSignature", () => {
  it("round-trips: the Validator is the signer's key and the signature verifies", () => {
    const block = sample();
    expect(block.Validator).toBe(alice.publicKey);
    expect(block.Hash).toBe(blockHash(block));
    expect(block.Signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyBlockSignature(block)).toBe(true);
    expect(checkBlock(null, block)).toBeNull();
  });

  it("keeps the fields it was given", () => {
    const block = sample();
    expect(block).toMatchObject({ Index: 1, Timestamp: "2026-01-01T12:00:00.000Z", BPM: 72, PrevHash: PREV });
    expect(Object.keys(block).sort()).toEqual(
      ["BPM", "Hash", "Index", "PrevHash", "Signature", "Timestamp", "Validator"].sort(),
    );
  });

  it("breaks when any single field is tampered with", () => {
    const block = sample();
    for (const key of Object.keys(tamperings) as (keyof Block)[]) {
      const tampered = { ...block, [key]: tamperings[key](block) } as Block;
      expect(checkBlock(null, tampered), key).not.toBeNull();
    }
  });

  it("breaks when a field is tampered with and the hash recomputed (only the signer can re-sign)", () => {
    const block = sample();
    for (const key of UNSIGNED_KEYS) {
      const tampered = { ...block, [key]: tamperings[key](block) } as Block;
      tampered.Hash = blockHash(tampered);
      expect(verifyBlockSignature(tampered), key).toBe(false);
      expect(checkBlock(null, tampered)?.code, key).toBe(ErrorCode.BadSignature);
    }
  });

  it("names the tampered field's failure: a stale hash is BAD_HASH, a bad signature BAD_SIGNATURE", () => {
    const block = sample();
    expect(checkBlock(null, { ...block, BPM: 73 })?.code).toBe(ErrorCode.BadHash);
    expect(checkBlock(null, { ...block, Signature: tamperings.Signature(block) })?.code).toBe(
      ErrorCode.BadSignature,
    );
    expect(checkBlock(null, { ...block, Signature: bob.publicKey.repeat(2) })?.code).toBe(
      ErrorCode.BadSignature,
    );
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 15 })])(
    "flipping any hex digit of Hash or Signature breaks verification",
    (position, xor) => {
      const block = sample();
      const flip = (hex: string) => {
        const at = position % hex.length;
        const digit = (Number.parseInt(hex[at]!, 16) ^ xor).toString(16);
        return hex.slice(0, at) + digit + hex.slice(at + 1);
      };
      expect(verifyBlockSignature({ ...block, Signature: flip(block.Signature) })).toBe(false);
      expect(checkBlock(null, { ...block, Hash: flip(block.Hash) })).not.toBeNull();
    },
  );
});

describe("genesisBlock", () => {
  it("has Index 0, BPM 0, empty PrevHash, Validator and Signature, and a hash of its fields", () => {
    const genesis = genesisBlock();
    expect(genesis).toEqual({
      Index: 0,
      Timestamp: GENESIS_TIMESTAMP,
      BPM: 0,
      PrevHash: "",
      Validator: "",
      Hash: blockHash({ Index: 0, Timestamp: GENESIS_TIMESTAMP, BPM: 0, PrevHash: "", Validator: "" }),
      Signature: "",
    });
    expect(genesis.Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkBlock(null, genesis)).toBeNull();
  });

  it("records the birth time it is given, which changes its hash", () => {
    const born = genesisBlock("2026-01-01T00:00:00.000Z");
    expect(born.Timestamp).toBe("2026-01-01T00:00:00.000Z");
    expect(born.Hash).not.toBe(genesisBlock().Hash);
    expect(checkBlock(null, born)).toBeNull();
    expect(genesisBlock()).toEqual(genesisBlock());
  });
});

describe("shortHex", () => {
  it("keeps the first 8 characters", () => {
    expect(shortHex(alice.publicKey)).toBe(alice.publicKey.slice(0, 8));
    expect(shortHex("abc")).toBe("abc");
  });
});
