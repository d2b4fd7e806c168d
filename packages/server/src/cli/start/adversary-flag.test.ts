import { ErrorCode } from "@pos-tui/core";
import { runCli, SERVER_BIN, spawnServer, stopServer } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";
import { ADVERSARY_MODES } from "../../adversary/modes.js";

describe("pos-server --adversary", () => {
  it("--help explains each lie in one line", async () => {
    const help = await runCli(SERVER_BIN, ["--help"]);
    expect(help.code).toBe(0);
    for (const [mode, lie] of Object.entries(ADVERSARY_MODES))
      expect(help.stdout).toContain(`  ${mode.padEnd(8)} ${lie}\n`);
    expect(help.stdout).toMatch(/only with --memory/);
  });

  it("without --memory is a usage error with a code, and nothing starts", async () => {
    const run = await runCli(SERVER_BIN, ["--adversary", "censor", "--port", "0", "--log-format", "json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error: ${ErrorCode.AdversaryNeedsMemory}: .*add --memory\\n$`));
    expect(run.stdout).not.toMatch(/listening/);
  });

  it("with a proposer rule other than the lottery is a usage error: the lies redraw the lottery", async () => {
    const run = await runCli(SERVER_BIN, ["--memory", "--adversary", "regrind", "--rule", "round-robin"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${ErrorCode.BadOption}: --adversary lies about the lottery`),
    );
  });

  it("--rewrite-every without --adversary rewrite is a usage error", async () => {
    const run = await runCli(SERVER_BIN, ["--memory", "--adversary", "forge", "--rewrite-every", "2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: --rewrite-every goes with --adversary rewrite: add that, or leave --rewrite-every out\n",
    );
  });

  it("says so loudly in the log before it listens", async () => {
    const server = await spawnServer(["--memory", "--adversary", "regrind"]);
    try {
      const lines = server.logs
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const confession = lines.findIndex((l) => String(l.msg).startsWith("ADVERSARY: this server LIES"));
      expect(confession).toBeGreaterThanOrEqual(0);
      expect(lines[confession]).toMatchObject({ level: 40, mode: "regrind" });
      expect(confession).toBeLessThan(lines.findIndex((l) => String(l.msg).startsWith("listening on")));
    } finally {
      await stopServer(server);
    }
  });
});
