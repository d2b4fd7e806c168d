import { Consensus, checkRecord, keyPairFromSeed, StakeLedger } from "@pos-tui/core";
import { counterBytes, playedRound } from "@pos-tui/testkit/played-round";
import { describe, expect, it } from "vitest";
import { forkChain } from "./fork-chain.js";

describe("forkChain (--adversary rewrite)", () => {
  const forger = keyPairFromSeed(new Uint8Array(32).fill(99));

  function chainOf(blocks: number) {
    const { outcome, records } = playedRound([100n, 50n], { rounds: blocks });
    return [...records, outcome.record];
  }

  it("replaces the newest blocks with a longer run by its own key, valid record by record", () => {
    const chain = chainOf(4);
    const { records: forked, from } = forkChain(chain, {
      depth: 2,
      keys: forger,
      firstRound: 10,
      randomBytes: counterBytes("fork"),
    });

    expect(from).toBe(3);
    expect(forked).toHaveLength(chain.length + 1);
    expect(forked.slice(0, from)).toEqual(chain.slice(0, from));
    const added = forked.slice(from);
    for (const record of added) {
      expect(record.block.Validator).toBe(forger.publicKey);
      expect(record.proof!.round).toBeGreaterThanOrEqual(10);
    }
    expect(added[0]!.block.Hash).not.toBe(chain[from]!.block.Hash);
    // Valid through and through: the checks a server runs on its own log find nothing.
    const ledger = new StakeLedger();
    forked.forEach((record, i) => {
      expect(checkRecord(i === 0 ? null : forked[i - 1]!, record)).toBeNull();
      expect(ledger.check(record)).toBeNull();
    });
    const restarted = new Consensus(
      forked,
      { now: Date.now, monotonic: Date.now, randomBytes: counterBytes() },
      1000,
    );
    expect(restarted.tip).toEqual(forked.at(-1)!.block);
  });

  it("never replaces genesis", () => {
    const chain = chainOf(1);
    const { records: forked, from } = forkChain(chain, {
      depth: 2,
      keys: forger,
      firstRound: 2,
      randomBytes: counterBytes("fork"),
    });
    expect(from).toBe(1);
    expect(forked[0]).toEqual(chain[0]);
    expect(forked).toHaveLength(3);
  });
});
