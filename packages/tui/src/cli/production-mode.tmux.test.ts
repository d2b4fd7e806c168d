import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reactBuildsRun } from "@pos-tui/testkit/react-builds-run";
import { TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { tmuxMissing, tmuxServer } from "@pos-tui/testkit/tmux";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterAll, describe, expect, it } from "vitest";

// The dashboard in a real terminal (tmux) with V8's coverage on, which tells, once the process has
// exited, which builds of React and its reconciler actually ran (the bundle holds both). Run
// `pnpm build` first: the bin runs the bundle.
const socket = `pos-tui-prod-${process.pid}-${Date.now()}`;
const screens = tmuxServer(socket);
const { tmux } = screens;
const dir = mkdtempSync(join(tmpdir(), "pos-tui-react-build-"));

function startWatch(session: string, env: string): void {
  // Port 1 refuses: the dashboard draws "reconnecting" and q still quits.
  const command = `env ${env} ${process.execPath} ${TUI_BIN} watch 127.0.0.1:1; sleep 30`;
  tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command);
}

async function reactBuildsOf(session: string, env: string): Promise<string[]> {
  const coverage = join(dir, session);
  startWatch(session, `${env} CI=false NODE_V8_COVERAGE=${coverage}`);
  await screens.screenShows(session, "the dashboard", (screen) => screen.includes("q quit"));
  tmux("send-keys", "-t", session, "q");
  // V8 writes the coverage as the process exits; a file still being written does not parse yet.
  return waitFor(
    () => existsSync(coverage) && readdirSync(coverage).length > 0 && reactBuildsRun(coverage),
    30_000,
    "the coverage",
  );
}

describe.skipIf(tmuxMissing)("the bin: React's build and colour", { timeout: 60_000 }, () => {
  afterAll(() => {
    screens.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs the production builds of React and the reconciler when NODE_ENV is unset", async () => {
    const builds = await reactBuildsOf("unset", "-u NODE_ENV");
    expect(builds).toContain("react-reconciler.production.js");
    expect(builds).toContain("react.production.js");
    expect(builds.filter((file) => file.includes("development"))).toEqual([]);
  });

  it("leaves a NODE_ENV the user set alone", async () => {
    const builds = await reactBuildsOf("dev", "NODE_ENV=development");
    expect(builds).toContain("react-reconciler.development.js");
    expect(builds).toContain("react.development.js");
    expect(builds.filter((file) => file.includes("production"))).toEqual([]);
  });

  it("still draws under Ink's DEV=true (it then reads its own package.json, inlined in the bundle)", async () => {
    startWatch("inkdev", "DEV=true CI=false");
    await screens.screenShows("inkdev", "the dashboard", (screen) => screen.includes("q quit"));
    tmux("send-keys", "-t", "inkdev", "q");
  });

  it("draws in colour with CI=false, as scripts/tmux-network.sh runs it", async () => {
    startWatch("colour", "-u NO_COLOR -u FORCE_COLOR CI=false");
    const screen = await waitFor(
      () => {
        const text = tmux("capture-pane", "-p", "-e", "-t", "colour");
        return text.includes("q quit") && text;
      },
      30_000,
      "the dashboard",
    );
    // The header's "pos-tui" is bold magenta: some SGR colour sequence must be on screen.
    expect(screen).toMatch(/\u001b\[[0-9;]*3[1-7][0-9;]*m/);
    tmux("send-keys", "-t", "colour", "q");
  });
});
