import { ManualRoundClock, type RunningServer, startServer } from "@pos-tui/server";
import { testKeys } from "@pos-tui/testkit/chain";
import { flush } from "@pos-tui/testkit/render";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { SessionSocket } from "../client/session-socket.js";
import { App } from "./App.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server whose rounds close when the test says so: two BPMs typed apart always meet in one round. */
async function server(port = 0): Promise<RunningServer & { clock: ManualRoundClock }> {
  const clock = new ManualRoundClock();
  const running = await startServer({
    host: "127.0.0.1",
    port,
    roundMs: 1000,
    roundClock: clock,
    logLevel: "silent",
  });
  cleanups.push(() => running.close());
  return Object.assign(running, { clock });
}

function client(srv: { port: number }, seed: number, name: string, stake: bigint | null) {
  const keys = testKeys(seed);
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port: srv.port,
    hello: stake === null ? { role: "watcher", name } : { role: "validator", name, stake, keys },
    reconnect: { policy: { baseMs: 100, capMs: 500 } },
  });
  const app = render(
    <App
      connection={connection}
      keys={keys}
      name={name}
      stake={stake}
      auto={false}
      size={{ columns: 100, rows: 30 }}
    />,
  );
  connection.start();
  cleanups.push(async () => {
    app.unmount();
    await connection.close();
  });
  return { keys, connection, app, frame: () => app.lastFrame() ?? "" };
}

describe("pos-tui against a real pos-server", () => {
  it("two validators see the same new block and the winner's announcement", async () => {
    const srv = await server();
    const alice = client(srv, 21, "alice", 100n);
    const bob = client(srv, 22, "bob", null);
    await waitFor(() => alice.frame().includes("connected as alice"), 10_000, "alice's welcome");
    await waitFor(() => bob.frame().includes("Your stake"), 10_000, "bob's stake prompt");

    // Bob types his stake in the TUI (with a typo first: the reason shows, nothing is sent).
    bob.app.stdin.write("3e2");
    await waitFor(() => bob.frame().includes("exponent notation"), 5_000, "the stake reason");
    // ink-testing-library keeps only the last of several synchronous writes: give each its turn.
    for (let i = 0; i < 3; i++) {
      bob.app.stdin.write("\x7f");
      await flush(20);
    }
    await flush(20);
    bob.app.stdin.write("300");
    await flush(20);
    bob.app.stdin.write("\r");
    await waitFor(
      () => bob.frame().includes("connected as bob"),
      10_000,
      "bob's validator welcome",
      bob.frame,
    );
    await waitFor(
      () => alice.frame().includes("bob joined with stake 300"),
      10_000,
      "bob's join seen by alice",
    );

    // Bob's stake counts from the round after the one he joined in: both type their BPM in that one.
    const roundOf = (frame: string) => Number(/BPM for round (\d+)/.exec(frame)?.[1] ?? Number.NaN);
    const joined = roundOf(bob.frame());
    await srv.clock.closeRound();
    await waitFor(
      () => roundOf(alice.frame()) > joined && roundOf(bob.frame()) > joined,
      5_000,
      "the round after bob's join",
      bob.frame,
    );
    alice.app.stdin.write("72");
    await flush(20);
    alice.app.stdin.write("\r");
    await flush(20);
    bob.app.stdin.write("81\r");
    await waitFor(
      () => alice.frame().includes("accepted: BPM 72") && bob.frame().includes("accepted: BPM 81"),
      10_000,
      "both candidates accepted",
      () => `${alice.frame()}\n${bob.frame()}`,
    );
    await srv.clock.closeRound();
    await waitFor(
      () => /won block 1 /.test(alice.frame()) && /won block 1 /.test(bob.frame()),
      10_000,
      "block 1",
    );

    const row = (frame: string) => frame.split("\n").find((line) => /#1 {2,}[0-9a-f]{8}/.test(line));
    const hashOf = (frame: string) => /#1 +([0-9a-f]{8})/.exec(row(frame) ?? "")?.[1];
    expect(hashOf(alice.frame())).toBeDefined();
    expect(hashOf(alice.frame())).toBe(hashOf(bob.frame()));
    const winnerLine = (frame: string) => /round \d+: (\w+) won block 1 - ticket \d+ of \d+/.exec(frame)?.[1];
    const seenByAlice = winnerLine(alice.frame());
    const seenByBob = winnerLine(bob.frame());
    // Each sees the same winner; the winner reads it as "you".
    expect(new Set([seenByAlice, seenByBob])).toEqual(
      new Set(["you", seenByAlice === "you" ? "alice" : "bob"]),
    );
    expect(alice.frame()).toMatch(/accepted: BPM 72 (is your candidate )?for block 1/);
    expect(bob.frame()).toMatch(/accepted: BPM 81 (is your candidate )?for block 1/);
    expect(alice.frame()).toMatch(/● bob\s/);
  });

  it("reconnects as the same validator when the server restarts on the same port", async () => {
    const first = await server();
    const port = first.port;
    const alice = client(first, 23, "alice", 100n);
    await waitFor(() => alice.frame().includes("connected as alice"), 10_000, "welcome");
    const welcomes: string[] = [];
    alice.connection.on("message", (m) => {
      if (m.type === "welcome" && m.you) welcomes.push(m.you.validator);
    });

    await first.close();
    await waitFor(() => alice.frame().includes("reconnecting in"), 10_000, "the reconnecting state");
    expect(alice.frame()).toMatch(/reconnecting in \ds \(attempt \d+\)/);

    const second = await server(port);
    await waitFor(() => alice.frame().includes("reconnected as alice"), 15_000, "the reconnect");
    expect(welcomes).toEqual([alice.keys.publicKey]);
    expect(alice.frame()).toContain("pos-tui · connected");
    // The new server's chain starts from another genesis: not the history she held.
    expect(alice.frame()).toContain("✗ block 0 failed: history: the server's history changed at block 0");

    // Back in the round she rejoined in, her stake counts from the next one: the BPM goes then.
    alice.app.stdin.write("90\r");
    await waitFor(
      () => alice.frame().includes("you joined during round"),
      10_000,
      "the refusal",
      alice.frame,
    );
    await second.clock.closeRound();
    await waitFor(() => alice.frame().includes("accepted: BPM 90"), 10_000, "the BPM accepted", alice.frame);
    await second.clock.closeRound();
    await waitFor(
      () => /you won block 1 /.test(alice.frame()),
      10_000,
      "a block after the restart",
      alice.frame,
    );

    // Enter on an empty prompt opens the newest block; the server's proof is re-checked on screen.
    await flush(50);
    alice.app.stdin.write("\r");
    // Every check of her own block passed: the winner's path, her inclusion proof, then the full list.
    await waitFor(
      () => /^✓ range +the draw re-run over the round's full list/m.test(alice.frame()),
      5_000,
      "the checked proof",
      alice.frame,
    );
    expect(alice.frame()).toContain("Block #1 · by you");
    expect(alice.frame()).toContain("checks     ✓ verified");
    expect(alice.frame()).toMatch(/^✓ reveal +sha256\(reveal\) is the commit/m);
    expect(alice.frame()).toMatch(/^✓ commit +the commit is the one the round push of round \d+ published/m);
    expect(alice.frame()).toMatch(/^✓ inclusion +this client is candidate 1 of 1 with stake 100/m);
  });
});
