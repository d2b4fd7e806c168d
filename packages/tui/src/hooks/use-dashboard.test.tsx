import { genesisBlock } from "@pos-tui/core";
import { roundPush } from "@pos-tui/testkit/pushes";
import { Text } from "ink";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { recordEarlyEvents } from "../client/early-events.js";
import { SessionSocket } from "../client/session-socket.js";
import { useDashboard } from "./use-dashboard.js";

function Probe({ connection }: { connection: SessionSocket }) {
  const [state] = useDashboard(connection, null);
  return <Text>{`round ${state.round?.round ?? "none"} · ${state.connection.kind}`}</Text>;
}

// Never started: the test emits what a socket would have.
const unstarted = () => new SessionSocket({ host: "127.0.0.1", port: 1, hello: { role: "watcher" } });

describe("useDashboard", () => {
  it("replays what a connection said before the dashboard listened, then follows it live", async () => {
    const connection = unstarted();
    recordEarlyEvents(connection);
    connection.emit("state", { kind: "connecting", attempt: 0 });
    connection.emit("message", roundPush(1, genesisBlock()));
    connection.emit("message", roundPush(2, genesisBlock()));
    const { lastFrame, unmount } = render(<Probe connection={connection} />);
    await vi.waitFor(() => expect(lastFrame()).toBe("round 2 · idle"), { timeout: 5_000 });
    connection.emit("message", roundPush(3, genesisBlock()));
    await vi.waitFor(() => expect(lastFrame()).toBe("round 3 · idle"), { timeout: 5_000 });
    // Recording stopped when the dashboard took over: one listener each, the dashboard's.
    expect(connection.listenerCount("message")).toBe(1);
    unmount();
  });

  it("misses what was said before it listened when nothing recorded it", async () => {
    const connection = unstarted();
    connection.emit("message", roundPush(1, genesisBlock()));
    const { lastFrame, unmount } = render(<Probe connection={connection} />);
    await vi.waitFor(() => expect(lastFrame()).toBe("round none · idle"), { timeout: 5_000 });
    unmount();
  });
});
