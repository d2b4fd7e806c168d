import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tmuxMissing, tmuxServer, until } from "../../test/tmux.js";

// A real terminal: tmux runs the built CLI (run `pnpm build` first, as the test script does), keys are
// typed with send-keys and the screen is read back with capture-pane.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const TUI = here("../../../bin/pos-tui.js");
const SERVER = here("../../../../server/bin/pos-server.js");
const socket = `pos-tui-test-${process.pid}-${Date.now()}`;
const { tmux, capture } = tmuxServer(socket);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    }).on("error", () => resolve(false));
  });

describe.skipIf(tmuxMissing)("pos-tui connect in a real terminal (tmux)", { timeout: 90_000 }, () => {
  let server: ChildProcess;
  let port: number;
  const config = mkdtempSync(join(tmpdir(), "pos-tui-xdg-"));

  beforeAll(async () => {
    port = await freePort();
    server = spawn(
      process.execPath,
      [SERVER, "--port", String(port), "--round", "1s", "--memory", "--log-level", "warn"],
      {
        stdio: "ignore",
      },
    );
    const start = Date.now();
    while (!(await canConnect(port))) {
      if (Date.now() - start > 10_000) throw new Error("pos-server did not start");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(() => {
    try {
      tmux("kill-server");
    } catch {
      // already gone: every session ended
    }
    server?.kill("SIGTERM");
    rmSync(config, { recursive: true, force: true });
    // kill-server leaves the socket file behind.
    const uid = process.getuid?.() ?? 0;
    rmSync(join(process.env.TMUX_TMPDIR ?? "/tmp", `tmux-${uid}`, socket), { force: true });
  });

  async function runClient(
    session: string,
    name: string,
    columns: number,
    rows: number,
    bpm: string,
  ): Promise<string> {
    const command =
      `env CI=false XDG_CONFIG_HOME=${config} ${process.execPath} ${TUI} connect 127.0.0.1:${port} --name ${name}` +
      "; echo EXITED $?; sleep 30";
    tmux("new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows), command);
    await until("the stake prompt", () => capture(session).includes("Your stake"));
    // A refused stake is cleared with its reason, so the good one typed next is not glued to it.
    tmux("send-keys", "-t", session, "1", "e", "3", "Enter");
    await until("the refusal", () => capture(session).includes('refused "1e3": exponent notation'));
    expect(capture(session)).toMatch(/Your stake \(whole tokens, 1\.\.10\^18\): *$/m);
    tmux("send-keys", "-t", session, "2", "5", "0");
    await until("the stake echoed", () => capture(session).includes("ok: 250 tokens"));
    tmux("send-keys", "-t", session, "Enter");
    await until("the BPM prompt", () => capture(session).includes("BPM for round"));
    await until("the validator welcome", () => capture(session).includes(`connected as ${name}`));
    tmux("send-keys", "-t", session, ...bpm.split(""), "Enter");
    await until(
      "the accepted candidate",
      () => /accepted: BPM \d+ for block \d+/.test(capture(session)),
      30_000,
      () => capture(session),
    );
    return until("a new block", () => {
      const screen = capture(session);
      return /won block [1-9]/.test(screen) && screen;
    });
  }

  it("types a stake and a BPM; the chain, stake bars and announcement appear (100x30)", async () => {
    const screen = await runClient("wide", "tmuxer", 100, 30, "72");
    expect(screen).toMatch(/Chain · tip #[1-9]/);
    expect(screen).toMatch(/▸\*#\d+ +[0-9a-f]{8} +\d+ +you/);
    expect(screen).toMatch(/●\*tmuxer +█+/);
    // The announcement wraps in its panel wherever the ticket's digits put the break.
    expect(screen.replace(/\s+/g, " ")).toMatch(/round \d+: you won block \d+ - ticket \d+ of 250/);
    expect(screen.split("\n").filter((line) => line.trim() !== "").length).toBeLessThanOrEqual(29);
  });

  it("works the same at 60 columns, and q quits cleanly", async () => {
    const screen = await runClient("narrow", "narrow", 60, 20, "88");
    expect(screen).toMatch(/Chain · tip #[1-9]/);
    expect(screen).toMatch(/Stake · 2 validators/);
    expect(screen).toMatch(/\*narrow +█+/);
    expect(screen).toMatch(/round \d+: \w+ won block \d+/);
    for (const line of screen.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(60);
    tmux("send-keys", "-t", "narrow", "q");
    const after = await until("the exit", () => {
      const text = capture("narrow");
      return text.includes("EXITED") && text;
    });
    expect(after).toContain("EXITED 0");
  });
});
