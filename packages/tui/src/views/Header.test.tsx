import { testKeys } from "@pos-tui/testkit/chain";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describeConnectionState } from "../client/connection-state.js";
import type { ScreenEdit } from "../render/in-place.js";
import { InPlaceContext } from "../render/in-place-context.js";
import { Header } from "./Header.js";

vi.mock("../client/connection-state.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../client/connection-state.js")>();
  return { ...original, describeConnectionState: vi.fn(original.describeConnectionState) };
});

const alice = testKeys(1);
const round = {
  type: "round" as const,
  round: 12,
  commit: "e".repeat(64),
  closesAt: "2026-01-01T12:00:10.000Z",
  tipIndex: 41,
  tipHash: "f".repeat(64),
};
const now = Date.parse("2026-01-01T12:00:05.800Z");

describe("Header", () => {
  it("says who you are, the server, the connection, the round and its countdown", async () => {
    const lines = linesOf(
      await frameOf(
        <Header
          me={{ name: "alice", key: alice.publicKey, stake: "100" }}
          server="127.0.0.1:9090"
          connection={{ kind: "connected" }}
          round={round}
          now={now}
          width={100}
        />,
      ),
    );
    expect(lines[0]).toBe(
      `pos-tui · connected · alice ${alice.publicKey.slice(0, 8)} · stake 100 · 127.0.0.1:9090`,
    );
    expect(lines[1]).toBe("round 12 · closes in 5s · next block #42 · ? keys · q quit");
  });

  it("counts down to a reconnect and says which attempt it is", async () => {
    const frame = await frameOf(
      <Header
        me={null}
        server="127.0.0.1:9090"
        connection={{ kind: "reconnecting", attempt: 3, retryAt: now + 2_100, reason: "connection refused" }}
        round={null}
        now={now}
        width={100}
      />,
    );
    expect(linesOf(frame)[0]).toBe("pos-tui · reconnecting in 3s (attempt 3) · spectator · 127.0.0.1:9090");
    expect(linesOf(frame)[1]).toBe("connection refused · ? keys · q quit");
  });

  it("keeps the connection state visible at 60 columns", async () => {
    const frame = await frameOf(
      <Header
        me={{ name: "a-rather-long-validator-name", key: alice.publicKey, stake: "1000000000000000000" }}
        server="127.0.0.1:9090"
        connection={{ kind: "closed", reason: "you quit" }}
        round={round}
        now={now}
        width={60}
      />,
    );
    expect(widest(frame)).toBeLessThanOrEqual(60);
    expect(linesOf(frame)[0]).toMatch(/^pos-tui · closed · /);
    expect(linesOf(frame)[1]).toMatch(/^you quit/);
  });

  it("shows why the connection failed in full at 80 columns, and no stale countdown", async () => {
    const frame = await frameOf(
      <Header
        me={{ name: "a-rather-long-validator-name", key: alice.publicKey, stake: "1000000000000000000" }}
        server="classroom-laptop.local:9090"
        connection={{
          kind: "reconnecting",
          attempt: 12,
          retryAt: now + 30_000,
          reason: "connection refused (is pos-server running?)",
        }}
        round={round}
        now={now}
        width={80}
      />,
    );
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(linesOf(frame)[0]).toMatch(/^pos-tui · reconnecting in 30s \(attempt 12\) · /);
    expect(linesOf(frame)[1]).toBe("connection refused (is pos-server running?) · ? keys · q quit");
    expect(frame).not.toContain("closes in");
  });

  it("counts down by itself, once a second, when no clock is given", async () => {
    const closesAt = new Date(Date.now() + 3_500).toISOString();
    const app = render(
      <Header
        me={null}
        server="127.0.0.1:9090"
        connection={{ kind: "connected" }}
        round={{ ...round, closesAt }}
        width={80}
      />,
    );
    try {
      await waitFor(() => (app.lastFrame() ?? "").includes("closes in 4s"), 2_000, "the first count");
      await waitFor(() => (app.lastFrame() ?? "").includes("closes in 3s"), 3_000, "a tick");
      await waitFor(() => (app.lastFrame() ?? "").includes("closes in 2s"), 3_000, "another tick");
    } finally {
      app.unmount();
    }
  });

  it("ends the second line with the keys it is given, while its own clock ticks and while disconnected", async () => {
    const keys = "↑↓ scroll stake · o offline · Esc · q quit";
    const closesAt = new Date(Date.now() + 2_500).toISOString();
    const app = render(
      <Header
        me={null}
        server="127.0.0.1:9090"
        connection={{ kind: "connected" }}
        round={{ ...round, closesAt }}
        width={100}
        keys={keys}
      />,
    );
    try {
      await waitFor(() => (app.lastFrame() ?? "").includes(`closes in 3s · next block #42 · ${keys}`), 2_000);
      await waitFor(() => (app.lastFrame() ?? "").includes(`closes in 2s · next block #42 · ${keys}`), 3_000);
    } finally {
      app.unmount();
    }
    const frame = await frameOf(
      <Header
        me={null}
        server="127.0.0.1:9090"
        connection={{ kind: "closed", reason: "you quit" }}
        round={round}
        now={now}
        width={100}
        keys={keys}
      />,
    );
    expect(linesOf(frame)[1]).toBe(`you quit · ${keys}`);
  });

  describe("with its own clock (a fake one here)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // Each render of the header makes Ink lay out and redraw the whole dashboard; the header
    // describes the connection once per render.
    const renders = (_app: ReturnType<typeof render>) => vi.mocked(describeConnectionState).mock.calls.length;
    // Fake time moves on; React's own scheduling (setImmediate, left real) then gets a few turns.
    const advance = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    };

    it("redraws once per second shown, on the second, and not at all once the countdown is over", async () => {
      vi.useFakeTimers({
        now: Date.parse("2026-01-01T12:00:06.700Z"),
        toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      });
      const app = render(
        <Header
          me={null}
          server="127.0.0.1:9090"
          connection={{ kind: "connected" }}
          round={round}
          width={80}
        />,
      );
      try {
        await advance(0);
        expect(app.lastFrame()).toContain("closes in 4s");
        const first = renders(app);
        await advance(299);
        expect(renders(app)).toBe(first);
        await advance(1);
        expect(app.lastFrame()).toContain("closes in 3s");
        expect(renders(app)).toBe(first + 1);
        await advance(1000);
        expect(app.lastFrame()).toContain("closes in 2s");
        expect(renders(app)).toBe(first + 2);
        await advance(2000);
        expect(app.lastFrame()).toContain("closes in 0s");
        const over = renders(app);
        await advance(10_000);
        expect(renders(app)).toBe(over);
      } finally {
        app.unmount();
      }
    });

    /** A header whose writer in place records each edit, and accepts it while `accept` says so. */
    function inPlaceHeader(accept: () => boolean) {
      const edits: ScreenEdit[] = [];
      const write = (edit: ScreenEdit) => {
        edits.push(edit);
        return accept();
      };
      const header = (
        <InPlaceContext.Provider value={write}>
          <Header
            me={null}
            server="127.0.0.1:9090"
            connection={{ kind: "connected" }}
            round={round}
            width={80}
          />
        </InPlaceContext.Provider>
      );
      return { app: render(header), edits, header };
    }

    it("where it may, writes the countdown's new digits in place each second and does not render", async () => {
      vi.useFakeTimers({
        now: Date.parse("2026-01-01T12:00:06.700Z"),
        toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      });
      const { app, edits, header } = inPlaceHeader(() => true);
      try {
        await advance(0);
        expect(app.lastFrame()).toContain("round 12 · closes in 4s");
        const first = renders(app);
        await advance(300);
        // "round 12 · closes in " is 21 columns: the digit is on the second row, in column 21.
        expect(edits).toEqual([{ row: 1, col: 21, from: "4", to: "3" }]);
        await advance(3000);
        expect(edits.map(({ from, to }) => `${from}>${to}`)).toEqual(["4>3", "3>2", "2>1", "1>0"]);
        expect(renders(app)).toBe(first);
        await advance(10_000);
        expect(edits).toHaveLength(4);
        // Whatever renders the header next shows the countdown as it is now.
        app.rerender(header);
        await advance(0);
        expect(app.lastFrame()).toContain("round 12 · closes in 0s");
      } finally {
        app.unmount();
      }
    });

    it("renders instead when the writer declines, or when the number gets narrower", async () => {
      vi.useFakeTimers({
        now: Date.parse("2026-01-01T11:59:59.700Z"),
        toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      });
      let accept = true;
      const { app, edits } = inPlaceHeader(() => accept);
      try {
        await advance(0);
        expect(app.lastFrame()).toContain("closes in 11s");
        const first = renders(app);
        await advance(300);
        expect(edits.map(({ from, to }) => `${from}>${to}`)).toEqual(["1>0"]);
        expect(renders(app)).toBe(first);
        // 10s to 9s moves the rest of the line: a render draws it.
        await advance(1000);
        expect(edits).toHaveLength(1);
        expect(renders(app)).toBe(first + 1);
        expect(app.lastFrame()).toContain("closes in 9s · next block #42");
        accept = false;
        await advance(1000);
        expect(edits.map(({ from, to }) => `${from}>${to}`)).toEqual(["1>0", "9>8"]);
        expect(renders(app)).toBe(first + 2);
        expect(app.lastFrame()).toContain("closes in 8s");
      } finally {
        app.unmount();
      }
    });

    it("stays still while waiting for the first round", async () => {
      vi.useFakeTimers({
        now,
        toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      });
      const app = render(
        <Header
          me={null}
          server="127.0.0.1:9090"
          connection={{ kind: "connected" }}
          round={null}
          width={80}
        />,
      );
      try {
        await advance(0);
        expect(app.lastFrame()).toContain("waiting for the first round");
        const first = renders(app);
        await advance(10_000);
        expect(renders(app)).toBe(first);
      } finally {
        app.unmount();
      }
    });

    it("shows a new round's countdown from its first render", async () => {
      vi.useFakeTimers({
        now: Date.parse("2026-01-01T12:00:09.500Z"),
        toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      });
      const props = {
        me: null,
        server: "127.0.0.1:9090",
        connection: { kind: "connected" as const },
        width: 80,
      };
      const app = render(<Header {...props} round={round} />);
      try {
        await advance(700);
        expect(app.lastFrame()).toContain("round 12 · closes in 0s");
        app.rerender(
          <Header {...props} round={{ ...round, round: 13, closesAt: "2026-01-01T12:00:40.000Z" }} />,
        );
        await advance(0);
        expect(app.lastFrame()).toContain("round 13 · closes in 30s");
      } finally {
        app.unmount();
      }
    });
  });
});
