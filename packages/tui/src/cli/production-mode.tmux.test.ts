import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { tmuxMissing, tmuxServer, until } from "../test/tmux.js";

// The dashboard in a real terminal (tmux), with a preload that reports, as the process exits, which
// builds of React and its reconciler were loaded. Run `tsc -b` first: the bin runs the build.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const TUI = here("../../bin/pos-tui.js");
const PROBE = here("../test/report-react-build.cjs");
const socket = `pos-tui-prod-${process.pid}-${Date.now()}`;
const { tmux, capture } = tmuxServer(socket);
const dir = mkdtempSync(join(tmpdir(), "pos-tui-react-build-"));

function startWatch(session: string, env: string): void {
  // Port 1 refuses: the dashboard draws "reconnecting" and q still quits.
  const command = `env ${env} ${process.execPath} --require ${PROBE} ${TUI} watch 127.0.0.1:1; sleep 30`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
}

async function reactBuildsOf(session: string, env: string): Promise<string[]> {
  const report = join(dir, `${session}.json`);
  startWatch(session, `${env} CI=false REACT_BUILD_REPORT=${report}`);
  await until("the dashboard", () => capture(session).includes("q quit"));
  tmux("send-keys", "-t", session, "q");
  const text = await until("the report", () => {
    try {
      return readFileSync(report, "utf8");
    } catch {
      return false;
    }
  });
  return (JSON.parse(text) as string[]).map((path) => path.replace(/^.*[\\/]cjs[\\/]/, ""));
}

describe.skipIf(tmuxMissing)("the bin: React's build and colour", { timeout: 60_000 }, () => {
  afterAll(() => {
    try {
      tmux("kill-server");
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
    const uid = process.getuid?.() ?? 0;
    rmSync(join(process.env.TMUX_TMPDIR ?? "/tmp", `tmux-${uid}`, socket), { force: true });
  });

  it("runs the production builds of React and the reconciler when NODE_ENV is unset", async () => {
    const builds = await reactBuildsOf("unset", "-u NODE_ENV");
    expect(builds).toContain("react-reconciler.production.js");
    expect(builds.filter((file) => file.includes("development"))).toEqual([]);
  });

  it("leaves a NODE_ENV the user set alone", async () => {
    const builds = await reactBuildsOf("dev", "NODE_ENV=development");
    expect(builds).toContain("react-reconciler.development.js");
  });

  it("draws in colour with CI=false, as scripts/tmux-network.sh runs it", async () => {
    startWatch(
      "colour",
      `-u NO_COLOR -u FORCE_COLOR CI=false REACT_BUILD_REPORT=${join(dir, "colour.json")}`,
    );
    const screen = await until("the dashboard", () => {
      const text = tmux("capture-pane", "-p", "-e", "-t", "colour");
      return text.includes("q quit") && text;
    });
    // The header's "pos-tui" is bold magenta: some SGR colour sequence must be on screen.
    expect(screen).toMatch(/\u001b\[[0-9;]*3[1-7][0-9;]*m/);
    tmux("send-keys", "-t", "colour", "q");
  });
});
