import { describe, expect, it } from "vitest";
import { initialDashboardState } from "../state/dashboard-state.js";
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
  });
});

describe("eventLines", () => {
  it("prints a connection change and each new announcement once", () => {
    const before = initialDashboardState(null);
    const after = {
      ...before,
      connection: { kind: "reconnecting" as const, attempt: 2, retryAt: 5_000, reason: "connection refused" },
      announcements: [{ id: 1, kind: "info" as const, text: "hello" }],
      nextId: 2,
    };
    expect(eventLines(before, after, 1_000)).toEqual([
      "reconnecting in 4s (attempt 2): connection refused",
      "hello",
    ]);
    expect(eventLines(after, after, 1_000)).toEqual([]);
  });
});
