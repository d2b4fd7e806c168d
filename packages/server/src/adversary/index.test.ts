import { verifyBlockSignature } from "@pos-tui/core";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { ManualRoundClock } from "../round-clock.js";
import { type AdversaryChoice, startLyingServer } from "./index.js";

const each = perTest(
  (choice: AdversaryChoice & { clock: ManualRoundClock; log: ReturnType<typeof memoryLogger> }) =>
    startLyingServer(choice, { port: 0, roundClock: choice.clock, logger: choice.log.log }),
);

describe("startLyingServer", () => {
  it("confesses at start, and a lie plugged into the round's record reaches the clients", async () => {
    const clock = new ManualRoundClock();
    const log = memoryLogger();
    const server = await each.start({ mode: "forge", clock, log });
    expect(log.lines[0]).toMatchObject({
      level: 40,
      msg: expect.stringMatching(
        /^ADVERSARY: this server LIES to its clients \(--adversary forge: changes each block's BPM/,
      ),
    });
    const alice = await JsonClient.validator(server.port, "100", "alice");
    each.clients.push(alice);
    await clock.closeRound(); // alice's stake counts from the next round
    alice.submitFor(await alice.expect("round"), 72);
    await alice.expect("accepted");
    await clock.closeRound();

    const { block } = await alice.expect("block");
    expect(block.BPM).toBe(172);
    expect(verifyBlockSignature(block)).toBe(false);
    expect(server.consensus.tip).toEqual(block);
    expect(log.lines.map((l) => l.msg)).toContain(
      "ADVERSARY: forge: block 1's BPM changed from 72 to 172 after alice signed it; Hash recomputed, Signature kept",
    );
  });
});
