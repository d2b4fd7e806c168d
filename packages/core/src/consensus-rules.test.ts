import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { genesisBlock, signBlock } from "./block.js";
import { Consensus } from "./consensus.js";
import { ErrorCode, type PosError } from "./errors.js";
import { keyPairFromSeed } from "./keys.js";
import type { BlockRecord } from "./record.js";
import { checkRecord } from "./record-check.js";
import { candidateTimestamp } from "./round-window.js";
import { RuleLedger } from "./rule-ledger.js";
import type { RuleName } from "./rules/rule.js";

const ROUND_MS = 1000;
const START = Date.parse("2026-03-01T09:00:00.000Z");
const keys = [1, 2, 3].map((i) => keyPairFromSeed(new Uint8Array(32).fill(i)));

function counterBytes() {
  let n = 0;
  return (size: number) =>
    new Uint8Array(createHash("sha256").update(`rule secret ${n++}`).digest().subarray(0, size));
}

/**
 * Plays `rounds` rounds under `rule` with every key a candidate each round (stakes 1, 2, 3 by default),
 * from `records` (a new chain when absent); returns the records and the refusals.
 */
function play(
  rule: RuleName,
  rounds: number,
  { records, stakes = [1n, 2n, 3n] }: { records?: readonly BlockRecord[]; stakes?: bigint[] } = {},
) {
  let wall = Date.parse(records?.at(-1)?.block.Timestamp ?? new Date(START).toISOString()) + ROUND_MS;
  const refused: PosError[] = [];
  const stored: BlockRecord[] = records
    ? [...records]
    : [{ block: genesisBlock(new Date(START - 60_000).toISOString()), proof: null }];
  const consensus = new Consensus(
    stored,
    {
      now: () => wall,
      monotonic: () => wall,
      randomBytes: counterBytes(),
      roundRefused: (_round, error) => refused.push(error),
    },
    ROUND_MS,
    null,
    rule,
  );
  for (const [i, k] of keys.entries())
    consensus.validators.join(k.publicKey, null, stakes[i]!, consensus.nextRoundToStart);
  for (let i = 0; i < rounds; i++) {
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
    wall += ROUND_MS;
    const outcome = consensus.closeRound();
    if (outcome) {
      consensus.accept(outcome.record);
      stored.push(outcome.record);
    }
  }
  return { records: stored, refused };
}

/** Every record through checkRecord and one RuleLedger, as a start and `verify` do; the first issue. */
function replay(records: readonly BlockRecord[]) {
  const rules = new RuleLedger();
  for (const [i, record] of records.entries()) {
    const issue = checkRecord(i === 0 ? null : records[i - 1]!, record) ?? rules.check(record);
    if (issue) return { index: i, ...issue };
  }
  return null;
}

const winnersOf = (records: readonly BlockRecord[]) =>
  records.slice(1).map((r) => keys.findIndex((k) => k.publicKey === r.block.Validator));

describe("Consensus under a proposer rule", () => {
  it("round robin, stakes 1/2/3 all in every round: 12 blocks split 2/4/6, each proof replays", () => {
    const { records } = play("round-robin", 12);
    expect(records).toHaveLength(13);
    const wins = [0, 0, 0];
    for (const w of winnersOf(records)) wins[w]!++;
    expect(wins).toEqual([2, 4, 6]);
    const proof = records[1]!.proof!;
    expect(proof.rule).toBe("round-robin");
    expect(proof.priorities?.map((p) => p.validator)).toEqual(proof.candidates.map((c) => c.validator));
    // The first round: all at 0, the stake 3 grows highest.
    expect(proof.ticket).toBe("3");
    expect(proof.total).toBe("6");
    expect(replay(records)).toBeNull();
  });

  it("a round-robin log replays after a restart: the next winners are the ones a single run gives", () => {
    const whole = play("round-robin", 9).records;
    const half = play("round-robin", 4).records;
    const resumed = play("round-robin", 5, { records: half }).records;
    expect(winnersOf(resumed)).toEqual(winnersOf(whole));
  });

  it("refuses a round-robin record whose winner or priority table was altered", () => {
    const { records } = play("round-robin", 4);
    const other = structuredClone(records);
    other[3]!.proof!.priorities![0]!.priority = "5";
    expect(replay(other)).toMatchObject({ index: 3, code: ErrorCode.BadRule });
    // A forgery consistent in itself (the winner still highest, the ticket its priority) is caught
    // only by replaying the chain: the table is not the one the earlier rounds lead to.
    const forged = structuredClone(records);
    const proof = forged[2]!.proof!;
    const own = proof.priorities!.findIndex((r) => r.validator === forged[2]!.block.Validator);
    proof.priorities![own]!.priority = String(BigInt(proof.priorities![own]!.priority) + 100n);
    proof.ticket = String(BigInt(proof.ticket) + 100n);
    expect(checkRecord(forged[1]!, forged[2])).toBeNull();
    expect(replay(forged)).toMatchObject({ index: 2, code: ErrorCode.BadRule });
    expect(replay(forged)?.message).toMatch(/earlier rounds lead to/);
  });

  it("pool: the proof says pool, its figures are the pool index and size, and it replays", () => {
    const { records } = play("pool", 5);
    expect(records).toHaveLength(6);
    for (const r of records.slice(1)) {
      expect(r.proof!.rule).toBe("pool");
      expect(r.proof!.total).toBe("6");
      expect(BigInt(r.proof!.ticket)).toBeLessThan(6n);
    }
    expect(replay(records)).toBeNull();
    const moved = structuredClone(records);
    moved[2]!.proof!.ticket = String((BigInt(moved[2]!.proof!.ticket) + 3n) % 6n);
    expect(replay(moved)?.code).toBe(ErrorCode.BadRule);
  });

  it("pool: a round whose candidates stake more than 10,000,000 in all makes no block, and says why", () => {
    const { records, refused } = play("pool", 2, { stakes: [5_000_000n, 5_000_000n, 1n] });
    expect(records).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual([ErrorCode.PoolTooLarge, ErrorCode.PoolTooLarge]);
    expect(refused[0]!.message).toMatch(/above 10,000,000/);
  });

  it("a lottery chain is written as before: no rule fields in its proofs", () => {
    const { records } = play("lottery", 3);
    for (const r of records.slice(1)) {
      expect(r.proof).not.toHaveProperty("rule");
      expect(r.proof).not.toHaveProperty("previousRule");
      expect(r.proof).not.toHaveProperty("priorities");
    }
    expect(replay(records)).toBeNull();
  });

  it("a change of rule is recorded on its first block; an unrecorded change is refused", () => {
    const lottery = play("lottery", 3).records;
    const changed = play("round-robin", 3, { records: lottery }).records;
    expect(changed[4]!.proof).toMatchObject({ rule: "round-robin", previousRule: "lottery" });
    expect(changed[5]!.proof).not.toHaveProperty("previousRule");
    expect(replay(changed)).toBeNull();
    const hidden = structuredClone(changed);
    delete hidden[4]!.proof!.previousRule;
    expect(replay(hidden)).toMatchObject({ index: 4, code: ErrorCode.BadRule });
    expect(replay(hidden)?.message).toMatch(/does not record the change/);
    const wrong = structuredClone(changed);
    wrong[4]!.proof!.previousRule = "pool";
    expect(replay(wrong)?.message).toMatch(/change of rule from pool, but the chain ran under lottery/);
  });

  it("refuses rule fields of the wrong shape", () => {
    const { records } = play("round-robin", 2);
    const check = (change: (r: BlockRecord) => void) => {
      const copy = structuredClone(records[1]!);
      change(copy);
      return checkRecord(records[0]!, copy);
    };
    expect(check((r) => ((r.proof as unknown as Record<string, unknown>).rule = "dice"))?.code).toBe(
      ErrorCode.BadRule,
    );
    expect(check((r) => delete r.proof!.priorities)?.message).toMatch(/priority table/);
    expect(check((r) => r.proof!.priorities!.reverse())?.message).toMatch(/same order/);
    expect(check((r) => (r.proof!.priorities![0]!.priority = "1.5"))?.message).toMatch(/whole number/);
    expect(check((r) => (r.proof!.priorities![0]!.priority = "-0"))?.message).toMatch(/whole number/);
    expect(check((r) => (r.proof!.previousRule = "round-robin"))?.message).toMatch(/to itself/);
    expect(check((r) => (r.proof!.ticket = "4"))?.message).toMatch(/ticket/);
    expect(check((r) => (r.proof!.rangeStart = "1"))?.message).toMatch(/range/);
  });
});
