import { keyPairFromSeed } from "@pos-tui/core";
import { type RunningServer, startServer } from "@pos-tui/server";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { runCli, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { type FairnessReport, verdictFor } from "../../bots/fairness.js";
import { BotFleet } from "../../bots/fleet.js";

// The built CLI (the test script builds first) against a real server in this process, so the test
// can read the chain straight from consensus and count the wins itself.
const runBots = (args: string[]) => runCli(TUI_BIN, ["bots", ...args]);

function winsByKey(server: RunningServer): Map<string, number> {
  const wins = new Map<string, number>();
  for (const block of server.consensus.blocks(1000, server.consensus.length)) {
    if (block.Index === 0) continue;
    wins.set(block.Validator, (wins.get(block.Validator) ?? 0) + 1);
  }
  return wins;
}

/** Blocks whose round had at least one of `keys` among its candidates. */
function roundsWith(server: RunningServer, keys: ReadonlySet<string>): number {
  let count = 0;
  for (let round = 0; round <= (server.consensus.roundNumber ?? 0); round++) {
    const proof = server.consensus.recordForRound(round)?.proof;
    if (proof?.candidates.some((c) => keys.has(c.validator))) count++;
  }
  return count;
}

function expectedByKey(server: RunningServer): Map<string, number> {
  const expected = new Map<string, number>();
  for (let round = 0; round <= (server.consensus.roundNumber ?? 0); round++) {
    const proof = server.consensus.recordForRound(round)?.proof;
    if (!proof) continue;
    const total = proof.candidates.reduce((sum, c) => sum + Number(c.stake), 0);
    for (const c of proof.candidates)
      expected.set(c.validator, (expected.get(c.validator) ?? 0) + Number(c.stake) / total);
  }
  return expected;
}

const cleanups = cleanupsPerTest();

async function server(): Promise<RunningServer> {
  const running = await startServer({ host: "127.0.0.1", port: 0, roundMs: 50, logLevel: "silent" });
  cleanups.push(() => running.close());
  return running;
}

describe("pos-tui bots against a real pos-server", { timeout: 180_000 }, () => {
  it("reports 200 rounds whose wins match the chain the server holds", async () => {
    const srv = await server();
    const run = await runBots([
      `127.0.0.1:${srv.port}`,
      "--count",
      "5",
      "--rounds",
      "200",
      "--json",
      "--stakes",
      "10,30,60",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!) as FairnessReport;

    // Only bots ever submitted, so every block after genesis is one of the counted rounds.
    expect(report.rounds).toBe(200);
    expect(report.blocks).toBe(200);
    expect(srv.consensus.length - 1).toBe(200);
    const wins = winsByKey(srv);
    expect(report.validators).toHaveLength(5);
    expect(report.validators.map((v) => v.stake)).toEqual(["10", "30", "60", "10", "30"]);
    expect(report.validators.map((v) => v.name)).toEqual(["bot1", "bot2", "bot3", "bot4", "bot5"]);
    for (const v of report.validators) {
      expect(v.validator).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isInteger(v.observedWins)).toBe(true);
      expect(v.observedWins).toBe(wins.get(v.validator) ?? 0);
    }
    expect([...wins.keys()].every((k) => report.validators.some((v) => v.validator === k))).toBe(true);
    expect(report.validators.reduce((s, v) => s + v.expectedShare, 0)).toBeCloseTo(1, 9);
    expect(report.validators.reduce((s, v) => s + v.expectedWins, 0)).toBeCloseTo(200, 6);
    // Expected wins recomputed from the candidate list the server stored with each block (a bot
    // that was late in a round was not a candidate in it, so this is not simply share x rounds).
    const expected = expectedByKey(srv);
    for (const v of report.validators) expect(v.expectedWins).toBeCloseTo(expected.get(v.validator) ?? 0, 6);
    expect(report.others).toEqual({ expectedWins: 0, observedWins: 0 });
    // Pearson's statistic over the five bots from the chain's own figures; with 4 degrees of freedom
    // the chi-square tail has a closed form, so the p-value is checked without the library.
    const chiSquare = report.validators.reduce((sum, v) => {
      const e = expected.get(v.validator)!;
      return sum + (v.observedWins - e) ** 2 / e;
    }, 0);
    expect(report.chiSquare).toBeCloseTo(chiSquare, 6);
    expect(report.degreesOfFreedom).toBe(4);
    const pValue = Math.exp(-chiSquare / 2) * (1 + chiSquare / 2);
    expect(report.pValue).toBeCloseTo(pValue, 9);
    // Every bot expects over 5 wins (10 of 140 tokens in 200 rounds), so the test is not sparse.
    expect(report.verdict).toBe(verdictFor(200, pValue, false, 0));
    expect(report.blocksSeen).toEqual({ min: 200, median: 200, max: 200 });
    // Stakes 10, 30, 60, 10, 30 of 140: Gini 240 / 700, the 60 holds 3/7, two of them more than half.
    // No reward on this server: the stakes never moved, so the end is the start.
    const start = report.concentration.start;
    expect(start.gini).toBeCloseTo(240 / 700, 12);
    expect(start.topShare).toBeCloseTo(60 / 140, 12);
    expect([start.nakamoto50, start.nakamoto33, start.holders]).toEqual([2, 1, 5]);
    expect(report.concentration.end).toEqual(start);
  });

  it("prints the concentration and a stake share chart in the text report", async () => {
    const srv = await server();
    const run = await runBots([`127.0.0.1:${srv.port}`, "-c", "3", "-r", "8", "--stakes", "10,30,60"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    const at = lines.indexOf("concentration of the fleet's stake:   start      end");
    expect(at, run.stdout).toBeGreaterThan(0);
    // 10, 30, 60: Gini (2 * 60 - 2 * 10) / (3 * 100) = 1/3 and 60 alone holds more than half, at the start and (no rewards) at the end.
    expect(lines[at + 1]).toBe("  Gini                          0.333    0.333");
    expect(lines[at + 3]).toBe("  Nakamoto > 50%                    1        1");
    expect(lines[at + 5]).toMatch(/^stake share, rounds \d+ to \d+ \(largest 3\):$/);
    expect(run.stdout).toContain("bot3 60.0%, bot2 30.0%, bot1 10.0%");
    // Not a terminal: no colour codes in a report that may go to a file.
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it("counts an outside validator's rounds from the server's proof", async () => {
    const srv = await server();
    // Someone else (a person with pos-tui, another fleet) submits every round as well.
    const outsider = new BotFleet({
      host: "127.0.0.1",
      port: srv.port,
      bots: [{ name: "outsider", stake: 100n, keys: keyPairFromSeed(new Uint8Array(32).fill(7)) }],
      rounds: null,
    });
    await outsider.connect();
    outsider.start();
    cleanups.push(() => outsider.close());

    const run = await runBots([`127.0.0.1:${srv.port}`, "-c", "3", "-r", "60", "--json", "--stakes", "50"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as FairnessReport;
    await outsider.close();
    // The fleet stops after 60 blocks of rounds it submitted in; it counts those where the server
    // took at least one of its candidates. At 50 ms rounds a round may close while all three are in
    // transit (the outsider's block then ends it), so the count comes from the chain, not from 60.
    const bots = new Set(report.validators.map((v) => v.validator));
    const counted = roundsWith(srv, bots);
    expect(report.blocks).toBe(counted);
    expect(counted).toBeLessThanOrEqual(60);
    const wins = winsByKey(srv);
    for (const v of report.validators) expect(v.observedWins).toBe(wins.get(v.validator) ?? 0);
    const ours = report.validators.reduce((s, v) => s + v.observedWins, 0);
    expect(ours + report.others.observedWins).toBe(counted);
    const expected = expectedByKey(srv);
    for (const v of report.validators) expect(v.expectedWins).toBeCloseTo(expected.get(v.validator) ?? 0, 6);
    // Each counted round's chances add up to 1, so what the bots did not expect, the outsider did
    // (100/250 in each round all four were in).
    const botsExpected = report.validators.reduce((s, v) => s + v.expectedWins, 0);
    expect(report.others.expectedWins).toBeCloseTo(counted - botsExpected, 6);
    expect(report.others.expectedWins).toBeGreaterThan(0.3 * counted);
  });

  it("refuses bad flags with the reason", async () => {
    const bad = await runBots(["127.0.0.1:1", "--count", "0"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/bot count must be a whole number from 1 to 5000/);
    const stakes = await runBots(["127.0.0.1:1", "--stakes", "10,1e3"]);
    expect(stakes.stderr).toMatch(/BAD_STAKE: stake 2 of the list .*exponent/);
    const both = await runBots(["127.0.0.1:1", "--stakes", "1", "--stake-range", "1..2"]);
    expect(both.stderr).toMatch(/cannot be used with/);
    const many = await runBots(["127.0.0.1:1", "-c", "2", "--stakes", "1,2,3"]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/3 stakes given for 2 bots/);
    const offline = await runBots(["127.0.0.1:1", "-c", "2"]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/BOTS_OFFLINE/);
  });

  it("exits 1 when every bot loses its connection", async () => {
    const srv = await server();
    const run = runBots([`127.0.0.1:${srv.port}`, "-c", "2"]);
    await waitFor(() => srv.consensus.validators.onlineCount === 2, 20_000, "both bots online");
    await srv.close();
    const { code, stderr } = await run;
    expect(stderr).toContain("bots: every bot lost its connection");
    expect(code).toBe(1);
  });
});
