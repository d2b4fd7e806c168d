import { connect } from "node:net";
import type { Block } from "@pos-tui/core";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { perTest } from "@pos-tui/testkit/per-test";
import { counterBytes } from "@pos-tui/testkit/played-round";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { ManualRoundClock } from "../round-clock.js";
import { startRewritingServer } from "./rewrite.js";

const each = perTest(
  (args: { clock: ManualRoundClock; log: ReturnType<typeof memoryLogger>; every: number }) =>
    startRewritingServer(
      { port: 0, roundClock: args.clock, logger: args.log.log },
      { log: args.log.log, randomBytes: counterBytes("rewrite") },
      args.every,
    ),
);

describe("--adversary rewrite", () => {
  it("every N blocks drops its clients and comes back on the same port with a rewritten history", async () => {
    const clock = new ManualRoundClock();
    const log = memoryLogger();
    const server = await each.start({ clock, log, every: 2 });
    const alice = await JsonClient.validator(server.port, "100", "alice");
    each.clients.push(alice);
    await clock.closeRound(); // alice's stake counts from the next round
    const held: Block[] = [];
    for (let i = 0; i < 2; i++) {
      alice.submitFor(await alice.expect("round"), 70 + i);
      await alice.expect("accepted");
      await clock.closeRound();
      held.push((await alice.expect("block")).block);
    }

    // An ordinary goodbye, as any restart says: nothing about the lie.
    expect(await alice.expect("bye")).toMatchObject({ code: "SHUTTING_DOWN" });
    await alice.client.waitClosed();
    const rewrite = await waitFor(
      () => log.lines.find((l) => l.msg.startsWith("ADVERSARY: rewrite")),
      10_000,
      "the rewrite's confession",
    );
    expect(rewrite).toMatchObject({ level: 40, from: 1, replaced: 2, added: 3 });

    const bob = await waitFor(() => JsonClient.watcher(server.port), 10_000, "the server back on its port");
    each.clients.push(bob);
    const blocks = bob.welcome.blocks;
    expect(blocks.map((b) => b.Index)).toEqual([0, 1, 2, 3]);
    // Same heights, other blocks, by a key nobody in the room holds.
    for (const [i, block] of held.entries()) expect(blocks[i + 1]!.Hash).not.toBe(block.Hash);
    expect(new Set(blocks.slice(1).map((b) => b.Validator)).size).toBe(1);
    expect(blocks[1]!.Validator).not.toBe(alice.keys!.publicKey);
    expect(server.consensus.tip).toEqual(blocks[3]);
  });

  it("a close while a rewrite is due stops for good: no restart, nothing listens", async () => {
    const clock = new ManualRoundClock();
    const log = memoryLogger();
    const server = await each.start({ clock, log, every: 1 });
    const alice = await JsonClient.validator(server.port, "100", "alice");
    each.clients.push(alice);
    await clock.closeRound();
    alice.submitFor(await alice.expect("round"));
    await alice.expect("accepted");
    await clock.closeRound(); // the block that makes a rewrite due
    await server.close();

    expect(log.lines.filter((l) => l.msg.startsWith("ADVERSARY: rewrite"))).toEqual([]);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ port: server.port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });
});
