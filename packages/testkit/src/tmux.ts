import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { waitFor } from "./wait-for.js";

/** tmux is required in CI (.ci/run installs it); elsewhere its absence skips the real-terminal tests. */
export const tmuxMissing = (() => {
  try {
    execFileSync("tmux", ["-V"]);
    return false;
  } catch {
    if (process.env.CI) throw new Error("tmux is required for the real-terminal tests in CI");
    return true;
  }
})();

/** A private tmux server (its own socket name), so tests never touch a person's sessions. */
export function tmuxServer(socket: string) {
  const tmux = (...args: string[]) =>
    execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const capture = (target: string) => tmux("capture-pane", "-p", "-t", target);
  return {
    tmux,
    capture,
    /** Waits until `probe` of the session's screen is truthy; a timeout shows the screen. */
    screenShows<T>(session: string, what: string, probe: (screen: string) => T, timeoutMs = 30_000) {
      // Each look runs tmux: a slower pace than waitFor's default spares a loaded machine.
      return waitFor(
        () => probe(capture(session)),
        timeoutMs,
        what,
        () => capture(session),
        150,
      );
    },
    /** Ends every session and removes the socket file kill-server leaves behind. */
    close(): void {
      try {
        tmux("kill-server");
      } catch {
        // no sessions left
      }
      const uid = process.getuid?.() ?? 0;
      rmSync(join(process.env.TMUX_TMPDIR ?? "/tmp", `tmux-${uid}`, socket), { force: true });
    },
  };
}
