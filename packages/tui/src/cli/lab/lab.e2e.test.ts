import { RULE_NAMES } from "@pos-tui/core";
import { runCli, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "./options.js";

// The built CLI (the test script builds first), offline: no server anywhere.
const runLab = (args: string[]) => runCli(TUI_BIN, ["lab", ...args]);

describe("pos-tui lab (built CLI)", () => {
  it("--json: one entry per rule, named by the rule, reproducible from --seed", async () => {
    const args = ["--stakes", "1,2,3", "--rounds", "600", "--seed", "e2e", "--json"];
    const [first, second] = await Promise.all([runLab(args), runLab(args)]);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(Object.keys(report.rules)).toEqual(["lottery", "round-robin", "pool"]);
    expect(report.rules["round-robin"].validators.map((v: { observed: number }) => v.observed)).toEqual([
      100, 200, 300,
    ]);
    expect(report.rules.lottery.chiSquare.pValue).toBeGreaterThan(0);
    const wins = (r: typeof report) =>
      r.rules.lottery.validators.map((v: { observed: number }) => v.observed);
    expect(wins(JSON.parse(second.stdout))).toEqual(wins(report));
  });

  it("prints plain text with the rules side by side when stdout is not a terminal", async () => {
    const run = await runLab([
      "--stakes",
      "10,90",
      "--rounds",
      "1000",
      "--seed",
      "text",
      "--rules",
      "round-robin,lottery",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^round-robin\s+lottery$/m);
    expect(run.stdout).toContain('seed "text"');
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it("--csv with --sybil: the split identities each get a row", async () => {
    const run = await runLab([
      "--stakes",
      "30,70",
      "--sybil",
      "3",
      "--rounds",
      "300",
      "--rules",
      "lottery",
      "--csv",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const names = run.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[1]);
    expect(names).toEqual(["v1.1", "v1.2", "v1.3", "v2"]);
  });

  it("refuses bad input with a code and what to do, exit code 1", async () => {
    const unknown = await runLab(["--rules", "lottery,dice"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'UNKNOWN_RULE: there is no proposer rule "dice": choose one of lottery, round-robin, pool',
    );
    const rounds = await runLab(["--rounds", "0"]);
    expect(rounds.code).toBe(1);
    expect(rounds.stderr).toContain("BAD_OPTION: the round count must be a whole number from 1 to 1,000,000");
    const stake = await runLab(["--stakes", "10,-3"]);
    expect(stake.stderr).toContain("BAD_STAKE");
    const alone = await runLab(["--validators", "5"]);
    expect(alone.stderr).toContain("BAD_OPTION: --validators goes with --stake-range");
  });

  it("--help lists every rule and shows examples", async () => {
    const help = await runLab(["--help"]);
    expect(help.code).toBe(0);
    expect(DEFAULT_RULES.split(",")).toEqual([...RULE_NAMES]);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(`(default: ${RULE_NAMES.join(",")})`);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--sybil 10");
  });
});
