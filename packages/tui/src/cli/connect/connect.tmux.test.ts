import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SpawnedServer, spawnServer, stopServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { tmuxMissing, tmuxServer } from "@pos-tui/testkit/tmux";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A real terminal: tmux runs the built CLI (run `pnpm build` first, as the test script does), keys are
// typed with send-keys and the screen is read back with capture-pane.
const socket = `pos-tui-test-${process.pid}-${Date.now()}`;
const screens = tmuxServer(socket);
const { tmux, capture } = screens;

describe.skipIf(tmuxMissing)("pos-tui connect in a real terminal (tmux)", { timeout: 90_000 }, () => {
  let server: SpawnedServer;
  let port: number;
  const config = mkdtempSync(join(tmpdir(), "pos-tui-xdg-"));

  beforeAll(async () => {
    server = await spawnServer(["--round", "1s", "--memory"]);
    port = server.port;
  });

  afterAll(async () => {
    screens.close();
    if (server) await stopServer(server);
    rmSync(config, { recursive: true, force: true });
  });

  async function runClient(
    session: string,
    name: string,
    columns: number,
    rows: number,
    bpm: string,
  ): Promise<string> {
    const command =
      `env CI=false XDG_CONFIG_HOME=${config} ${process.execPath} ${TUI_BIN} connect 127.0.0.1:${port} --name ${name}` +
      "; echo EXITED $?; sleep 30";
    tmux("new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows), command);
    await screens.screenShows(session, "the stake prompt", (screen) => screen.includes("Your stake"));
    // A refused stake is cleared with its reason, so the good one typed next is not glued to it.
    tmux("send-keys", "-t", session, "1", "e", "3", "Enter");
    await screens.screenShows(session, "the refusal", (screen) =>
      screen.includes('refused "1e3": exponent notation'),
    );
    expect(capture(session)).toMatch(/Your stake \(whole tokens, 1\.\.10\^18\): *$/m);
    tmux("send-keys", "-t", session, "2", "5", "0");
    await screens.screenShows(session, "the stake echoed", (screen) => screen.includes("ok: 250 tokens"));
    tmux("send-keys", "-t", session, "Enter");
    await screens.screenShows(session, "the BPM prompt", (screen) => screen.includes("BPM for round"));
    await screens.screenShows(session, "the validator welcome", (screen) =>
      screen.includes(`connected as ${name}`),
    );
    tmux("send-keys", "-t", session, ...bpm.split(""), "Enter");
    await screens.screenShows(session, "the accepted candidate", (screen) =>
      /accepted: BPM \d+ for block \d+/.test(screen),
    );
    return screens.screenShows(session, "a new block", (screen) => /won block [1-9]/.test(screen) && screen);
  }

  it("types a stake and a BPM; the chain, stake bars and announcement appear (100x30)", async () => {
    await runClient("wide", "tmuxer", 100, 30, "72");
    // Checked here end to end: its candidate list is fetched in the background and the draw agrees.
    const screen = await screens.screenShows(
      "wide",
      "the block verified",
      (shown) => /▸\*#\d+ +[0-9a-f]{8} ✓ \d+ +you/.test(shown) && shown,
    );
    expect(screen).toMatch(/Chain · tip #[1-9]/);
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
    const after = await screens.screenShows("narrow", "the exit", (text) => text.includes("EXITED") && text);
    expect(after).toContain("EXITED 0");
  });
});
