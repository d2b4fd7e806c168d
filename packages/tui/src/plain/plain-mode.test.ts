import { testKeys } from "@pos-tui/testkit/chain";
import { validatorInfo } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { type DashboardState, dashboardReducer, initialDashboardState } from "../state/dashboard-state.js";
import { eventLines } from "./event-lines.js";
import { plainReason, toAscii } from "./plain-mode.js";

describe("plainReason", () => {
  it("runs the dashboard only with a terminal on both ends that takes cursor movement", () => {
    const tty = { stdinIsTTY: true, stdoutIsTTY: true, term: "xterm-256color" };
    expect(plainReason(tty)).toBeNull();
    expect(plainReason({ ...tty, stdinIsTTY: false })).toBe("stdin");
    expect(plainReason({ ...tty, stdoutIsTTY: false })).toBe("stdout");
    expect(plainReason({ ...tty, term: "dumb" })).toBe("dumb");
    expect(plainReason({ stdinIsTTY: false, stdoutIsTTY: false, term: "dumb" })).toBe("dumb");
  });
});

describe("toAscii", () => {
  it("keeps printable ASCII, swaps the dashboard's own symbols and marks the rest", () => {
    expect(toAscii("round 3 · closes… ▸ zoé 🙂")).toBe("round 3 - closes... > zo? ?");
    // The check marks keep their meaning, as the dashboard's ASCII glyphs do.
    expect(toAscii("ALARM ✗ block 4 failed, block 3 ✓")).toBe("ALARM X block 4 failed, block 3 +");
  });
});

describe("eventLines", () => {
  it("prints a connection change and each new announcement once", () => {
    const before = initialDashboardState(null);
    const after = {
      ...before,
      connection: { kind: "reconnecting" as const, attempt: 2, retryAt: 5_000, reason: "connection refused" },
      announcements: [{ id: 1, kind: "bye" as const, reason: "restarting" }],
      nextId: 2,
    };
    expect(eventLines(before, after, 1_000)).toEqual([
      "reconnecting in 4s (attempt 2): connection refused",
      "server is going away: restarting",
    ]);
    expect(eventLines(after, after, 1_000)).toEqual([]);
  });

  it("prints a join folded into an earlier line again, so a log misses no one joining", () => {
    const join = (state: DashboardState, i: number) =>
      dashboardReducer(state, {
        type: "server",
        message: { type: "validators", changes: [validatorInfo(testKeys(i + 50), `s${i}`, "100")] },
      });
    const states = [initialDashboardState(null)];
    for (let i = 0; i < 4; i++) states.push(join(states.at(-1)!, i));
    const printed = states.slice(1).flatMap((after, i) => eventLines(states[i]!, after, 1_000));
    expect(printed).toEqual([
      "s0 joined with stake 100",
      "2 validators joined: s0, s1",
      "3 validators joined: s0, s1, s2",
      "4 validators joined: s0, s1, s2 +1",
    ]);
  });
});
