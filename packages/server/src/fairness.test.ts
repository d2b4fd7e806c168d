import { createHash } from "node:crypto";
import { keyPairFromSeed } from "@pos-tui/core";
import { chiSquareTest } from "@pos-tui/core/stats";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { afterEach, describe, expect, it } from "vitest";
import { ManualRoundClock } from "./round-clock.js";
import { type RunningServer, startServer } from "./server.js";

let server: RunningServer | undefined;
const open: JsonClient[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

/** The same bytes on every run: the rounds' secrets, and so every draw, repeat exactly. */
function seededBytes(seed: string): (size: number) => Uint8Array {
  let counter = 0;
  return (size) => {
    const out = new Uint8Array(size);
    for (let at = 0; at < size; at += 32)
      out.set(
        createHash("sha256")
          .update(`${seed}:${counter++}`)
          .digest()
          .subarray(0, size - at),
        at,
      );
    return out;
  };
}

describe("fairness end to end", () => {
  it("stakes 10/30/60 over 320 rounds, all three candidates in each: wins pass chi-square at p = 0.001", async () => {
    const ROUNDS = 320;
    const ROUND_MS = 25;
    const clock = new ManualRoundClock();
    // Chain time in the past and moved by the test: every Timestamp is its round's close, every run.
    let time = Date.parse("2020-01-01T00:00:00.000Z");
    server = await startServer({
      port: 0,
      roundMs: ROUND_MS,
      roundClock: clock,
      now: () => time,
      monotonic: () => time,
      randomBytes: seededBytes("fairness"),
      logLevel: "silent",
    });
    const port = server.port;
    const stakes = ["10", "30", "60"];
    const validators = await Promise.all(
      stakes.map((s, i) =>
        JsonClient.validator(port, s, `v${i}`, keyPairFromSeed(new Uint8Array(32).fill(i + 1))),
      ),
    );
    open.push(...validators);
    const watcher = await JsonClient.watcher(port);
    open.push(watcher);
    const closeRound = async () => {
      await clock.closeRound();
      time += ROUND_MS;
    };
    // Stakes count from the round after the join.
    await closeRound();

    const wins = new Map<string, number>(validators.map((v) => [v.keys!.publicKey, 0]));
    for (let r = 0; r < ROUNDS; r++) {
      const rounds = await Promise.all(validators.map((v) => v.expect("round", 5000)));
      for (const [i, v] of validators.entries()) v.submitFor(rounds[i]!);
      // Every round is drawn among exactly these three candidates, so the shares are fixed.
      await Promise.all(validators.map((v) => v.expect("accepted", 5000)));
      await closeRound();
      const pushed = await watcher.expect("block", 5000);
      expect(pushed.lottery.candidates).toBe(3);
      wins.set(pushed.block.Validator, (wins.get(pushed.block.Validator) ?? 0) + 1);
    }
    const observed = validators.map((v) => wins.get(v.keys!.publicKey)!);
    const result = chiSquareTest(observed, stakes.map(Number));
    expect(observed.reduce((a, b) => a + b, 0)).toBe(ROUNDS);
    expect(result.pValue).toBeGreaterThan(0.001);
    // The biggest stake must win most often; a broken weighting would not.
    expect(observed[2]!).toBeGreaterThan(observed[1]!);
    expect(observed[1]!).toBeGreaterThan(observed[0]!);
  }, 60_000);
});
