import { type Block, blockHash, commitFor, draw, lotterySeed, sha256Hex, signBlock } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { proofMessageOf } from "@pos-tui/testkit/proof-message";
import { describe, expect, it } from "vitest";
import { auditBlock, auditGenesis } from "./audit-block.js";

const keys = fixtureKeys(4);
const chain = buildChain(6, { keys });

const prev = chain[2]!.block;
const record = chain[3]!;
const block = record.block;
const proof = proofMessageOf(record);

/** The block with `fields` changed and its Hash recomputed (still signed for the old hash). */
function rehashed(fields: Partial<Block>): Block {
  const changed = { ...block, ...fields };
  return { ...changed, Hash: blockHash(changed) };
}

/** A secret whose draw over the round's candidates picks someone other than the block's winner. */
function secretForAnotherWinner(): string {
  for (let i = 0; ; i++) {
    const reveal = sha256Hex(`another-secret-${i}`);
    const result = draw(
      proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
      lotterySeed(reveal, block.PrevHash, proof.round),
    );
    if (result !== null && result.winner !== block.Validator) return reveal;
  }
}

describe("auditBlock", () => {
  it("passes every block of an honest chain, and its genesis", () => {
    expect(auditGenesis(chain[0]!.block)).toBeNull();
    for (let i = 1; i < chain.length; i++)
      expect(
        auditBlock(chain[i - 1]!.block, chain[i]!.block, proofMessageOf(chain[i]!)),
        `block ${i}`,
      ).toBeNull();
  });

  it("hash: a BPM changed after the block was hashed", () => {
    expect(auditBlock(prev, { ...block, BPM: block.BPM + 1 }, proof)).toMatchObject({
      index: 3,
      check: "hash",
    });
  });

  it("hash: a block that is not well-formed (BPM out of range)", () => {
    expect(auditBlock(prev, rehashed({ BPM: 999 }), proof)).toMatchObject({ index: 3, check: "hash" });
  });

  it("signature: a BPM changed and rehashed, but not signed by the Validator", () => {
    expect(auditBlock(prev, rehashed({ BPM: block.BPM + 1 }), proof)).toMatchObject({ check: "signature" });
  });

  it("signature: another block's signature on this one", () => {
    const forged = { ...block, Signature: chain[4]!.block.Signature };
    expect(auditBlock(prev, forged, proof)).toMatchObject({ index: 3, check: "signature" });
  });

  it("index, link and time against the block before", () => {
    expect(auditBlock(chain[1]!.block, block, proof)).toMatchObject({ check: "index" });
    const elsewhere = { ...prev, Hash: sha256Hex("another block") };
    expect(auditBlock(elsewhere, block, proof)).toMatchObject({ check: "link" });
    const later = { ...prev, Timestamp: new Date(Date.parse(block.Timestamp) + 1000).toISOString() };
    expect(auditBlock(later, block, proof)).toMatchObject({ check: "time" });
    const owner = keys.find((k) => k.publicKey === block.Validator)!;
    const early = signBlock(
      {
        Index: 3,
        Timestamp: new Date(Date.parse(prev.Timestamp) - 1).toISOString(),
        BPM: 70,
        PrevHash: prev.Hash,
      },
      owner,
    );
    expect(auditBlock(prev, early, proof)).toMatchObject({ index: 3, check: "time" });
  });

  it("a proof of another block cannot pass for this one", () => {
    expect(auditBlock(prev, block, proofMessageOf(chain[4]!))).toMatchObject({ check: "index" });
    expect(auditBlock(prev, block, { ...proof, prevHash: chain[1]!.block.Hash })).toMatchObject({
      check: "range",
    });
    const other = keys.find((k) => k.publicKey !== block.Validator)!.publicKey;
    expect(auditBlock(prev, block, { ...proof, winner: other })).toMatchObject({ check: "range" });
  });

  it("reveal: a reveal that does not hash to the commit", () => {
    const failure = auditBlock(prev, block, { ...proof, reveal: sha256Hex("not the secret") });
    expect(failure).toMatchObject({ index: 3, check: "reveal" });
    expect(failure!.message).toContain(proof.commit.slice(0, 8));
  });

  it("range: a commit and reveal replaced by another consistent pair draw another winner", () => {
    const reveal = secretForAnotherWinner();
    const failure = auditBlock(prev, block, { ...proof, reveal, commit: commitFor(reveal) });
    expect(failure).toMatchObject({ index: 3, check: "range" });
    expect(failure!.message).toMatch(/the draw picks [0-9a-f]{8}, not the claimed/);
  });

  it("range: a candidate shrunk so far that the ticket leaves the winner's range, or listed twice", () => {
    // From outside only the draw shows a changed list (inclusion is each candidate's own live check):
    // shrinking a loser moves every range after it and the total, so some stake moves the ticket out.
    const loser = proof.candidates.find((c) => c.validator !== block.Validator)!;
    const shrunk = (stake: number) => ({
      ...proof,
      candidates: proof.candidates.map((c) => (c === loser ? { ...c, stake: String(stake) } : c)),
    });
    const caught = Array.from({ length: 200 }, (_, i) => i + 1).find(
      (stake) => auditBlock(prev, block, shrunk(stake)) !== null,
    );
    expect(caught).toBeDefined();
    expect(auditBlock(prev, block, shrunk(caught!))).toMatchObject({ index: 3, check: "range" });
    const twice = { ...proof, candidates: [...proof.candidates, proof.candidates[0]!] };
    expect(auditBlock(prev, block, twice)).toMatchObject({ check: "range" });
  });

  it("range: a proof whose root is not the root of its own list", () => {
    const root = { hash: sha256Hex("another list"), total: "100", count: proof.candidates.length };
    expect(auditBlock(prev, block, { ...proof, root })).toMatchObject({ index: 3, check: "range" });
  });

  it("genesis must be Index 0 with its own hash", () => {
    const genesis = chain[0]!.block;
    expect(auditGenesis({ ...genesis, Index: 1 })).toMatchObject({ index: 1, check: "index" });
    expect(auditGenesis({ ...genesis, Timestamp: "2020-01-01T00:00:00.000Z" })).toMatchObject({
      index: 0,
      check: "hash",
    });
  });
});
