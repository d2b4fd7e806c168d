import { describe, expect, it } from "vitest";
import { demoServerOptions } from "./handler.js";
import { demoCommand } from "./index.js";
import { DEMO_REWARD, rewardArg } from "./options.js";

describe("pos-tui demo rewards", () => {
  it("runs with a compounding reward by default, and none with --reward 0", () => {
    const parse = (args: string[]) =>
      demoCommand()
        .action(() => {})
        .parse(args, { from: "user" })
        .opts();
    expect(parse([]).reward).toBe(DEMO_REWARD);
    expect(DEMO_REWARD).toBeGreaterThan(0n);
    expect(demoServerOptions({ round: 3000, reward: parse([]).reward })).toMatchObject({
      reward: { amount: 10n, mode: "compound" },
    });
    const off = demoServerOptions({ round: 3000, reward: parse(["--reward", "0"]).reward });
    expect(off).not.toHaveProperty("reward");
    expect(off).toMatchObject({ host: "127.0.0.1", port: 0, roundMs: 3000 });
  });

  it("refuses a reward that is not whole tokens", () => {
    expect(rewardArg(" 25 ")).toBe(25n);
    for (const bad of ["-1", "1.5", "ten", "", `${10n ** 18n + 1n}`])
      expect(() => rewardArg(bad)).toThrow(/whole tokens, 0 to 10\^18 \(0 turns it off\)/);
  });

  it("says in --help how to turn the reward off", () => {
    const command = demoCommand();
    let help = "";
    command.configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    expect(help).toMatch(/--reward <tokens>/);
    expect(help.replace(/\s+/g, " ")).toContain("--reward 0 keeps every stake fixed");
  });
});
