import { keyPairFromSeed } from "@pos-tui/core";
import { type RunningServer, startServer } from "@pos-tui/server";
import { rewriteJson, startLyingProxy } from "@pos-tui/testkit/lying-proxy";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import type { BotSpec } from "./bot-client.js";
import { BotFleet } from "./fleet.js";
import { formatReport } from "./format-report.js";

const cleanups = cleanupsPerTest();

async function server(): Promise<RunningServer> {
  const running = await startServer({ host: "127.0.0.1", port: 0, roundMs: 50, logLevel: "silent" });
  cleanups.push(() => running.close());
  return running;
}

const specs = (n: number): BotSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `v${i + 1}`,
    stake: BigInt(10 * (i + 1)),
    keys: keyPairFromSeed(new Uint8Array(32).fill(40 + i)),
  }));

async function runFleet(port: number, verify: boolean, rounds = 8) {
  const fleet = new BotFleet({ host: "127.0.0.1", port, bots: specs(3), rounds, verify });
  cleanups.push(() => fleet.close());
  const joined = await fleet.connect();
  expect(joined.connected).toBe(3);
  fleet.start();
  await fleet.finished;
  return fleet.stop();
}

describe("bots --verify", { timeout: 60_000 }, () => {
  it("every bot verifies every counted block it receives from an honest server", async () => {
    const srv = await server();
    const report = await runFleet(srv.port, true);
    const seen = report.validators.reduce((sum, v) => sum + v.blocksSeen, 0);
    expect(seen).toBe(3 * report.blocks);
    expect(report.verification).toEqual({
      verified: seen,
      failed: 0,
      pending: 0,
      failedChecks: {},
      firstFailure: null,
    });
    expect(formatReport(report)).toContain(
      `verified by the bots: ${seen} block checks (one per bot per block): ${seen} verified, 0 failed, 0 pending`,
    );
  });

  it("is off by default: the report has no verification", async () => {
    const srv = await server();
    const report = await runFleet(srv.port, false, 3);
    expect(report.verification).toBeUndefined();
    expect(formatReport(report)).not.toContain("verified by the bots");
  });

  it("each bot catches a block whose BPM a proxy changed, naming it and the hash check", async () => {
    const srv = await server();
    const proxy = await startLyingProxy({
      port: srv.port,
      rewrite: rewriteJson((message, { direction }) => {
        const block = message.block as { Index: number; BPM: number } | undefined;
        if (direction === "toClient" && message.type === "block" && block?.Index === 3)
          return { ...message, block: { ...block, BPM: block.BPM === 300 ? 299 : block.BPM + 1 } };
        return message;
      }),
    });
    cleanups.push(() => proxy.close());
    const report = await runFleet(proxy.port, true);
    const seen = report.validators.reduce((sum, v) => sum + v.blocksSeen, 0);
    const tally = report.verification!;
    expect(tally.failed).toBe(3);
    expect(tally.verified).toBe(seen - 3);
    expect(tally.failedChecks).toEqual({ hash: 3 });
    expect(tally.firstFailure).toMatchObject({ index: 3, check: "hash" });
    expect(formatReport(report)).toMatch(/first: v\d found block 3 failing hash: /);
  });

  it("a server that keeps a bot's inclusion proof from it fails that bot's inclusion check", async () => {
    const srv = await server();
    const proxy = await startLyingProxy({
      port: srv.port,
      // Whatever the server proves to a candidate about its own place in the round never arrives.
      rewrite: (line, { direction }) =>
        direction === "toClient" && line.startsWith('{"type":"inclusion"') ? null : line,
    });
    cleanups.push(() => proxy.close());
    const report = await runFleet(proxy.port, true, 5);
    const tally = report.verification!;
    expect(tally.failed).toBeGreaterThan(0);
    expect(Object.keys(tally.failedChecks)).toEqual(["inclusion"]);
    expect(tally.firstFailure?.message).toMatch(/^left out of round \d+/);
  });
});
