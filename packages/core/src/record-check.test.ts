import { buildChain, fixtureKeys, nextRecord } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import { genesisBlock, signBlock } from "./block.js";
import { ErrorCode } from "./errors.js";
import type { BlockRecord } from "./record.js";
import { checkRecord } from "./record-check.js";

const keys = fixtureKeys(4, "record-check");
const chain = buildChain(5, { keys });
const prev = chain[3]!;
const good = chain[4]!;

/** A deep copy of `good` with one change applied. */
function mutate(change: (r: BlockRecord) => void): BlockRecord {
  const copy = structuredClone(good);
  change(copy);
  return copy;
}

describe("checkRecord", () => {
  it("accepts every record of a valid chain, genesis first", () => {
    expect(checkRecord(null, chain[0])).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(checkRecord(chain[i - 1]!, chain[i])).toBeNull();
  });

  it("refuses a genesis with a proof, a non-genesis first record, and non-objects", () => {
    expect(checkRecord(null, { block: genesisBlock(), proof: good.proof })?.code).toBe(ErrorCode.BadBlock);
    expect(checkRecord(null, good)?.code).toBe(ErrorCode.BadIndex);
    expect(checkRecord(null, null)?.code).toBe(ErrorCode.BadBlock);
    expect(checkRecord(prev, [good])?.code).toBe(ErrorCode.BadBlock);
    expect(checkRecord(prev, { block: good.block })?.code).toBe(ErrorCode.BadBlock);
  });

  it("refuses a block after genesis without a proof", () => {
    expect(checkRecord(prev, { block: good.block, proof: null })?.code).toBe(ErrorCode.BadLottery);
  });

  it.each([
    ["hash", (r: BlockRecord) => (r.block.BPM = r.block.BPM === 100 ? 101 : 100), ErrorCode.BadHash],
    [
      "signature",
      (r: BlockRecord) =>
        (r.block.Signature = `${r.block.Signature.slice(0, 127)}${r.block.Signature.endsWith("0") ? "1" : "0"}`),
      ErrorCode.BadSignature,
    ],
    ["link", (r: BlockRecord) => (r.block.PrevHash = "ab".repeat(32)), ErrorCode.BadLink],
    ["index", (r: BlockRecord) => (r.block.Index = 7), ErrorCode.BadIndex],
    [
      "timestamp",
      (r: BlockRecord) => (r.block.Timestamp = "2020-01-01T00:00:00.000Z"),
      ErrorCode.BadTimestamp,
    ],
    [
      "shape",
      (r: BlockRecord) => ((r.block as unknown as Record<string, unknown>).BPM = "72"),
      ErrorCode.BadBlock,
    ],
  ])("refuses a bad block %s", (_name, change, code) => {
    expect(checkRecord(prev, mutate(change))?.code).toBe(code);
  });

  it.each([
    ["reveal", (r: BlockRecord) => (r.proof!.reveal = "00".repeat(32)), /commit/],
    ["commit", (r: BlockRecord) => (r.proof!.commit = "00".repeat(32)), /commit/],
    ["ticket", (r: BlockRecord) => (r.proof!.ticket = String(BigInt(r.proof!.ticket) + 1n)), /ticket/],
    ["total", (r: BlockRecord) => (r.proof!.total = "1"), /total|ticket/],
    ["range", (r: BlockRecord) => (r.proof!.rangeEnd = String(BigInt(r.proof!.rangeEnd) + 1n)), /range/],
    ["round not increasing", (r: BlockRecord) => (r.proof!.round = prev.proof!.round), /round/],
    ["round shape", (r: BlockRecord) => (r.proof!.round = 1.5), /round/],
    ["unsorted candidates", (r: BlockRecord) => r.proof!.candidates.reverse(), /sorted/],
    [
      "duplicate candidate",
      (r: BlockRecord) => r.proof!.candidates.push(r.proof!.candidates.at(-1)!),
      /sorted/,
    ],
    ["stake", (r: BlockRecord) => (r.proof!.candidates[0]!.stake = "1e3"), /stake/],
    ["zero stake", (r: BlockRecord) => (r.proof!.candidates[0]!.stake = "0"), /stake/],
    ["huge stake", (r: BlockRecord) => (r.proof!.candidates[0]!.stake = "1000000000000000001"), /stake/],
    ["name", (r: BlockRecord) => (r.proof!.candidates[0]!.name = ""), /name/],
    ["no candidates", (r: BlockRecord) => (r.proof!.candidates = []), /candidates/],
  ])("refuses a bad lottery proof: %s", (_name, change, reason) => {
    const issue = checkRecord(prev, mutate(change));
    expect(issue?.code).toBe(ErrorCode.BadLottery);
    expect(issue?.message).toMatch(reason);
  });

  it("refuses a block signed by a candidate the draw did not pick", () => {
    const loserKey = keys.find(
      (k) =>
        k.publicKey !== good.block.Validator &&
        good.proof!.candidates.some((c) => c.validator === k.publicKey),
    )!;
    const { Index, Timestamp, BPM, PrevHash } = good.block;
    const forged = { ...good, block: signBlock({ Index, Timestamp, BPM, PrevHash }, loserKey) };
    const issue = checkRecord(prev, forged);
    expect(issue?.code).toBe(ErrorCode.BadLottery);
    expect(issue?.message).toMatch(/draw picks/);
  });

  it("checks a record built on any valid tip", () => {
    expect(checkRecord(chain[5]!, nextRecord(chain[5]!, keys))).toBeNull();
  });
});
