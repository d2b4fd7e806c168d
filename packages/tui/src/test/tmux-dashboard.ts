import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tmuxServer } from "./tmux.js";

/** The built CLI (run `pnpm build` first: the bin runs the bundle). */
export const TUI_BIN = fileURLToPath(new URL("../../bin/pos-tui.js", import.meta.url));

/** Resident memory (MB) and CPU time (ms) of a process, from Linux /proc; null once it is gone. */
export function procStats(pid: number): { rssMb: number; cpuMs: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024,
      cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
    };
  } catch {
    return null;
  }
}

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
  const { tmux, capture } = tmuxServer(socket);
  let sessions = 0;
  return {
    start(
      args: string[],
      size = { columns: 100, rows: 30 },
      env: Record<string, string> = {},
    ): TmuxDashboard {
      const session = `d${++sessions}`;
      const vars = Object.entries({ CI: "false", ...env }).map(([k, v]) => `${k}=${v}`);
      const command = ["exec", "env", ...vars, process.execPath, TUI_BIN, ...args].join(" ");
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
    close(): void {
      try {
        tmux("kill-server");
      } catch {
        // no sessions left
      }
      // kill-server leaves the socket file behind.
      const uid = process.getuid?.() ?? 0;
      rmSync(join(process.env.TMUX_TMPDIR ?? "/tmp", `tmux-${uid}`, socket), { force: true });
    },
  };
}
