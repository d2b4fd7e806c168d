import { TUI_BIN } from "./spawn-server.js";
import { tmuxServer } from "./tmux.js";

export interface TmuxDashboard {
  /** The pos-tui process itself (the pane runs it with exec). */
  pid: number;
  screen(): string;
  keys(...keys: string[]): void;
  kill(): void;
}

/**
 * A private tmux server whose panes run the real CLI in a pseudo-terminal, sized as asked, so Ink
 * draws exactly as it does for a person (CI=false: Ink draws only the last frame when it thinks it
 * runs in CI).
 */
export function tmuxDashboards(socket: string) {
  const server = tmuxServer(socket);
  const { tmux, capture } = server;
  let sessions = 0;
  return {
    start(
      args: string[],
      size = { columns: 100, rows: 30 },
      env: Record<string, string> = {},
      /** Another build's bin (benchmarks compare builds); this tree's by default. */
      bin: string = TUI_BIN,
    ): TmuxDashboard {
      const session = `d${++sessions}`;
      const vars = Object.entries({ CI: "false", ...env }).map(([k, v]) => `${k}=${v}`);
      const command = ["exec", "env", ...vars, process.execPath, bin, ...args].join(" ");
      tmux("new-session", "-d", "-s", session, "-x", String(size.columns), "-y", String(size.rows), command);
      const pid = Number(tmux("display-message", "-p", "-t", session, "#{pane_pid}").trim());
      return {
        pid,
        screen: () => capture(session),
        keys: (...keys: string[]) => void tmux("send-keys", "-t", session, ...keys),
        kill: () => {
          try {
            tmux("kill-session", "-t", session);
          } catch {
            // already gone
          }
        },
      };
    },
    close: server.close,
  };
}
