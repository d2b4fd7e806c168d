import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Block, genesisBlock, signBlock } from "./block.js";
import { type ClockStep, Consensus } from "./consensus.js";
import { ErrorCode } from "./errors.js";
import { type KeyPair, keyPairFromSeed } from "./keys.js";
import type { RoundMessage } from "./protocol.js";
import type { BlockRecord } from "./record.js";
import { checkRecord } from "./record-check.js";
import { candidateTimestamp, TIMESTAMP_SKEW_MS } from "./round-window.js";

const ROUND_MS = 1000;
const START = Date.parse("2026-03-01T09:00:00.000Z");

/** Deterministic "randomness": the round secrets come from a counter, so every run draws the same. */
function counterBytes() {
  let n = 0;
  return (size: number) =>
    new Uint8Array(createHash("sha256").update(`secret ${n++}`).digest().subarray(0, size));
}

/** A consensus on a fake wall clock and a fake monotonic clock that the test moves by hand. */
function game(
  records: BlockRecord[] = [{ block: genesisBlock(new Date(START - 60_000).toISOString()), proof: null }],
) {
  const clock = { wall: START, mono: 0 };
  const steps: ClockStep[] = [];
  const consensus = new Consensus(
    records,
    {
      now: () => clock.wall,
      monotonic: () => clock.mono,
      randomBytes: counterBytes(),
      clockStepped: (step) => steps.push(step),
    },
    ROUND_MS,
  );
  const pass = (ms: number) => {
    clock.wall += ms;
    clock.mono += ms;
  };
  return { consensus, clock, steps, pass };
}

const keys = [1, 2, 3, 4].map((i) => keyPairFromSeed(new Uint8Array(32).fill(i)));

function sign(round: RoundMessage, key: KeyPair, timestamp: number | string): Block {
  return signBlock(
    {
      Index: round.tipIndex + 1,
      Timestamp: typeof timestamp === "string" ? timestamp : new Date(timestamp).toISOString(),
      BPM: 70,
      PrevHash: round.tipHash,
    },
    key,
  );
}

/** Closes the round and stores its block, as the server does; returns the winner's key, if any. */
function close(consensus: Consensus): string | null {
  const outcome = consensus.closeRound();
  if (!outcome) return null;
  consensus.accept(outcome.record);
  return outcome.record.block.Validator;
}

describe("timestamp capture: 4 equal stakes, 1 s rounds, one validator stamping ahead", () => {
  // Honest clients whose clocks are wrong (slow, right, fast), stamping like the TUI and the bots.
  const HONEST_CLOCK_ERROR_MS = [-5000, 0, 700];

  function play(rounds: number, attackerStamp: (round: RoundMessage, now: number) => number | string) {
    const { consensus, clock, pass } = game();
    for (const k of keys) consensus.validators.join(k.publicKey, null, 100n, consensus.nextRoundToStart);
    const wins = new Map(keys.map((k) => [k.publicKey, 0]));
    const rejections: Record<string, string[]> = { attacker: [], honest: [] };
    const attacker = keys[0]!;
    for (let i = 0; i < rounds; i++) {
      const round = consensus.startRound();
      // The attacker submits first, right at the opening, so its block would be the tip to beat.
      const forged = consensus.submit(round.round, sign(round, attacker, attackerStamp(round, clock.wall)));
      if (!forged.ok) rejections.attacker!.push(forged.error.code);
      pass(200);
      keys.slice(1).forEach((k, j) => {
        const local = new Date(clock.wall + HONEST_CLOCK_ERROR_MS[j]!);
        const result = consensus.submit(
          round.round,
          sign(round, k, candidateTimestamp(round, local.getTime())),
        );
        if (!result.ok) rejections.honest!.push(`${result.error.code}: ${result.error.message}`);
      });
      pass(ROUND_MS - 200);
      const winner = close(consensus);
      if (winner) wins.set(winner, wins.get(winner)! + 1);
    }
    return { wins, rejections, attackerWins: wins.get(attacker.publicKey)!, consensus };
  }

  it("a candidate stamped 29.5 s ahead is refused: the attacker gets nothing", () => {
    const { attackerWins, rejections, wins } = play(28, (_, now) => now + 29_500);
    expect(attackerWins).toBe(0);
    expect(rejections.attacker).toHaveLength(28);
    expect(new Set(rejections.attacker)).toEqual(new Set([ErrorCode.BadTimestamp]));
    expect(rejections.honest).toEqual([]);
    expect([...wins.values()].reduce((a, b) => a + b, 0)).toBe(28);
  });

  it("stamping the latest time the rule allows (the round's close) gains nothing either", () => {
    const { attackerWins, rejections, consensus } = play(28, (round) => round.closesAt);
    expect(rejections.attacker).toEqual([]);
    // Every honest candidate, from every wrong clock, was accepted in every round.
    expect(rejections.honest).toEqual([]);
    // A fair share is 7 of 28 (the draw is seeded, so this run is fixed): nowhere near the 25 measured.
    expect(attackerWins).toBeLessThanOrEqual(12);
    // Time order holds by construction.
    const blocks = consensus.blocks(100);
    for (let i = 1; i < blocks.length; i++)
      expect(Date.parse(blocks[i]!.Timestamp)).toBeGreaterThanOrEqual(Date.parse(blocks[i - 1]!.Timestamp));
  });

  it("the window rule: [opensAt - skew, closesAt]", () => {
    const { consensus } = game();
    consensus.validators.join(keys[0]!.publicKey, null, 1n, consensus.nextRoundToStart);
    const round = consensus.startRound();
    expect(round.opensAt).toBe(new Date(START).toISOString());
    expect(round.closesAt).toBe(new Date(START + ROUND_MS).toISOString());
    const at = (t: number) => consensus.submit(round.round, sign(round, keys[0]!, t));
    expect(at(START + ROUND_MS + 1).ok).toBe(false);
    expect(at(START - TIMESTAMP_SKEW_MS - 1).ok).toBe(false);
    const late = at(START + ROUND_MS + 1);
    expect(!late.ok && late.error.message).toMatch(/after the round's close/);
    expect(at(START - TIMESTAMP_SKEW_MS).ok).toBe(true);
  });

  it("the stored proof records the window, and the record check holds the block to it", () => {
    const { consensus, pass } = game();
    consensus.validators.join(keys[0]!.publicKey, null, 1n, consensus.nextRoundToStart);
    const round = consensus.startRound();
    expect(consensus.submit(round.round, sign(round, keys[0]!, START + 10)).ok).toBe(true);
    pass(ROUND_MS);
    const outcome = consensus.closeRound()!;
    expect(outcome.record.proof).toMatchObject({ opensAt: round.opensAt, closesAt: round.closesAt });
    const genesis = { block: consensus.genesis.block, proof: null };
    expect(checkRecord(genesis, outcome.record)).toBeNull();
    // The same block under a window that ends before its Timestamp is refused.
    const moved = { ...outcome.record, proof: { ...outcome.record.proof!, closesAt: round.opensAt } };
    expect(checkRecord(genesis, moved)?.code).toBe(ErrorCode.BadTimestamp);
    // An old record without a window still passes.
    const { opensAt: _o, closesAt: _c, ...old } = outcome.record.proof!;
    expect(checkRecord(genesis, { ...outcome.record, proof: old })).toBeNull();
  });
});

describe("clock steps: the chain goes on, with one warning per step", () => {
  /** Plays rounds where every validator submits, like an nc node (the server stamps) or a client. */
  function rounds(g: ReturnType<typeof game>, count: number) {
    const refused: string[] = [];
    let blocks = 0;
    for (let i = 0; i < count; i++) {
      const round = g.consensus.startRound();
      g.pass(100);
      for (const k of keys.slice(0, 2)) {
        // Both stamp the server's clock clamped into the window: the server does so for nc users, and a
        // JSON client (TUI, bots) does so with its own clock, here the same.
        const result = g.consensus.submit(
          round.round,
          sign(round, k, candidateTimestamp(round, g.clock.wall)),
        );
        if (!result.ok) refused.push(result.error.message);
      }
      g.pass(ROUND_MS - 100);
      if (close(g.consensus)) blocks++;
    }
    return { refused, blocks };
  }

  function joined() {
    const g = game();
    for (const k of keys.slice(0, 2))
      g.consensus.validators.join(k.publicKey, null, 10n, g.consensus.nextRoundToStart);
    return g;
  }

  it("a step back of an hour: time holds at the chain's until the clock catches up", () => {
    const g = joined();
    expect(rounds(g, 5)).toEqual({ refused: [], blocks: 5 });
    const tipBefore = Date.parse(g.consensus.tip.Timestamp);
    g.clock.wall -= 3_600_000;
    const after = rounds(g, 20);
    expect(after).toEqual({ refused: [], blocks: 20 });
    expect(g.steps).toHaveLength(1);
    expect(g.steps[0]!.stepMs).toBeCloseTo(-3_600_000, -2);
    expect(g.steps[0]!.heldAheadMs).toBeGreaterThan(3_500_000);
    // Nothing went backwards, and the chain's time stood still rather than racing ahead.
    expect(Date.parse(g.consensus.tip.Timestamp)).toBeGreaterThanOrEqual(tipBefore);
    expect(Date.parse(g.consensus.tip.Timestamp)).toBeLessThanOrEqual(tipBefore + 2 * ROUND_MS);
    // Once real time has caught up (an hour passes on both clocks: no step), the chain follows it again.
    g.pass(3_600_000);
    expect(rounds(g, 3)).toEqual({ refused: [], blocks: 3 });
    expect(g.steps).toHaveLength(1);
    const round = g.consensus.startRound();
    expect(round.opensAt).toBe(new Date(g.clock.wall).toISOString());
  });

  it("a step ahead of an hour: the chain's time follows at once", () => {
    const g = joined();
    rounds(g, 3);
    g.clock.wall += 3_600_000;
    const after = rounds(g, 5);
    expect(after).toEqual({ refused: [], blocks: 5 });
    expect(g.steps).toHaveLength(1);
    expect(g.steps[0]!.stepMs).toBeCloseTo(3_600_000, -2);
    expect(g.steps[0]!.heldAheadMs).toBe(0);
    expect(Date.parse(g.consensus.tip.Timestamp)).toBeGreaterThan(START + 3_600_000);
  });

  it("a log from a machine whose clock ran an hour fast: one warning at the start, then blocks", () => {
    const genesis = genesisBlock(new Date(START + 3_600_000).toISOString());
    const g = game([{ block: genesis, proof: null }]);
    for (const k of keys.slice(0, 2))
      g.consensus.validators.join(k.publicKey, null, 10n, g.consensus.nextRoundToStart);
    expect(rounds(g, 10)).toEqual({ refused: [], blocks: 10 });
    expect(g.steps).toHaveLength(1);
    expect(g.steps[0]!.heldAheadMs).toBe(3_600_000);
  });

  it("after a restart the next window opens no earlier than the last stored one closed", () => {
    const g = joined();
    const round = g.consensus.startRound();
    g.consensus.submit(round.round, sign(round, keys[0]!, START + 1));
    g.pass(ROUND_MS);
    const outcome = g.consensus.closeRound()!;
    g.consensus.accept(outcome.record);
    // A restart at once, with the clock back inside the stored window (it closed at START + 1 s).
    const records = [{ block: g.consensus.genesis.block, proof: null }, outcome.record];
    const again = game(records);
    again.clock.wall = START + 300;
    again.consensus.validators.join(keys[0]!.publicKey, null, 10n, again.consensus.nextRoundToStart);
    const next = again.consensus.startRound();
    expect(Date.parse(next.opensAt!)).toBe(START + ROUND_MS);
    expect(again.steps).toEqual([]);
    expect(
      again.consensus.submit(next.round, sign(next, keys[0]!, candidateTimestamp(next, again.clock.wall))).ok,
    ).toBe(true);
    again.pass(ROUND_MS);
    const stored = again.consensus.closeRound()!.record;
    expect(checkRecord(outcome.record, stored)).toBeNull();
  });

  it("slow rounds (a long disk write) are not mistaken for a step", () => {
    const g = joined();
    rounds(g, 2);
    g.pass(30_000);
    rounds(g, 2);
    expect(g.steps).toEqual([]);
  });
});
