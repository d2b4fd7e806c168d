import type { ClientMessage, ServerMessage } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { blockPush, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { flush, Unmounted } from "@pos-tui/testkit/render";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { SessionSocket } from "../client/session-socket.js";
import { BoardApp } from "./BoardApp.js";

const alice = testKeys(1);
const bob = testKeys(2);
const chain = blocksInTurn(4, [alice, bob]);

function welcome(): ServerMessage {
  return welcomePush({
    you: null,
    blocks: chain.slice(0, 4),
    validators: [validatorInfo(alice, "alice", "100"), validatorInfo(bob, "bob", "150")],
    round: 7,
  });
}

const cleanups = cleanupsPerTest();

/** The board fed by hand: no socket is opened; what it sends is recorded. */
function board() {
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port: 9,
    hello: { role: "watcher" },
    reconnect: { policy: { baseMs: 60_000, capMs: 60_000 } },
  });
  const sent: ClientMessage[] = [];
  vi.spyOn(connection, "send").mockImplementation((message) => {
    sent.push(message);
    return true;
  });
  let exited = false;
  const instance = render(
    <>
      <BoardApp connection={connection} size={{ columns: 120, rows: 40 }} />
      <Unmounted onUnmount={() => (exited = true)} />
    </>,
  );
  cleanups.push(async () => {
    instance.unmount();
    await connection.close();
  });
  const frame = () => instance.lastFrame() ?? "";
  const see = (what: string, predicate: (frame: string) => boolean) =>
    waitFor(() => predicate(frame()), 5_000, what, frame);
  const type = async (text: string) => {
    instance.stdin.write(text);
    await flush(10);
  };
  return { connection, sent, frame, see, type, exited: () => exited };
}

describe("BoardApp", () => {
  it("asks for each new block's candidates, then draws the draw and counts the expected wins", async () => {
    const { connection, sent, frame, see } = board();
    connection.emit("message", welcome());
    await see("the welcome", (f) => f.includes("no block seen live yet"));
    // The verifier's background requests for the welcome's blocks go by block index; the board's own
    // requests for the picture go by round.
    const byRound = () => sent.filter((m) => m.type === "proof" && m.round !== undefined);
    expect(byRound()).toEqual([]);
    connection.emit("message", blockPush(chain[4]!, 7, "alice"));
    await see("the proof request", () => byRound().length === 1);
    expect(byRound()).toEqual([{ type: "proof", round: 7 }]);
    await see("the wait for the candidates", (f) => f.includes("asking the server for round 7's candidates"));
    connection.emit("message", {
      type: "proof",
      round: 7,
      blockIndex: 4,
      commit: "c".repeat(64),
      reveal: "d".repeat(64),
      prevHash: chain[3]!.Hash,
      winner: chain[4]!.Validator,
      candidates: [
        { validator: alice.publicKey, stake: "100" },
        { validator: bob.publicKey, stake: "150" },
      ],
    });
    await see("the picture", (f) => f.includes("^ ticket 137"));
    await see("the tally", (f) => f.includes("wins expected over the 1 block seen here"));
    // alice had 100 of 250 in the one round counted, and the win (block 4 is hers); bob 150 of 250.
    expect(frame()).toMatch(/alice +40\.0% +0\.4 +1/);
    expect(frame()).toMatch(/bob +60\.0% +0\.6 +0/);
  });

  it("? shows the help and hides it again; q quits", async () => {
    const { connection, frame, see, type, exited } = board();
    connection.emit("message", welcome());
    await see("the board", (f) => f.includes("alice"));
    await type("?");
    await see("the help", (f) => f.includes("hide this help"));
    await type("?");
    await see("the board again", (f) => !f.includes("hide this help") && f.includes("alice"));
    expect(exited()).toBe(false);
    await type("q");
    await waitFor(exited, 5_000, "the board to quit", frame);
  });
});
