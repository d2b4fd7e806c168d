import { blockHash, checkRecord, ErrorCode, verifyBlockSignature } from "@pos-tui/core";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { playedRound } from "@pos-tui/testkit/played-round";
import { describe, expect, it } from "vitest";
import { forge, forgedBpm } from "./forge.js";

describe("--adversary forge", () => {
  it("changes the signed block's BPM and recomputes its Hash: only the Signature gives it away", () => {
    const { consensus, outcome, records } = playedRound([100n, 50n]);
    const { log, lines } = memoryLogger();
    const honest = outcome.record.block;
    const lie = forge({ log, randomBytes: () => new Uint8Array(0) })(outcome, consensus);

    expect(lie.block.BPM).toBe(forgedBpm(honest.BPM));
    expect(lie.block.BPM).not.toBe(honest.BPM);
    expect(lie.block.Hash).toBe(blockHash(lie.block));
    expect(lie.block.Signature).toBe(honest.Signature);
    expect(verifyBlockSignature(lie.block)).toBe(false);
    expect(checkRecord(records.at(-1)!, lie)?.code).toBe(ErrorCode.BadSignature);
    expect(lie.proof).toEqual(outcome.record.proof);
    expect(lines.at(-1)).toMatchObject({
      level: 40,
      msg: `ADVERSARY: forge: block 1's BPM changed from ${honest.BPM} to ${lie.block.BPM} after v${
        honest.Validator === outcome.candidates[0]!.block.Validator ? 1 : 2
      } signed it; Hash recomputed, Signature kept`,
    });
  });

  it("keeps every forged BPM in 1..300, so the block still parses", () => {
    for (let bpm = 1; bpm <= 300; bpm++) {
      const forged = forgedBpm(bpm);
      expect(forged).not.toBe(bpm);
      expect(forged >= 1 && forged <= 300).toBe(true);
    }
  });
});
