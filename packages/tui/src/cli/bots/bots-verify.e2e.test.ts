import { type RunningServer, startServer } from "@pos-tui/server";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { runCli, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";
import type { FairnessReport } from "../../bots/fairness.js";

const cleanups = cleanupsPerTest();

async function server(): Promise<RunningServer> {
  const running = await startServer({ host: "127.0.0.1", port: 0, roundMs: 50, logLevel: "silent" });
  cleanups.push(() => running.close());
  return running;
}

describe("pos-tui bots --verify (the built CLI)", { timeout: 60_000 }, () => {
  it("counts every bot's verdict on every block in the JSON report, and exits 0 when all passed", async () => {
    const srv = await server();
    const run = await runCli(TUI_BIN, [
      "bots",
      `127.0.0.1:${srv.port}`,
      "-c",
      "3",
      "-r",
      "6",
      "--verify",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as FairnessReport;
    const seen = report.validators.reduce((sum, v) => sum + v.blocksSeen, 0);
    expect(seen).toBeGreaterThanOrEqual(6 * 3 - 3);
    expect(report.verification).toEqual({
      verified: seen,
      failed: 0,
      pending: 0,
      failedChecks: {},
      firstFailure: null,
    });
  });

  it("prints the count in the text report; without --verify there is none", async () => {
    const srv = await server();
    const on = await runCli(TUI_BIN, ["bots", `127.0.0.1:${srv.port}`, "-c", "2", "-r", "3", "--verify"]);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toMatch(
      /^verified by the bots: (\d+) block checks \(one per bot per block\): \1 verified, 0 failed, 0 pending$/m,
    );
    // The first fleet's names stay with their keys (winners are remembered): a fresh server.
    const other = await server();
    const off = await runCli(TUI_BIN, ["bots", `127.0.0.1:${other.port}`, "-c", "2", "-r", "3"]);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).not.toContain("verified by the bots");
  });
});
