import { checkRecord, commitFor } from "@pos-tui/core";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { counterBytes, playedRound } from "@pos-tui/testkit/played-round";
import { describe, expect, it } from "vitest";
import { regrind } from "./regrind.js";

describe("--adversary regrind", () => {
  it("publishes a new secret, with a commit to match, that makes another candidate win", () => {
    const { consensus, outcome, records, ledger, opened } = playedRound([100n, 100n, 100n]);
    const { log, lines } = memoryLogger();
    const lie = regrind({ log, randomBytes: counterBytes("regrind") }, null)(outcome, consensus);

    expect(lie.block.Validator).not.toBe(outcome.record.block.Validator);
    // The commit is not the one the round opened with; the reveal matches the commit it came with.
    expect(lie.proof!.commit).not.toBe(opened.commit);
    expect(commitFor(lie.proof!.reveal)).toBe(lie.proof!.commit);
    expect(lie.proof!.candidates).toEqual(outcome.record.proof!.candidates);
    expect(checkRecord(records.at(-1)!, lie)).toBeNull();
    expect(ledger.issue(lie)).toBeNull();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: expect.stringMatching(
          /^ADVERSARY: regrind: round 1's committed secret picked v\d; \d+ new secret\(s\) later v\d wins/,
        ),
      }),
    );
  });

  it("with a lone candidate the winner cannot change, and the secret is replaced all the same", () => {
    const { consensus, outcome, records, opened } = playedRound([100n]);
    const { log, lines } = memoryLogger();
    const lie = regrind({ log, randomBytes: counterBytes("regrind") }, null)(outcome, consensus);

    expect(lie.block).toEqual(outcome.record.block);
    expect(lie.proof!.commit).not.toBe(opened.commit);
    expect(checkRecord(records.at(-1)!, lie)).toBeNull();
    expect(lines.at(-1)!.msg).toMatch(/could not be changed; a new secret and commit are published anyway/);
  });

  it("with compound rewards the moved win carries a reward that adds up for its new winner", () => {
    const reward = { amount: 10n, mode: "compound" as const, cap: 105n };
    const { consensus, outcome, records, ledger } = playedRound([100n, 100n], { reward, rounds: 3 });
    const { log } = memoryLogger();
    const lie = regrind({ log, randomBytes: counterBytes("regrind") }, reward)(outcome, consensus);

    expect(lie.block.Validator).not.toBe(outcome.record.block.Validator);
    expect(lie.ledger!.reward).toMatchObject({ amount: "10", mode: "compound" });
    expect(lie.ledger!.reward).not.toEqual(outcome.record.ledger!.reward);
    expect(checkRecord(records.at(-1)!, lie)).toBeNull();
    // The ledger, which knows each balance so far, finds the new winner's reward adds up.
    expect(ledger.issue(lie)).toBeNull();
  });
});
