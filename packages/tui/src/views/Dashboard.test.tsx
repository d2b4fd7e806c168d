import type { ServerMessage } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { honestBlockPush, roundSecret, validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { type DashboardState, dashboardReducer, initialDashboardState } from "../state/dashboard-state.js";
import { Dashboard, type DashboardProps } from "./Dashboard.js";

const alice = testKeys(1);
const bob = testKeys(2);

function stateWithChain(length: number): DashboardState {
  const chain = blocksInTurn(length, [bob, alice]);
  const tip = chain.at(-2)!;
  const welcome: ServerMessage = {
    type: "welcome",
    version: 1,
    you: validatorInfo(alice, "alice", "100", 4),
    tip: { index: tip.Index, hash: tip.Hash },
    blocks: chain.slice(-101, -1),
    validators: [validatorInfo(bob, "bob", "300", 9)],
    round: {
      type: "round",
      round: length,
      commit: roundSecret(length).commit,
      closesAt: "2026-01-01T12:00:10.000Z",
      tipIndex: tip.Index,
      tipHash: tip.Hash,
    },
  };
  let state = dashboardReducer(initialDashboardState(null), { type: "server", message: welcome });
  state = dashboardReducer(state, { type: "server", message: honestBlockPush(chain.at(-1)!, length, "bob") });
  return dashboardReducer(state, { type: "connection", state: { kind: "connected" } });
}

const props = (state: DashboardState, columns: number, rows: number): DashboardProps => ({
  state,
  columns,
  rows,
  now: Date.parse("2026-01-01T12:00:05.000Z"),
  server: "127.0.0.1:9090",
  me: { name: "alice", key: alice.publicKey, stake: "100" },
  mode: "bpm",
  input: "",
  auto: false,
  selected: 0,
  overlay: "none",
});

/** A class of 60: alice (you) has a small stake, so she sorts near the bottom; every fourth one left. */
function classState(): DashboardState {
  let state = stateWithChain(30);
  const changes = Array.from({ length: 59 }, (_, i) => {
    const keys = testKeys(i + 40);
    return validatorInfo(keys, `s${i}`, String(500 + i), i % 5, i % 4 !== 3);
  });
  state = dashboardReducer(state, { type: "server", message: { type: "validators", changes } });
  return state;
}

describe("Dashboard with a class of 60 validators", () => {
  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
  ] as const) {
    it(`keeps your row pinned in the stake panel at ${columns}x${rows}`, async () => {
      const state = classState();
      expect(state.validators.size).toBe(61);
      const frame = await frameOf(<Dashboard {...props(state, columns, rows)} />);
      const lines = linesOf(frame);
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      expect(widest(frame)).toBeLessThanOrEqual(columns);
      const title = lines.findIndex((line) => line.startsWith("Stake · "));
      expect(lines[title]).toMatch(/^Stake · 47 online, 14 offline/);
      // The concentration of the online stake, then online first: the biggest online stake, and
      // alice's own row pinned below the window.
      expect(lines[title + 1]).toMatch(/^Gini 0\.\d{3} \S+ · top \d+\.\d% · Nak/);
      expect(lines[title + 2]).toMatch(/^● s58 /);
      expect(lines.some((line) => /^●\*alice /.test(line))).toBe(true);
      expect(lines.some((line) => /↓ \d+ more · s or Tab: scroll/.test(line))).toBe(true);
      expect(frame).toMatch(/\? keys · s st/);
      expect(lines.at(-2)).toMatch(/^BPM for round 30:/);
    });
  }

  it("sums up the class joining in one line, so the round result stays in view at 60x20", async () => {
    const state = dashboardReducer(classState(), {
      type: "server",
      message: honestBlockPush(blocksInTurn(31, [bob, alice]).at(-1)!, 31, "bob"),
    });
    const frame = await frameOf(<Dashboard {...props(state, 60, 20)} />);
    const news = linesOf(frame).slice(linesOf(frame).findIndex((line) => line.startsWith("Announcements")));
    expect(news[1]).toMatch(/^★ round 31: you won block 31/);
    expect(frame).toContain("59 validators joined: s0, s1, s2 +56");
  });

  it("gives the focused stake panel more room and scrolls it, alice still pinned", async () => {
    const state = classState();
    const frame = await frameOf(<Dashboard {...props(state, 80, 24)} focus="stake" stakeOffset={30} />);
    const lines = linesOf(frame);
    expect(lines.length).toBeLessThanOrEqual(23);
    const title = lines.findIndex((line) => line.startsWith("Stake · "));
    const footer = lines.findIndex((line) => /^↑ \d+ above/.test(line));
    expect(footer - title).toBeGreaterThanOrEqual(8);
    expect(lines.some((line) => /^●\*alice /.test(line))).toBe(true);
    expect(frame).toContain("↑↓ scroll stake · o offline · Esc");
  });
});

describe("Dashboard", () => {
  it("puts the panels side by side when wide", async () => {
    const frame = await frameOf(<Dashboard {...props(stateWithChain(1000), 100, 30)} />);
    const lines = linesOf(frame);
    expect(lines.length).toBeLessThanOrEqual(29);
    expect(widest(frame)).toBeLessThanOrEqual(100);
    expect(lines[2]).toMatch(/^Chain · tip #1000 .* Stake · 2 validators/);
    expect(frame).toContain("round 1000: bob won block 1000");
    expect(lines.at(-2)).toMatch(/^BPM for round 1000:/);
  });

  it("stacks the panels at 60x20 and stays one line short of the terminal", async () => {
    const frame = await frameOf(<Dashboard {...props(stateWithChain(1000), 60, 20)} />);
    const lines = linesOf(frame);
    expect(lines.length).toBeLessThanOrEqual(19);
    expect(widest(frame)).toBeLessThanOrEqual(60);
    const at = (re: RegExp) => lines.findIndex((line) => re.test(line));
    expect(at(/^Chain · tip #1000/)).toBe(2);
    expect(at(/^Stake · 2/)).toBeGreaterThan(at(/^Chain/));
    expect(at(/^Announcements/)).toBeGreaterThan(at(/^Stake/));
    expect(frame).toContain("● bob");
    expect(frame).toContain("round 1000: bob won");
    expect(at(/^BPM for round/)).toBe(lines.length - 2);
  });

  it("shows help and block details in place of the panels", async () => {
    const state = stateWithChain(10);
    const help = await frameOf(<Dashboard {...props(state, 60, 20)} overlay="help" />);
    const helpLines = linesOf(help);
    expect(helpLines[2]).toBe("Keys");
    // Every key in the key column, in order, and no panel behind them.
    expect(helpLines.slice(3, 14).map((line) => line.slice(0, 18).trimEnd())).toEqual([
      "0-9, Enter",
      "↑ ↓  PgUp PgDn",
      "s",
      "Tab",
      "o",
      "Enter (empty) / d",
      "c",
      "a",
      "Esc, x",
      "?",
      "q, Ctrl+C",
    ]);
    expect(help).not.toMatch(/Chain · |Stake · |Announcements/);
    expect(widest(help)).toBeLessThanOrEqual(60);
    const details = await frameOf(<Dashboard {...props(state, 100, 30)} overlay="details" selected={1} />);
    expect(details).toContain("Block #9 · by you");
    expect(details.replace(/\s+/g, "")).toContain(blocksInTurn(10, [bob, alice])[9]!.Hash);
  });

  it("asks for the stake first when none was given, and has no prompt for a spectator", async () => {
    const state = stateWithChain(3);
    const asking = await frameOf(<Dashboard {...props(state, 60, 20)} mode="stake-prompt" input="12a" />);
    expect(asking).toContain("Your stake");
    expect(asking).toContain("decimal digits only");
    const watching = await frameOf(<Dashboard {...props(state, 60, 20)} mode="watch" me={null} />);
    expect(watching).not.toContain("BPM for");
    expect(watching).toContain("spectator");
  });
});

describe("Dashboard stake panel figures", () => {
  it("shows the online stake's Gini with its trend, the top share and Nakamoto at 80x24", async () => {
    // alice 100 and bob 300 online: Gini 0.25, bob holds 75%, one validator is past both thresholds.
    let state = stateWithChain(12);
    const chain = blocksInTurn(14, [bob, alice]);
    state = dashboardReducer(state, { type: "server", message: honestBlockPush(chain.at(-1)!, 14, "alice") });
    // A reward (or a declared change) for that block: alice now holds 300 of 600.
    state = dashboardReducer(state, {
      type: "server",
      message: { type: "validators", changes: [validatorInfo(alice, "alice", "300", 5)] },
    });
    expect(state.stakeHistory.map((s) => s.gini)).toEqual([0.25, 0.25, 0]);
    const lines = linesOf(await frameOf(<Dashboard {...props(state, 80, 24)} />));
    const title = lines.findIndex((line) => line.startsWith("Stake · "));
    // Half is not more than half: it takes both for > 50%, either one for > 33%.
    expect(lines[title + 1]).toBe("Gini 0.000 ██▁ · top 50.0% · Nakamoto 2 >50%, 1 >33%");
    expect(lines.some((line) => /^●\*alice .* 50\.0% won/.test(line))).toBe(true);
  });
});

describe("Dashboard banners", () => {
  /** The class state with its tip forged after signing (its BPM changed), and block 25 edited here. */
  function alarmed(): DashboardState {
    const state = classState();
    const tip = state.chain.at(-1)!.block;
    const forged = { ...tip, Index: tip.Index + 1, PrevHash: tip.Hash, BPM: 99 };
    // The verdict a verifier gives such a block (its own tests are in core).
    const verdicts = [
      {
        index: forged.Index,
        hash: forged.Hash,
        status: "failed" as const,
        checks: [
          {
            id: "hash" as const,
            status: "failed" as const,
            message: "Hash does not match the block's fields",
          },
        ],
      },
    ];
    const next = dashboardReducer(state, {
      type: "server",
      message: honestBlockPush(forged, 31, "bob"),
      verdicts,
    });
    return dashboardReducer(next, { type: "tamper", index: 25, bpm: 120 });
  }

  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
  ] as const) {
    it(`fits the alarm and the tamper view above the panels at ${columns}x${rows}`, async () => {
      const frame = await frameOf(<Dashboard {...props(alarmed(), columns, rows)} />);
      const lines = linesOf(frame);
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      expect(widest(frame)).toBeLessThanOrEqual(columns);
      expect(lines[2]).toMatch(/^TAMPER VIEW \(nothing is sent; Esc restores\): block 25 BPM/);
      expect(lines[4]).toMatch(/^✗ block 31 failed: hash: Hash does not match/);
      expect(lines[6]).toMatch(/^Chain · tip #31/);
      expect(lines[1]).toMatch(/ · x dismiss · /);
      expect(lines.at(-1)).toMatch(/^refused|^no candidate|^auto|^accepted|^BPM/);
      expect(lines.at(-2)).toMatch(/^BPM for round \d+:/);
    });
  }

  it("names the check in ASCII under TERM=dumb", async () => {
    const frame = await frameOf(<Dashboard {...props(alarmed(), 80, 24)} ascii />);
    expect(frame).toMatch(/^X block 31 failed: hash:/m);
    expect(frame).toMatch(/^▸ #31 +[0-9a-f]{8} X 99 /m);
  });
});
