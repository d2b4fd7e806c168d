import type { ServerMessage } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { honestBlockPush, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { flush, Unmounted } from "@pos-tui/testkit/render";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { SessionSocket } from "../client/session-socket.js";
import { App } from "./App.js";

const alice = testKeys(1);
const bob = testKeys(2);
const chain = blocksInTurn(20, [alice, bob]);

function welcome(others = [validatorInfo(bob, "bob", "300", 9)]): ServerMessage {
  return welcomePush({
    you: validatorInfo(alice, "alice", "100", 4),
    blocks: chain,
    validators: others,
    round: 21,
  });
}

const cleanups = cleanupsPerTest();

/** The App fed by hand: no socket is opened (port 9 on loopback refuses, should a re-hello try). */
function app(stake: bigint | null, size = { columns: 80, rows: 24 }) {
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port: 9,
    hello: { role: "watcher", name: "alice" },
    reconnect: { policy: { baseMs: 60_000, capMs: 60_000 } },
  });
  let exited = false;
  const instance = render(
    <>
      <App connection={connection} keys={alice} name="alice" stake={stake} auto={false} size={size} />
      <Unmounted onUnmount={() => (exited = true)} />
    </>,
  );
  cleanups.push(async () => {
    instance.unmount();
    await connection.close();
  });
  const frame = () => instance.lastFrame() ?? "";
  const type = async (text: string) => {
    instance.stdin.write(text);
    await flush(10);
  };
  /** Frames follow keys a moment later (more so on a loaded machine): wait for what should show. */
  const see = (what: string, predicate: (frame: string) => boolean) =>
    waitFor(() => predicate(frame()), 5_000, what, frame);
  return { connection, frame, type, see, exited: () => exited };
}

const fieldOf = (frame: string) => /Your stake \(whole tokens, 1\.\.10\^18\):(.*)$/m.exec(frame)?.[1]?.trim();

describe("App keys", () => {
  it("clears a refused stake and says why, so the next try starts empty", async () => {
    const { frame, type, see } = app(null);
    await see("the stake prompt", (f) => f.includes("Your stake"));
    for (const refused of ["1,000", "1e3", "100abc"]) {
      await type(refused);
      await see(`${refused} typed`, (f) => fieldOf(f) === refused);
      await type("\r");
      await see(`${refused} refused`, (f) => f.includes(`refused "${refused}":`));
      expect(fieldOf(frame())).toBe("");
    }
    // A chunk with the Enter inside it is refused and cleared the same way.
    await type("2x\r");
    await see("2x refused", (f) => f.includes('refused "2x": '));
    expect(fieldOf(frame())).toBe("");
    // The next key clears the reason; a good stake is taken and the BPM prompt follows.
    await type("250");
    await see("250 typed", (f) => f.includes("ok: 250 tokens"));
    expect(fieldOf(frame())).toBe("250");
    await type("\r");
    await see("the BPM prompt", (f) => f.includes("BPM"));
    expect(frame()).not.toContain("Your stake");
  });

  it("refuses a bad BPM the same way: cleared, with the reason", async () => {
    const { connection, frame, type, see } = app(100n);
    connection.emit("message", welcome());
    await see("the BPM prompt", (f) => f.includes("BPM for round 21"));
    await type("400");
    await see("400 typed", (f) => f.includes("BPM for round 21: 400"));
    await type("\r");
    await see("the refusal", (f) => f.includes('refused "400": the BPM is out of range'));
    expect(frame()).toMatch(/BPM for round 21: +\[a\]/);
  });

  it("? opens the keys in the stake prompt, keeping what was typed", async () => {
    const { type, see } = app(null);
    await see("the stake prompt", (f) => f.includes("Your stake"));
    await type("12");
    await see("12 typed", (f) => fieldOf(f) === "12");
    await type("?");
    await see("the keys", (f) => f.includes("q, Ctrl+C") && fieldOf(f) === "12");
    await type("?");
    await see("the keys closed", (f) => !f.includes("q, Ctrl+C") && fieldOf(f) === "12");
  });

  it("q with text typed clears it and asks again; the second q quits", async () => {
    const { frame, type, see, exited } = app(null);
    await see("the stake prompt", (f) => f.includes("Your stake"));
    await type("12");
    await see("12 typed", (f) => fieldOf(f) === "12");
    await type("q");
    await see("the question", (f) => f.includes("press q again to quit"));
    expect(exited()).toBe(false);
    expect(fieldOf(frame())).toBe("");
    await type("q");
    await waitFor(exited, 2_000, "the exit");
  });

  it("q with text typed in the BPM field does not quit at once either", async () => {
    const { connection, type, see, exited } = app(100n);
    connection.emit("message", welcome());
    await see("the BPM prompt", (f) => f.includes("BPM for round 21"));
    await type("7");
    await see("7 typed", (f) => f.includes("BPM for round 21: 7"));
    await type("q");
    await see("the question", (f) => f.includes("press q again to quit"));
    expect(exited()).toBe(false);
    await type("q");
    await waitFor(exited, 2_000, "the exit");
  });

  it("moves one row per arrow when several arrive in one chunk", async () => {
    const { connection, type, see } = app(100n);
    connection.emit("message", welcome());
    await see("the chain", (f) => /^▸.#20 /m.test(f));
    await type("\u001b[B\u001b[B\u001b[B");
    await see("three rows down", (f) => /^▸.#17 /m.test(f));
    await type("\u001b[A\u001b[A");
    await see("two rows up", (f) => /^▸.#19 /m.test(f));
  });

  it("s focuses the stake list: arrows scroll it (several in one chunk), o hides the offline", async () => {
    const { connection, type, see } = app(100n);
    const others = Array.from({ length: 40 }, (_, i) =>
      validatorInfo(testKeys(i + 40), `s${i}`, String(500 + i), 0, i % 4 !== 3),
    );
    connection.emit("message", welcome(others));
    await see("the stake panel", (f) => f.includes("Stake · 31 online, 10 offline"));
    await type("s");
    await see("the focused hint", (f) => f.includes("scroll stake · o offline · Esc"));
    await type("\u001b[B\u001b[B\u001b[B");
    await see("three rows scrolled", (f) => /^↑ 3 above · ↓ \d+ more/m.test(f));
    await type("o");
    await see("the offline hidden", (f) => f.includes("10 offline (hidden)"));
    await type("\u001b");
    await see("the chain focused again", (f) => f.includes("? keys · s stake · c chart · q quit"));
    // Arrows move the chain again.
    await type("\u001b[B");
    await see("the chain row", (f) => /^▸.#19 /m.test(f));
  });

  it("in the block details at 60x20, arrows scroll the details and ← → go to other blocks", async () => {
    const { connection, type, see } = app(100n, { columns: 60, rows: 20 });
    connection.emit("message", welcome());
    connection.emit("message", honestBlockPush(blocksInTurn(21, [alice, bob])[21]!, 21, "bob"));
    await see("the new block", (f) => /^▸.#21 /m.test(f));
    await type("\r");
    await see("the details", (f) => /^Block #21 · by bob · Esc closes · ↑↓ 1-14\/\d+/m.test(f));
    await type("\u001b[B\u001b[B\u001b[B");
    await see("the details scrolled", (f) => /^Block #21 · by bob · Esc closes · ↑↓ 4-17\/\d+/m.test(f));
    await type("\u001b[D");
    await see("the older block", (f) => /^Block #20 · by you/m.test(f));
    await type("\u001b[C");
    await see("back to the newer one", (f) => /^Block #21 · by bob · Esc closes · ↑↓ 1-14\//m.test(f));
    await type("\u001b");
    await see("the chain again", (f) => /^▸.#21 /m.test(f));
  });

  it("opens the stake share chart on c, loaded on demand, and closes it on Esc", async () => {
    const { connection, type, see } = app(100n);
    connection.emit("message", welcome());
    await see("the header's keys", (f) => f.includes("c chart"));
    connection.emit("message", honestBlockPush(blocksInTurn(21, [alice, bob])[21]!, 21, "bob"));
    await see("the block", (f) => f.includes("block 21"));
    await type("c");
    await see("the chart", (f) => f.includes("Stake share over time · blocks 20 to 21"));
    await see("the legend", (f) => /bob 75\.0% +you 25\.0%/.test(f));
    await type("\x1b");
    await see("the dashboard again", (f) => f.includes("c chart") && !f.includes("Stake share over time"));
  });
});
