import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { type SpawnedServer, spawnServer, stopServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { tmuxMissing, tmuxServer } from "@pos-tui/testkit/tmux";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The countdown written in place, in a real terminal: tmux runs the built CLI (build first), its
// screen is read with capture-pane and everything the dashboard wrote is logged with pipe-pane.
const socket = `pos-tui-in-place-${process.pid}-${Date.now()}`;
const screens = tmuxServer(socket);
const { tmux, capture } = screens;
const dir = mkdtempSync(join(tmpdir(), "pos-tui-in-place-"));

/** An edit written in place: save the cursor, up N rows, to column M, the text, restore the cursor. */
const EDIT = /\u001b7\u001b\[(\d+)A\u001b\[(\d+)G([^\u001b]*)\u001b8/;
const EDITS = new RegExp(EDIT.source, "g");
const EDITS_IN_A_ROW = new RegExp(`(?:${EDIT.source}){3}`);
const COUNTDOWN = /^round (\d+) · closes in (\d+)s · next block #\d+/m;

const SIZES = [
  { session: "wide", columns: 80, rows: 24 },
  { session: "narrow", columns: 60, rows: 20 },
];

function startWatch(session: string, columns: number, rows: number, port: number): string {
  const log = join(dir, `${session}.log`);
  const command = `exec env CI=false ${process.execPath} ${TUI_BIN} watch 127.0.0.1:${port}`;
  tmux("new-session", "-d", "-s", session, "-x", String(columns), "-y", String(rows), command);
  tmux("pipe-pane", "-o", "-t", session, `cat >> ${log}`);
  return log;
}

const written = (log: string) => {
  try {
    return readFileSync(log, "utf8");
  } catch {
    return "";
  }
};

/**
 * The lines above the announcements (the header, the chain and the stake panel), but for the
 * stake's history, which a dashboard running longer has seen more of.
 */
const abovePanels = (screen: string) => {
  const lines = screen.split("\n");
  const end = lines.findIndex((line) => line.startsWith("Announcements"));
  return lines.slice(0, end === -1 ? lines.length : end).filter((line) => !line.startsWith("Gini "));
};

/** A dashboard's screen, and that of one started afresh beside it, both read in the same second. */
async function besideAFreshOne(
  session: string,
  freshSession: string,
  columns: number,
  rows: number,
  port: number,
): Promise<[string, string]> {
  startWatch(freshSession, columns, rows, port);
  // The first one is read twice: nothing changed on it between.
  return waitFor(
    () => {
      const first = capture(session);
      const other = capture(freshSession);
      const [line] = COUNTDOWN.exec(first) ?? [];
      return line !== undefined && other.includes(line) && capture(session) === first && [first, other];
    },
    20_000,
    "both dashboards in the same second",
    () => `${capture(session)}\n----\n${capture(freshSession)}`,
    150,
  );
}

describe.skipIf(tmuxMissing)("the countdown written in place (tmux)", { timeout: 120_000 }, () => {
  let server: SpawnedServer;
  const logs = new Map<string, string>();

  beforeAll(async () => {
    server = await spawnServer(["--round", "5s", "--memory"]);
    for (const { session, columns, rows } of SIZES)
      logs.set(session, startWatch(session, columns, rows, server.port));
  });

  afterAll(async () => {
    screens.close();
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts down on screen, each second's digits written in place with no frame between them", async () => {
    for (const { session } of SIZES) {
      // Three different numbers of one round seen on screen, each lower than the one before.
      const seen: number[] = [];
      let round = "";
      await screens.screenShows(session, "the countdown counting down", (screen) => {
        const [, number, left] = COUNTDOWN.exec(screen) ?? [];
        if (number === undefined || left === undefined) return false;
        if (number !== round) seen.length = 0;
        round = number;
        if (seen.at(-1) !== Number(left)) seen.push(Number(left));
        return seen.length >= 3;
      });
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      const log = logs.get(session)!;
      await waitFor(
        () => EDITS_IN_A_ROW.test(written(log)),
        15_000,
        "three edits in a row",
        () => JSON.stringify(written(log).slice(-600)),
      );
      // Each one writes the digits of the second line, one row below the frame's top.
      const rows = SIZES.find((size) => size.session === session)!.rows;
      for (const [, up, , text] of written(log).matchAll(EDITS)) {
        expect(text).toMatch(/^\d+$/);
        expect(Number(up)).toBe(rows - 1 - 1);
      }
    }
  });

  it("draws a block that arrives after in-place edits exactly as a dashboard started afresh does", async () => {
    const alice = await JsonClient.validator(server.port, "100", "alice");
    try {
      // Stakes count from the start of the round after the one joined in.
      alice.submitFor(await alice.expect("round", 10_000));
      await alice.expect("accepted", 10_000);
      await alice.expect("block", 10_000);
    } finally {
      alice.close();
    }
    for (const { session, columns, rows } of SIZES) {
      await screens.screenShows(session, "the block", (screen) => screen.includes("Chain · tip #1"));
      // In-place edits since the block's frame, then a fresh dashboard beside it.
      const log = logs.get(session)!;
      const before = written(log).length;
      await waitFor(() => EDIT.test(written(log).slice(before)), 15_000, "an edit after the block");
      const [edited, fresh] = await besideAFreshOne(session, `${session}-fresh`, columns, rows, server.port);
      expect(abovePanels(edited)).toEqual(abovePanels(fresh));
      expect(edited).toMatch(/Chain · tip #1/);
    }
  });

  it("after a resize, draws the whole screen again and goes on counting in place at the new size", async () => {
    const log = logs.get("wide")!;
    tmux("resize-window", "-t", "wide", "-x", "70", "-y", "22");
    const before = written(log).length;
    // An edit for the new height: the second line is 22 - 1 - 1 rows above the cursor.
    await waitFor(
      () => [...written(log).slice(before).matchAll(EDITS)].some(([, up]) => up === "20"),
      15_000,
      "an edit at the new size",
    );
    const [resized, fresh] = await besideAFreshOne("wide", "resized-fresh", 70, 22, server.port);
    expect(abovePanels(resized)).toEqual(abovePanels(fresh));
    for (const line of resized.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(70);
  });
});
