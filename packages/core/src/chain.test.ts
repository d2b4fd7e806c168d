import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Block, blockHash, genesisBlock, signBlock } from "./block.js";
import { blockShapeIssue, checkBlock, verifyChain } from "./chain.js";
import { ErrorCode } from "./errors.js";
import { keyPairFromSeed } from "./keys.js";

const alice = keyPairFromSeed(new Uint8Array(32).fill(1));
const bob = keyPairFromSeed(new Uint8Array(32).fill(2));

const time = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();

function buildChain(length: number): Block[] {
  const chain = [genesisBlock()];
  for (let i = 1; i < length; i++) {
    const prev = chain[i - 1]!;
    const keys = i % 2 ? alice : bob;
    chain.push(signBlock({ Index: i, Timestamp: time(i), BPM: 60 + i, PrevHash: prev.Hash }, keys));
  }
  return chain;
}

/** A block with the given fields changed, hashed and signed properly: only the change is wrong. */
function resigned(block: Block, change: Partial<Omit<Block, "Hash" | "Signature" | "Validator">>): Block {
  const keys = block.Validator === alice.publicKey ? alice : bob;
  return signBlock(
    {
      Index: change.Index ?? block.Index,
      Timestamp: change.Timestamp ?? block.Timestamp,
      BPM: change.BPM ?? block.BPM,
      PrevHash: change.PrevHash ?? block.PrevHash,
    },
    keys,
  );
}

const chain = buildChain(4);
const [genesis, b1, b2, b3] = chain as [Block, Block, Block, Block];

describe("checkBlock", () => {
  it("accepts each block of a well-built chain after its predecessor", () => {
    expect(checkBlock(genesis, b1)).toBeNull();
    expect(checkBlock(b1, b2)).toBeNull();
    expect(checkBlock(b2, b3)).toBeNull();
  });

  it("BAD_INDEX: a skipped or repeated index", () => {
    const skipped = resigned(b2, { Index: 3 });
    expect(checkBlock(b1, skipped)).toMatchObject({ code: ErrorCode.BadIndex });
    expect(checkBlock(b1, skipped)?.message).toContain("Index must be 2, got 3");
    expect(checkBlock(b1, resigned(b2, { Index: 1 }))?.code).toBe(ErrorCode.BadIndex);
    // A block that claims to be a second genesis.
    expect(checkBlock(b1, genesisBlock(time(5)))?.code).toBe(ErrorCode.BadIndex);
  });

  it("BAD_LINK: PrevHash is not the previous block's hash", () => {
    const forked = resigned(b2, { PrevHash: genesis.Hash });
    expect(checkBlock(b1, forked)).toMatchObject({ code: ErrorCode.BadLink });
    expect(checkBlock(b1, forked)?.message).toContain(b1.Hash);
  });

  it("BAD_HASH: a field changed after hashing", () => {
    const issue = checkBlock(b1, { ...b2, BPM: b2.BPM + 1 });
    expect(issue?.code).toBe(ErrorCode.BadHash);
    expect(issue?.message).toContain(blockHash({ ...b2, BPM: b2.BPM + 1 }));
  });

  it("BAD_SIGNATURE: the hash is right but the signature is not the Validator's", () => {
    const stolen = { ...b2, Validator: alice.publicKey };
    stolen.Hash = blockHash(stolen);
    expect(checkBlock(b1, stolen)?.code).toBe(ErrorCode.BadSignature);
    expect(checkBlock(b1, { ...b2, Signature: b1.Signature })?.code).toBe(ErrorCode.BadSignature);
  });

  it("BAD_TIMESTAMP: earlier than the previous block, or not ISO 8601 UTC", () => {
    expect(checkBlock(b1, resigned(b2, { Timestamp: time(0) }))?.code).toBe(ErrorCode.BadTimestamp);
    // The same instant as the previous block is allowed.
    expect(checkBlock(b1, resigned(b2, { Timestamp: b1.Timestamp }))).toBeNull();
    for (const Timestamp of [
      "2026-01-01 12:00:02",
      "2026-01-01T12:00:02+01:00",
      "yesterday",
      "",
      "2026-13-45T99:99:99Z",
    ]) {
      expect(checkBlock(b1, resigned(b2, { Timestamp }))?.code, Timestamp).toBe(ErrorCode.BadTimestamp);
    }
  });

  it("BAD_BLOCK: a malformed block", () => {
    const cases: unknown[] = [
      null,
      42,
      "block",
      [],
      { ...b2, Index: -1 },
      { ...b2, Index: 1.5 },
      { ...b2, Index: "2" },
      { ...b2, BPM: 0 },
      { ...b2, BPM: 301 },
      { ...b2, BPM: "72" },
      { ...b2, PrevHash: b1.Hash.toUpperCase() },
      { ...b2, Validator: "" },
      { ...b2, Validator: alice.publicKey.slice(2) },
      { ...b2, Hash: 12 },
      { ...b2, Signature: undefined },
      { ...b2, Signature: "" },
      { Index: 0, Timestamp: time(0), BPM: 1, PrevHash: "", Validator: "", Hash: "", Signature: "" },
    ];
    for (const next of cases) {
      expect(checkBlock(b1, next as Block)?.code, JSON.stringify(next)).toBe(ErrorCode.BadBlock);
    }
  });
});

describe("verifyChain", () => {
  it("accepts a good chain and reports its length", () => {
    expect(verifyChain(chain)).toEqual({ ok: true, length: 4 });
    expect(verifyChain([genesis])).toEqual({ ok: true, length: 1 });
  });

  it("reports an empty chain as BAD_BLOCK at 0", () => {
    expect(verifyChain([])).toMatchObject({ ok: false, index: 0, issue: { code: ErrorCode.BadBlock } });
  });

  it("reports a first block that is not a genesis as BAD_INDEX at 0", () => {
    expect(verifyChain([b1, b2])).toMatchObject({ ok: false, index: 0, issue: { code: ErrorCode.BadIndex } });
  });

  it("reports a tampered genesis", () => {
    expect(verifyChain([{ ...genesis, BPM: 1 }, b1])).toMatchObject({
      ok: false,
      index: 0,
      issue: { code: ErrorCode.BadBlock },
    });
    expect(verifyChain([{ ...genesis, Timestamp: time(9) }, b1])).toMatchObject({
      ok: false,
      index: 0,
      issue: { code: ErrorCode.BadHash },
    });
  });

  const cases: [string, (blocks: Block[]) => void, ErrorCode][] = [
    ["BAD_INDEX", (c) => (c[2] = resigned(c[2]!, { Index: 5 })), ErrorCode.BadIndex],
    ["BAD_LINK", (c) => (c[2] = resigned(c[2]!, { PrevHash: c[0]!.Hash })), ErrorCode.BadLink],
    ["BAD_HASH", (c) => (c[2] = { ...c[2]!, BPM: 99 }), ErrorCode.BadHash],
    ["BAD_SIGNATURE", (c) => (c[2] = { ...c[2]!, Signature: c[1]!.Signature }), ErrorCode.BadSignature],
    ["BAD_TIMESTAMP", (c) => (c[2] = resigned(c[2]!, { Timestamp: time(0) })), ErrorCode.BadTimestamp],
    ["BAD_BLOCK", (c) => (c[2] = { ...c[2]!, BPM: 0 }), ErrorCode.BadBlock],
  ];
  for (const [name, corrupt, code] of cases) {
    it(`reports ${name} with the position of the first bad block`, () => {
      const blocks = [...chain];
      corrupt(blocks);
      expect(verifyChain(blocks)).toMatchObject({ ok: false, index: 2, issue: { code } });
    });
  }

  it("a changed block breaks the link of the one after it even when it is re-signed", () => {
    const blocks = [...chain];
    blocks[1] = resigned(b1, { BPM: 100 });
    expect(verifyChain(blocks)).toMatchObject({ ok: false, index: 2, issue: { code: ErrorCode.BadLink } });
  });
});

describe("never throws on junk", () => {
  const junk = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  });
  // Objects with the right keys but junk values get much further into the checks than pure junk.
  const blockish = fc.record(
    {
      Index: fc.oneof(fc.nat(5), junk),
      Timestamp: fc.oneof(fc.constant(time(3)), junk),
      BPM: fc.oneof(fc.integer({ min: 0, max: 301 }), junk),
      PrevHash: fc.oneof(fc.constantFrom(genesis.Hash, b1.Hash, ""), junk),
      Validator: fc.oneof(fc.constantFrom(alice.publicKey, ""), junk),
      Hash: fc.oneof(fc.constantFrom(b2.Hash, ""), junk),
      Signature: fc.oneof(fc.constantFrom(b2.Signature, ""), junk),
    },
    { requiredKeys: [] },
  );
  const anyBlock = fc.oneof(junk, blockish, fc.constantFrom<unknown>(...chain));

  test.prop([anyBlock])("blockShapeIssue and checkBlock", (block) => {
    expect(() => blockShapeIssue(block)).not.toThrow();
    const issue = checkBlock(null, block as Block);
    if (issue !== null) expect(Object.values(ErrorCode)).toContain(issue.code);
  });

  it("checkBlock reports a malformed previous block instead of throwing", () => {
    for (const prev of [undefined, 5, {}, { Index: Object.create(null) }, { ...b1, Timestamp: {} }]) {
      expect(checkBlock(prev as Block, b2)?.code).toBe(ErrorCode.BadBlock);
    }
    // null is no previous block: the block is checked on its own.
    expect(checkBlock(null, b2)).toBeNull();
    expect(checkBlock({ ...b1, Timestamp: Object.create(null) }, b2)?.message).toContain("previous block");
  });

  test.prop([anyBlock, anyBlock])("checkBlock", (prev, next) => {
    const issue = checkBlock(prev as Block, next as Block);
    if (issue !== null) {
      expect(Object.values(ErrorCode)).toContain(issue.code);
      expect(typeof issue.message).toBe("string");
    }
  });

  test.prop([fc.array(anyBlock, { maxLength: 6 }), fc.nat(4)])("verifyChain", (tail, keep) => {
    const verdict = verifyChain([...chain.slice(0, keep), ...tail] as Block[]);
    if (!verdict.ok) expect(Object.values(ErrorCode)).toContain(verdict.issue.code);
  });

  test.prop([fc.array(junk, { maxLength: 4 })])("verifyChain on pure junk", (blocks) => {
    const verdict = verifyChain(blocks as Block[]);
    // Nothing fc.anything() makes is a valid genesis block.
    expect(verdict.ok).toBe(false);
  });
});
