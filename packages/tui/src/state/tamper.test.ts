import { blockHash, verifyBlockSignature } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import { type ChainEntry, chainEntry } from "./dashboard-state.js";
import { tamperChain } from "./tamper.js";

const blocks = blocksInTurn(8, [testKeys(1), testKeys(2)]);
/** Blocks whose checks all passed, as the verifier would leave them. */
const chain: ChainEntry[] = blocks.map((block) =>
  chainEntry(block, null, {
    index: block.Index,
    hash: block.Hash,
    status: "verified",
    checks: [
      { id: "hash", status: "ok", message: "fine" },
      { id: "signature", status: "ok", message: "fine" },
      { id: "link", status: "ok", message: "fine" },
    ],
  }),
);
const status = (entry: { verdict: { checks: { id: string; status: string }[] } } | undefined, id: string) =>
  entry?.verdict.checks.find((c) => c.id === id)?.status;

describe("tamperChain", () => {
  it("recomputes the edited block's hash with core's hashing; its signature fails", () => {
    const tamper = tamperChain(chain, 4, 99)!;
    const edited = tamper.entries.get(4)!;
    expect(edited.block).toEqual({ ...blocks[4], BPM: 99, Hash: blockHash({ ...blocks[4]!, BPM: 99 }) });
    expect(edited.block.Hash).not.toBe(blocks[4]!.Hash);
    expect(verifyBlockSignature(edited.block)).toBe(false);
    expect(status(edited, "hash")).toBe("ok");
    expect(status(edited, "signature")).toBe("failed");
    expect(edited.verdict).toMatchObject({ index: 4, hash: edited.block.Hash, status: "failed" });
    expect(tamper.original).toBe(blocks[4]);
  });

  it("breaks the link of every later block, and touches none before it", () => {
    const tamper = tamperChain(chain, 4, 99)!;
    expect([...tamper.entries.keys()]).toEqual([4, 5, 6, 7, 8]);
    for (const later of [5, 6, 7, 8]) {
      const entry = tamper.entries.get(later)!;
      // Later blocks are the server's own, unchanged: only their standing changes.
      expect(entry.block).toBe(blocks[later]);
      expect(status(entry, "link")).toBe("failed");
      expect(entry.verdict.status).toBe("failed");
    }
    expect(tamper.entries.get(5)!.verdict.checks.find((c) => c.id === "link")?.message).toBe(
      `PrevHash ${blocks[4]!.Hash.slice(0, 8)} is block 4's old hash: block 4 now hashes to ${tamper.entries.get(4)!.block.Hash.slice(0, 8)}`,
    );
  });

  it("changes nothing when the BPM is the one the block holds, and nothing for a block not held", () => {
    const same = tamperChain(chain, 4, blocks[4]!.BPM)!;
    expect([...same.entries.keys()]).toEqual([4]);
    expect(same.entries.get(4)!.verdict.status).toBe(chain[4]!.verdict.status);
    expect(tamperChain(chain, 40, 99)).toBeNull();
  });

  it("leaves the chain it was given as it was", () => {
    const before = structuredClone(chain.map((e) => e.block));
    tamperChain(chain, 2, 123);
    expect(chain.map((e) => e.block)).toEqual(before);
  });
});
