import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { tmuxMissing, tmuxServer } from "@pos-tui/testkit/tmux";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterAll, describe, expect, it } from "vitest";

// `pos-tui demo` in a real terminal: tmux runs the built CLI (the test script builds first), keys go
// in with send-keys, the screen comes back with capture-pane. A unique marker in the demo's
// environment finds every process it might have left behind.
const marker = `pos-tui-demo-test-${process.pid}-${Date.now()}`;
const socket = marker;
const server = tmuxServer(socket);
const tmux = server.tmux;

/** Pids whose environment carries the marker: the demo and anything it started. */
function markedProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (
        readFileSync(`/proc/${entry}/environ`, "latin1").split("\0").includes(`POS_TUI_TEST_MARK=${marker}`)
      )
        found.push(Number(entry));
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

describe.skipIf(tmuxMissing || process.platform !== "linux")(
  "pos-tui demo in a real terminal",
  { timeout: 150_000 },
  () => {
    const config = mkdtempSync(join(tmpdir(), "pos-tui-demo-xdg-"));

    afterAll(() => {
      server.close();
      for (const pid of markedProcesses()) process.kill(pid, "SIGKILL");
      rmSync(config, { recursive: true, force: true });
    });

    it("starts a network, forges blocks, takes a BPM, and q leaves nothing behind", async () => {
      const command =
        `env CI=false POS_TUI_TEST_MARK=${marker} XDG_CONFIG_HOME=${config} ` +
        `${process.execPath} ${TUI_BIN} demo --round 700ms` +
        "; echo EXITED $?; sleep 60";
      tmux("new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", command);

      const screen = await server.screenShows(
        "demo",
        "bot blocks",
        (text) => /Chain · tip #([3-9]|\d\d)/.test(text) && text,
        60_000,
      );
      expect(screen).toMatch(/Stake · 5 validators/);
      for (const name of ["alice", "bob", "carol", "dave"]) expect(screen).toContain(name);
      expect(screen).toMatch(/●\*you +█*░+/);
      expect(screen).toMatch(/round \d+: \w+ won block \d+ - ticket \d+ of \d+/);
      // One process: the server and the bots live inside the demo, not beside it.
      expect(markedProcesses()).toHaveLength(1);

      // Typed just as a round closes, a BPM is refused as late (WRONG_ROUND): on a loaded machine
      // that can happen, so type it again until one lands.
      for (let attempt = 1; ; attempt++) {
        tmux("send-keys", "-t", "demo", "7", "2", "Enter");
        try {
          await server.screenShows(
            "demo",
            "your accepted candidate",
            (text) => /accepted: BPM 72/.test(text),
            10_000,
          );
          break;
        } catch (error) {
          if (attempt === 4) throw error;
        }
      }

      tmux("send-keys", "-t", "demo", "q");
      const after = await server.screenShows(
        "demo",
        "the exit",
        (text) => text.includes("EXITED") && text,
        60_000,
      );
      expect(after).toContain("EXITED 0");
      expect(after).toMatch(/pos-tui demo: stopped the server on 127\.0\.0\.1:\d+ \(\d+ blocks\) and 4 bots/);
      await waitFor(() => markedProcesses().length === 0, 10_000, "no demo process");
      // No key file, no chain: the demo's key lived in memory only.
      expect(readdirSync(config)).toEqual([]);
    });

    it("draws ASCII glyphs under TERM=dumb", async () => {
      const command =
        `env CI=false TERM=dumb POS_TUI_TEST_MARK=${marker} XDG_CONFIG_HOME=${config} ` +
        `${process.execPath} ${TUI_BIN} demo --round 700ms` +
        "; echo EXITED $?; sleep 60";
      tmux("new-session", "-d", "-s", "dumb", "-x", "100", "-y", "30", command);
      const screen = await server.screenShows(
        "dumb",
        "the ASCII stake panel",
        (text) => /Stake · 5 validators/.test(text) && /o\*you +#*-+/.test(text) && text,
        60_000,
      );
      expect(screen).not.toMatch(/[●○█░★↑↓]/);
      tmux("send-keys", "-t", "dumb", "q");
      await server.screenShows("dumb", "the exit", (text) => text.includes("EXITED 0"), 60_000);
    });
  },
);
