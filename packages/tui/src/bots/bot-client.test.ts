import { createServer, type Socket } from "node:net";
import type { RoundMessage } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { roundPush } from "@pos-tui/testkit/pushes";
import { afterEach, describe, expect, it } from "vitest";
import { BotClient, type BotHooks } from "./bot-client.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in server: `answer` gets each line a bot sends, as its JSON type. */
async function fakeServer(answer: (type: string, socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter(Boolean)) answer(JSON.parse(line).type, socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function bot(hooks: Partial<BotHooks> = {}): BotClient {
  const client = new BotClient(
    0,
    { name: "bot1", stake: 10n, keys: testKeys(1) },
    {
      round: () => {},
      accepted: () => {},
      rejected: () => {},
      block: () => {},
      closed: () => {},
      ...hooks,
    },
  );
  cleanups.push(() => client.close());
  return client;
}

const WELCOME = '{"type":"welcome","tip":{"index":0},"round":null}\n';

describe("BotClient against a hostile server", () => {
  it("hands its fleet a rejection's code and message with escape sequences stripped", async () => {
    const port = await fakeServer((type, socket) => {
      if (type === "hello") socket.write(WELCOME);
      if (type === "submit")
        socket.write(
          '{"type":"error","code":"WRONG\\u001b[2J_ROUND","message":"late\\u001b]0;owned\\u0007!"}\n',
        );
    });
    let rejected: (text: string) => void = () => {};
    const rejection = new Promise<string>((resolve) => {
      rejected = resolve;
    });
    const client = bot({ rejected: (_bot, round, code, message) => rejected(`${round} ${code} ${message}`) });
    await client.connect("127.0.0.1", port);
    expect(client.ready).toBe(true);
    const chain = blocksInTurn(1, [testKeys(1)]);
    const round = roundPush(1, chain[0]!) as RoundMessage;
    client.submit(round, chain[1]!);
    expect(client.busy).toBe(true);
    expect(await rejection).toBe("1 WRONG_ROUND late!");
    expect(client.busy).toBe(false);
  });

  it("refuses a welcome it cannot read instead of waiting for ever", async () => {
    const port = await fakeServer((type, socket) => {
      if (type === "hello") socket.write('{"type":"welcome","tip":{"index":"zero"},"round":null}\n');
    });
    const client = bot();
    await expect(client.connect("127.0.0.1", port)).rejects.toThrow("the server's welcome could not be read");
    expect(client.closeReason).toBe("the server's welcome could not be read");
    expect(client.ready).toBe(false);
  });
});
