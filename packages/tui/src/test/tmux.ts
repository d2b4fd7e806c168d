import { execFileSync } from "node:child_process";

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
  return { tmux, capture: (target: string) => tmux("capture-pane", "-p", "-t", target) };
}

/** Polls `probe` until it returns something truthy; on timeout the error shows `screen()` if given. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false,
  timeoutMs = 30_000,
  screen?: () => string,
): Promise<T> {
  const start = Date.now();
  let last = "";
  for (;;) {
    try {
      const value = probe();
      if (value) return value;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() - start > timeoutMs) {
      let shown = "";
      try {
        shown = screen?.() ?? "";
      } catch {}
      throw new Error(`timed out waiting for ${what} ${last}\n${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
