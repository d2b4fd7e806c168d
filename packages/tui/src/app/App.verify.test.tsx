import {
  type Block,
  blockHash,
  type ClientMessage,
  type KeyPair,
  type ServerMessage,
  signBlock,
} from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { honestBlockPush, roundPush, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { flush } from "@pos-tui/testkit/render";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { SessionSocket } from "../client/session-socket.js";
import { App } from "./App.js";

const alice = testKeys(1);
const bob = testKeys(2);
const chain = blocksInTurn(20, [alice, bob]);

const welcome = (): ServerMessage =>
  welcomePush({
    you: validatorInfo(alice, "alice", "100", 4),
    blocks: chain,
    validators: [validatorInfo(bob, "bob", "300", 9)],
    round: 21,
  });

/** Block `prev.Index + 1` by `keys` on top of `prev`, well made whatever `prev` is. */
const blockOn = (prev: Block, keys: KeyPair, bpm = 70): Block =>
  signBlock({ Index: prev.Index + 1, Timestamp: prev.Timestamp, BPM: bpm, PrevHash: prev.Hash }, keys);

const cleanups = cleanupsPerTest();

/** The App fed by hand and told it is connected; what it sends is recorded, nothing leaves. */
function app(options: { auto?: boolean; size?: { columns: number; rows: number } } = {}) {
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port: 9,
    hello: { role: "watcher", name: "alice" },
    reconnect: { policy: { baseMs: 60_000, capMs: 60_000 } },
  });
  const sent: ClientMessage[] = [];
  vi.spyOn(connection, "send").mockImplementation((message) => {
    sent.push(message);
    return true;
  });
  const instance = render(
    <App
      connection={connection}
      keys={alice}
      name="alice"
      stake={100n}
      auto={options.auto ?? false}
      random={() => 0}
      size={options.size ?? { columns: 80, rows: 24 }}
    />,
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
  const see = (what: string, predicate: (frame: string) => boolean) =>
    waitFor(() => predicate(frame()), 5_000, what, frame);
  const push = (...messages: ServerMessage[]) => {
    for (const message of messages) connection.emit("message", message);
  };
  connection.emit("state", { kind: "connected" });
  return { frame, type, see, push, sent };
}

const rowOf = (frame: string, index: number) =>
  frame.split("\n").find((line) => new RegExp(`^..#${index} `).test(line)) ?? "";

describe("App: the checks on screen", () => {
  it("raises a red banner naming the block and the check; x dismisses it", async () => {
    const { see, type, push, frame } = app();
    push(welcome());
    await see("the chain", (f) => /^▸.#20 /m.test(f));
    push(honestBlockPush({ ...blockOn(chain[20]!, bob), BPM: 71 }, 21, "bob"));
    await see("the banner", (f) => f.includes("✗ block 21 failed: hash: Hash does not match the block's"));
    expect(frame()).toContain(" · x dismiss · ");
    expect(rowOf(frame(), 21)).toMatch(/^▸ #21 +[0-9a-f]{8} ✗ 71 +bob/);
    await type("x");
    await see("the banner gone", (f) => !f.includes("block 21 failed") && !f.includes("x dismiss"));
    // The failed block keeps its mark in the check column.
    expect(rowOf(frame(), 21)).toContain(" ✗ 71 ");
  });

  it("auto stops building on a failed block, says why, and resumes on x once the tip is good", async () => {
    const { see, type, push, sent, frame } = app({ auto: true });
    const submits = () => sent.flatMap((m) => (m.type === "submit" ? [m.round] : []));
    push(welcome());
    await see("auto's BPM for round 21", () => submits().includes(21));
    const forged = { ...blockOn(chain[20]!, bob), BPM: 71 };
    push(honestBlockPush(forged, 21, "bob"), roundPush(22, forged));
    await see("auto stopped", (f) =>
      f.includes("auto stopped: block 21 failed its hash check, so no BPM is sent"),
    );
    expect(frame()).toContain("[a] auto stopped");
    // x on a tip that is still the failed block: auto stays stopped, and the screen says why.
    await type("x");
    await see("why it stays stopped", (f) =>
      f.includes("the tip, block 21, failed its checks: auto waits for a good tip"),
    );
    const good = blockOn(forged, alice);
    push(roundPush(22, forged), honestBlockPush(good, 22, "alice"), roundPush(23, good));
    await see("round 23", (f) => f.includes("round 23 ·"));
    // Room for a BPM that should not go (auto waits 50 ms with this random source).
    await flush(150);
    expect(submits()).toEqual([21]);
    await type("x");
    await see("auto's BPM for round 23", () => submits().includes(23));
    expect(submits()).toEqual([21, 23]);
  });

  it("tamper view: e edits a block's BPM, its hash changes, the later blocks' links fail; Esc restores", async () => {
    const { see, type, push, sent, frame } = app();
    push(welcome());
    await see("the chain", (f) => /^▸.#20 /m.test(f));
    await type("\u001b[B\u001b[B\u001b[B\u001b[B\u001b[B");
    await see("block 15 selected", (f) => /^▸.#15 /m.test(f));
    const before = frame();
    await type("\r");
    await see("the details", (f) => /^Block #15 · by \w+ · Esc closes/m.test(f));
    await type("e");
    await see("the edit field", (f) => f.includes("edit BPM (tamper view, nothing is sent): _"));
    await type("99");
    await see("99 typed", (f) => f.includes("nothing is sent): 99_"));
    const messages = sent.length;
    await type("\r");
    const edited = blockHash({ ...chain[15]!, BPM: 99 });
    await see("the tampered chain", (f) => f.includes("TAMPER VIEW"));
    const tampered = frame();
    expect(rowOf(tampered, 15)).toMatch(new RegExp(`^▸ #15 +${edited.slice(0, 8)} ✗ 99 `));
    for (const later of [16, 17, 18, 19, 20]) expect(rowOf(tampered, later)).toMatch(/ ✗ \d+ /);
    for (const earlier of [14]) expect(rowOf(tampered, earlier)).toBe(rowOf(before, earlier));
    expect(tampered.replace(/\s+/g, " ")).toContain(
      `block 15 BPM ${chain[15]!.BPM} -> 99, hash ${chain[15]!.Hash.slice(0, 8)} -> ${edited.slice(0, 8)}`,
    );
    // The details of the edited block say which checks the edit broke.
    await type("d");
    await see("the edited block's details", (f) => /^Block #15 \(edited here\)/m.test(f));
    expect(frame()).toMatch(/^✗ signature +the Signature was made over/m);
    await type("\u001b");
    await see("restored", (f) => !f.includes("TAMPER VIEW") && !f.includes("(edited here)"));
    await type("\u001b");
    await see("the chain again", (f) => /^▸.#15 /m.test(f));
    for (const index of [15, 16, 17, 18, 19, 20]) expect(rowOf(frame(), index)).toBe(rowOf(before, index));
    // Nothing about the edit ever left this screen.
    expect(sent.slice(messages)).toEqual([]);
  });

  it("Esc while typing the edit restores at once; a refused BPM says why", async () => {
    const { see, type, push, frame } = app({ size: { columns: 60, rows: 20 } });
    push(welcome());
    await see("the chain", (f) => /^▸.#20 /m.test(f));
    await type("\r");
    await see("the details", (f) => /^Block #20 /m.test(f));
    await type("e");
    await type("400\r");
    await see("the refusal", (f) => f.includes('refused "400"'));
    await type("\u001b");
    await see("the edit gone", (f) => !f.includes("edit BPM (tamper view") && /^Block #20 · by/m.test(f));
    expect(frame()).not.toContain("TAMPER VIEW");
  });
});
