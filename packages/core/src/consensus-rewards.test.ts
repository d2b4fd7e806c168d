import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { genesisBlock, signBlock } from "./block.js";
import { Consensus } from "./consensus.js";
import { ErrorCode } from "./errors.js";
import { keyPairFromSeed } from "./keys.js";
import { MAX_STAKE } from "./parse.js";
import type { BlockRecord, RewardMode } from "./record.js";
import { candidateTimestamp } from "./round-window.js";
import { rewardFor, StakeLedger } from "./stake-ledger.js";

const START = Date.parse("2026-03-01T09:00:00.000Z");
const keys = [1, 2, 3].map((i) => keyPairFromSeed(new Uint8Array(32).fill(i)));

function counterBytes() {
  let n = 0;
  return (size: number) =>
    new Uint8Array(createHash("sha256").update(`secret ${n++}`).digest().subarray(0, size));
}

/** Plays `rounds` rounds where every key submits; returns the records and the consensus. */
function play(
  rounds: number,
  reward: { amount: bigint; mode: RewardMode; cap: bigint | null } | null,
  records: BlockRecord[] = [
    {
      block: genesisBlock(new Date(START - 60_000).toISOString()),
      proof: null,
      ledger: { stakes: [], reward: null },
    },
  ],
) {
  let wall = START;
  const consensus = new Consensus(
    records,
    { now: () => wall, monotonic: () => wall, randomBytes: counterBytes() },
    1000,
    reward,
  );
  for (const k of keys) consensus.validators.join(k.publicKey, null, 100n, consensus.nextRoundToStart);
  const stored: BlockRecord[] = [consensus.genesis];
  for (let i = 0; i < rounds; i++) {
    consensus.applyPendingStakes();
    const round = consensus.startRound();
    for (const k of keys) {
      const block = signBlock(
        {
          Index: round.tipIndex + 1,
          Timestamp: candidateTimestamp(round, wall),
          BPM: 70,
          PrevHash: round.tipHash,
        },
        k,
      );
      expect(consensus.submit(round.round, block).ok).toBe(true);
    }
    wall += 1000;
    const outcome = consensus.closeRound()!;
    stored.push(outcome.record);
    consensus.accept(outcome.record);
  }
  return { consensus, stored };
}

function replay(records: readonly BlockRecord[]) {
  const ledger = new StakeLedger();
  for (const r of records) {
    const issue = ledger.check(r);
    if (issue) return { ledger, issue };
  }
  return { ledger, issue: null };
}

const stakes = (c: Consensus) => keys.map((k) => c.validators.info(k.publicKey)!);

describe("rewards", () => {
  it("compound: each win adds the reward to the winner's stake, and the next round's proof uses it", () => {
    const { consensus, stored } = play(12, { amount: 10n, mode: "compound", cap: null });
    const wins = stakes(consensus).map((v) => v.wins);
    expect(stakes(consensus).map((v) => v.stake)).toEqual(wins.map((w) => String(100 + 10 * w)));
    expect(stakes(consensus).every((v) => v.balance === undefined)).toBe(true);
    // A proof's candidate stakes are the stakes after every earlier reward.
    const last = stored.at(-1)!;
    const total = last.proof!.candidates.reduce((sum, c) => sum + BigInt(c.stake), 0n);
    expect(total).toBe(300n + 10n * 11n);
    expect(replay(stored).issue).toBeNull();
  });

  it("payout: stakes never move, the rewards pile up in a balance", () => {
    const { consensus, stored } = play(12, { amount: 10n, mode: "payout", cap: null });
    for (const v of stakes(consensus)) {
      expect(v.stake).toBe("100");
      expect(v.balance).toBe(v.wins === 0 ? undefined : String(10 * v.wins));
    }
    expect(stored.slice(1).every((r) => r.proof!.total === "300")).toBe(true);
    expect(replay(stored).issue).toBeNull();
  });

  it("compound stops at the cap and pays the rest to the balance", () => {
    const { consensus } = play(12, { amount: 10n, mode: "compound", cap: 115n });
    for (const v of stakes(consensus)) {
      if (v.wins === 0) continue;
      expect(v.stake).toBe("115");
      expect(BigInt(v.balance ?? "0")).toBe(10n * BigInt(v.wins) - 15n);
    }
  });

  it("no reward: records carry an empty ledger beyond the first declarations", () => {
    const { stored } = play(3, null);
    expect(stored[1]!.ledger!.stakes).toHaveLength(3);
    expect(stored.slice(2).every((r) => r.ledger!.stakes.length === 0 && r.ledger!.reward === null)).toBe(
      true,
    );
  });

  it("a restart rebuilds the same stakes and balances from the records alone", () => {
    const { consensus, stored } = play(10, { amount: 7n, mode: "compound", cap: 120n });
    const again = new Consensus(
      stored,
      { now: () => START, monotonic: () => 0, randomBytes: counterBytes() },
      1000,
    );
    const before = stakes(consensus).filter((v) => v.wins > 0);
    for (const v of before) {
      const after = again.validators.info(v.validator)!;
      expect([after.stake, after.balance, after.wins]).toEqual([v.stake, v.balance, v.wins]);
    }
  });

  it("a rejoin declaring the same stake keeps what rewards added; another amount replaces it", () => {
    const { consensus, stored } = play(9, { amount: 10n, mode: "compound", cap: null });
    const winner = stakes(consensus).find((v) => v.wins > 0)!;
    const grown = winner.stake;
    expect(BigInt(grown)).toBeGreaterThan(100n);
    consensus.validators.leave(winner.validator);
    expect(consensus.validators.join(winner.validator, null, 100n, 0).stake).toBe(grown);
    // After a restart too: the declaration comes from the log.
    const again = new Consensus(
      stored,
      { now: () => START, monotonic: () => 0, randomBytes: counterBytes() },
      1000,
    );
    expect(again.validators.join(winner.validator, null, 100n, 0).stake).toBe(grown);
    again.validators.leave(winner.validator);
    expect(again.validators.join(winner.validator, null, 70n, 0).stake).toBe("70");
  });
});

describe("rewardFor", () => {
  it("without a cap, compounding still stops at the protocol's 10^18 (a larger stake would not load)", () => {
    const reward = rewardFor({ amount: 10n, mode: "compound", cap: null }, MAX_STAKE - 4n, 0n);
    expect(reward).toEqual({ amount: "10", mode: "compound", stake: MAX_STAKE.toString(), balance: "6" });
  });
});

describe("StakeLedger", () => {
  it("catches an altered reward, naming its block", () => {
    const { stored } = play(6, { amount: 10n, mode: "compound", cap: null });
    const altered = structuredClone(stored);
    altered[3]!.ledger!.reward!.amount = "20";
    const { issue } = replay(altered);
    expect(issue?.code).toBe(ErrorCode.BadLedger);
    expect(issue?.message).toContain("block 3");
  });

  it("catches a stake no declaration or reward explains, even when the reward is altered consistently", () => {
    const { stored } = play(6, { amount: 10n, mode: "compound", cap: null });
    const altered = structuredClone(stored);
    const reward = altered[2]!.ledger!.reward!;
    reward.amount = "50";
    reward.stake = String(BigInt(reward.stake) + 40n);
    const winner = altered[2]!.block.Validator;
    const later = altered.findIndex(
      (r, i) => i > 2 && r.proof!.candidates.some((c) => c.validator === winner),
    );
    const { issue } = replay(altered);
    expect(issue?.code).toBe(ErrorCode.BadLedger);
    expect(issue?.message).toContain(`block ${later}:`);
    expect(issue?.message).toContain("cannot be explained");
  });

  it("trusts format 1 records and checks the format 2 ones after them", () => {
    // A log written before rewards existed, continued by a server with the ledger.
    const { stored } = play(4, null);
    const v1 = stored.slice(0, 2).map(({ block, proof }) => ({ block, proof }));
    const { ledger, issue } = replay([...v1, ...stored.slice(2)]);
    // Record 2's candidates declare nothing new; the ledger knew them from record 1's proof, on trust.
    expect(issue).toBeNull();
    expect([ledger.trustedRecords, ledger.checkedRecords]).toEqual([2, 3]);
    const backwards = replay([...stored.slice(0, 2), { block: stored[2]!.block, proof: stored[2]!.proof }]);
    expect(backwards.issue?.message).toContain("never goes back to 1");
  });

  it("refuses a payout that moved the stake", () => {
    const { stored } = play(3, { amount: 10n, mode: "payout", cap: null });
    const altered = structuredClone(stored);
    const reward = altered[1]!.ledger!.reward!;
    reward.stake = String(BigInt(reward.stake) + 10n);
    reward.balance = "0";
    expect(replay(altered).issue?.message).toContain("block 1's reward of 10 (payout) does not add up");
  });
});
