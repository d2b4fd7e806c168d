import { describe, expect, it } from "vitest";
import { testKeys } from "../test/fixtures.js";
import { frameOf, linesOf, widest } from "../test/render.js";
import { Header } from "./Header.js";

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
    expect(lines[1]).toBe("round 12 · closes in 4.2s · next block #42 · ? keys · q quit");
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
    expect(frame).toContain("reconnecting in 3s (attempt 3) (connection refused) · spectator");
    expect(frame).toContain("waiting for the first round");
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
    expect(linesOf(frame)[0]).toMatch(/^pos-tui · closed \(you quit\)/);
  });
});
