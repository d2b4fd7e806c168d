import { chiSquareTest } from "@pos-tui/core/stats";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server.js";
import { JsonClient } from "./testing/line-client.js";

let server: RunningServer | undefined;
const open: JsonClient[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

describe("fairness end to end", () => {
  it("stakes 10/30/60 over 300+ rounds: wins pass chi-square at p = 0.001", async () => {
    const ROUNDS = 320;
    server = await startServer({ port: 0, roundMs: 25, logLevel: "silent" });
    const stakes = ["10", "30", "60"];
    const validators = await Promise.all(
      stakes.map((s, i) => JsonClient.validator(server!.port, s, `v${i}`)),
    );
    open.push(...validators);
    const wins = new Map<string, number>(validators.map((v) => [v.keys!.publicKey, 0]));
    let blocks = 0;

    // Each validator answers every round push with a candidate, like a bot would.
    for (const v of validators) {
      const submitLoop = async () => {
        for (;;) {
          const round = await v.expect("round", 10_000).catch(() => null);
          if (round === null) return;
          v.submitFor(round);
        }
      };
      void submitLoop();
    }
    const watcher = await JsonClient.watcher(server.port);
    open.push(watcher);
    while (blocks < ROUNDS) {
      const pushed = await watcher.expect("block", 10_000);
      blocks++;
      wins.set(pushed.block.Validator, (wins.get(pushed.block.Validator) ?? 0) + 1);
    }
    const observed = validators.map((v) => wins.get(v.keys!.publicKey)!);
    const result = chiSquareTest(observed, stakes.map(Number));
    expect(observed.reduce((a, b) => a + b, 0)).toBe(ROUNDS);
    expect(result.pValue).toBeGreaterThan(0.001);
    // The biggest stake must win most often; a broken weighting would not.
    expect(observed[2]!).toBeGreaterThan(observed[0]!);
  }, 60_000);
});
