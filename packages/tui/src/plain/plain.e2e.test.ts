import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@pos-tui/server";
import { spawnServer, stopServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotFleet } from "../bots/fleet.js";
import { botSpecs } from "../bots/specs.js";

// The built CLI (the test script builds first) with pipes instead of a terminal, against a real
// server in this process.
const ESC = "\u001b";

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [TUI_BIN, ...args], {
    env: { ...process.env, CI: "false", XDG_CONFIG_HOME: config, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

let server: RunningServer;
let address: string;
const config = mkdtempSync(join(tmpdir(), "pos-tui-plain-"));

beforeAll(async () => {
  server = await startServer({ host: "127.0.0.1", port: 0, roundMs: 300, logLevel: "silent" });
  address = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(config, { recursive: true, force: true });
});

describe("pos-tui without a terminal", { timeout: 60_000 }, () => {
  it("reads BPM lines from a piped stdin, prints one line per event and exits on EOF", async () => {
    const cli = run(["connect", address, "--stake", "10", "--name", "piper"]);
    cli.child.stdin.end("72\n1e3\n80\n");
    const code = await cli.exit;
    const out = cli.stdout();
    expect(code, cli.stderr()).toBe(0);
    expect(out).toContain("connected as piper");
    expect(out).toMatch(/accepted: BPM 72 is your candidate for block \d+ in round \d+/);
    expect(out).toMatch(/accepted: BPM 80 is your candidate/);
    expect(out).toContain("not sent: ");
    expect(out).not.toContain(ESC);
  });

  it("says what to do when the stake cannot be asked, instead of a dashboard that cannot quit", async () => {
    const cli = run(["connect", address]);
    cli.child.stdin.end("72\n");
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain("give it with --stake N");
    expect(cli.stdout()).toBe("");
  });

  it("with stdout piped, prints events as lines, no frames, and quits on q", async () => {
    const fleet = new BotFleet({
      host: "127.0.0.1",
      port: server.port,
      bots: botSpecs(["b1"], [5n]),
      rounds: null,
    });
    await fleet.connect();
    fleet.start();
    const cli = run(["watch", address]);
    try {
      await waitFor(
        () => (cli.stdout().match(/won block/g) ?? []).length >= 2,
        20_000,
        "two blocks",
        cli.stdout,
      );
      cli.child.stdin.write("q\n");
      expect(await cli.exit).toBe(0);
    } finally {
      await fleet.close();
    }
    const lines = cli.stdout().trim().split("\n");
    expect(lines[0]).toBe("connecting");
    expect(lines).toContainEqual(expect.stringMatching(/^connected as a spectator: chain at block \d+/));
    expect(cli.stdout()).not.toContain(ESC);
    expect(cli.stdout()).not.toContain("q quit");
  });

  it("with stdout piped, checks every block too: a forged block gets an ALARM line naming its check", async () => {
    const liar = await spawnServer(["--memory", "--round", "300ms", "--adversary", "forge"]);
    const fleet = new BotFleet({
      host: "127.0.0.1",
      port: liar.port,
      bots: botSpecs(["b1"], [5n]),
      rounds: null,
    });
    const cli = run(["watch", `127.0.0.1:${liar.port}`]);
    try {
      await fleet.connect();
      fleet.start();
      await waitFor(() => /^ALARM /m.test(cli.stdout()), 20_000, "an alarm line", cli.stdout);
      cli.child.stdin.write("q\n");
      expect(await cli.exit).toBe(0);
    } finally {
      await fleet.close();
      await stopServer(liar);
    }
    const alarms = cli
      .stdout()
      .split("\n")
      .filter((line) => line.startsWith("ALARM "));
    expect(alarms[0]).toMatch(/^ALARM ✗ block \d+ failed: signature: /);
    // Each forged block raises its own line: a pipe has no banner to dismiss.
    expect(new Set(alarms).size).toBe(alarms.length);
  });

  it("with TERM=dumb, prints plain ASCII lines", async () => {
    const cli = run(["connect", address, "--stake", "10", "--name", "zoé·dumb"], { TERM: "dumb" });
    cli.child.stdin.end("90\n");
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toContain("connected as zo?-dumb");
    expect(cli.stdout()).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
