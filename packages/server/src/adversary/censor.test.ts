import { checkRecord } from "@pos-tui/core";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { counterBytes, playedRound } from "@pos-tui/testkit/played-round";
import { describe, expect, it } from "vitest";
import { censor } from "./censor.js";

/** Randomness that makes `randomIndex` pick `index`. */
const picks = (index: number) => (size: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i === 3 ? index : 0));

describe("--adversary censor", () => {
  it("drops one accepted candidate and publishes a record consistent with itself", () => {
    const { consensus, outcome, records, ledger, keys, opened } = playedRound([100n, 50n, 30n]);
    const { log, lines } = memoryLogger();
    const lie = censor({ log, randomBytes: counterBytes("censor") }, null)(outcome, consensus);

    const listed = new Set(lie.proof!.candidates.map((c) => c.validator));
    const dropped = keys.filter((k) => !listed.has(k.publicKey));
    expect(dropped).toHaveLength(1);
    // Nothing but the missing candidate gives it away: same commit, a draw and ledger that add up.
    expect(lie.proof!.commit).toBe(opened.commit);
    expect(lie.proof!.reveal).toBe(outcome.record.proof!.reveal);
    expect(checkRecord(records.at(-1)!, lie)).toBeNull();
    expect(ledger.issue(lie)).toBeNull();
    const name = consensus.validators.get(dropped[0]!.publicKey)!.name;
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: expect.stringMatching(
          new RegExp(`^ADVERSARY: censor: dropped ${name}'s accepted candidate from round 1`),
        ),
      }),
    );
  });

  it("censoring the honest winner hands the block, and its reward, to another candidate", () => {
    const reward = { amount: 10n, mode: "payout" as const, cap: null };
    const { consensus, outcome, records, ledger } = playedRound([100n, 100n, 100n], { reward, rounds: 3 });
    const honest = outcome.record.block.Validator;
    const winnerAt = outcome.candidates.findIndex((c) => c.block.Validator === honest);
    const { log } = memoryLogger();
    const lie = censor({ log, randomBytes: picks(winnerAt) }, reward)(outcome, consensus);

    expect(lie.block.Validator).not.toBe(honest);
    expect(lie.proof!.candidates.map((c) => c.validator)).not.toContain(honest);
    expect(lie.ledger!.reward).not.toEqual(outcome.record.ledger!.reward);
    expect(checkRecord(records.at(-1)!, lie)).toBeNull();
    // The ledger, which knows every balance so far, finds the moved reward adds up.
    expect(ledger.issue(lie)).toBeNull();
  });

  it("never censors the only candidate", () => {
    const { consensus, outcome } = playedRound([100n]);
    const { log, lines } = memoryLogger();
    expect(censor({ log, randomBytes: counterBytes() }, null)(outcome, consensus)).toBe(outcome.record);
    expect(lines.filter((l) => l.msg.startsWith("ADVERSARY"))).toEqual([]);
  });
});
