import { createServer, type Socket } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { ErrorCode, encodeMessage, genesisBlock, type ServerMessage } from "@pos-tui/core";
import { testKeys } from "@pos-tui/testkit/chain";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { roundPush, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { runPlain } from "./run-plain.js";

const cleanups = cleanupsPerTest();
const keys = testKeys(4);
const genesis = genesisBlock();

/**
 * A server that closes round 1 while the client's first BPM is on its way: the next round's push
 * reaches the client before the refusal does, which is the order a real server writes them in.
 */
async function lateRefusalServer(): Promise<number> {
  const send = (socket: Socket, message: ServerMessage) => socket.write(`${encodeMessage(message)}\n`);
  const server = createServer((socket) => {
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    let buffered = "";
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const message = JSON.parse(line) as { type: string; round?: number };
        if (message.type === "hello")
          send(
            socket,
            welcomePush({
              you: validatorInfo(keys, "piper", "10"),
              blocks: [genesis],
              validators: [validatorInfo(keys, "piper", "10")],
              round: 1,
            }),
          );
        if (message.type !== "submit") continue;
        const round = message.round ?? 0;
        if (round === 1) {
          send(socket, roundPush(2, genesis));
          send(socket, {
            type: "error",
            code: ErrorCode.WrongRound,
            message: "round 1 is not open: the current round is 2",
          });
        } else {
          send(socket, { type: "accepted", round, index: round, hash: "a".repeat(64) });
          send(socket, roundPush(round + 1, genesis));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("runPlain", () => {
  it("sends one BPM at a time, so a late refusal goes with the BPM it refused, which goes again", async () => {
    const port = await lateRefusalServer();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const code = await runPlain({
      host: "127.0.0.1",
      port,
      keys,
      stake: 10n,
      name: "piper",
      input: Readable.from(["72\n80\n"]),
      output,
      ascii: false,
      drainMs: 10_000,
    });
    expect(code, printed).toBe(0);
    const accepted = printed.split("\n").filter((line) => line.startsWith("accepted"));
    expect(accepted).toEqual([
      "accepted: BPM 72 is your candidate for block 2 in round 2",
      "accepted: BPM 80 is your candidate for block 3 in round 3",
    ]);
  });
});
