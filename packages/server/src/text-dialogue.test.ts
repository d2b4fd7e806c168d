import { type Block, verifyChain } from "@pos-tui/core";
import { LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { ManualRoundClock } from "./round-clock.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

async function textNode(port: number, stake: string): Promise<{ client: LineClient; address: string }> {
  const client = await LineClient.open(port);
  clients.push(client);
  await client.nextStartingWith(BALANCE_PROMPT);
  client.send(`${stake}\n`);
  const welcome = await client.next((l) => /[0-9a-f]{64}/.test(l));
  expect(welcome).toContain(stake);
  await client.nextStartingWith(BPM_PROMPT);
  return { client, address: /([0-9a-f]{64})/.exec(welcome)![1]! };
}

describe("text mode (nc dialogue)", () => {
  it("three nodes submit; every one sees the same winner and block; chain returns genesis plus it", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 800, roundClock: clock, logLevel: "silent" });
    const nodes = await Promise.all(["100", "50", "10"].map((s) => textNode(server!.port, s)));
    // Someone who connected and has typed nothing yet is a person on nc too: they see the block.
    const idle = await LineClient.open(server.port);
    clients.push(idle);
    // All three joined in round 1: their BPMs wait for round 2, when their stakes count.
    for (const [i, node] of nodes.entries()) node.client.send(`${70 + i}\n`);
    for (const { client } of nodes)
      expect(await client.nextStartingWith("your stake counts from round 2")).toMatch(
        /will be your candidate/,
      );
    await clock.closeRound();
    for (const { client } of nodes)
      expect(await client.nextStartingWith("accepted:")).toMatch(/for block 1 in round 2$/);
    await clock.closeRound();
    const seen = await Promise.all(
      nodes.map(async ({ client }) => {
        const winner = await client.nextStartingWith("winning validator: ", 5000);
        const block = JSON.parse(await client.next()) as Block;
        return { winner, block };
      }),
    );
    // The winner's own line says (you); apart from that every node reads the same line.
    const yours = seen.filter((s) => s.winner.includes(" (you) "));
    expect(yours).toHaveLength(1);
    const first = { ...seen[0]!, winner: seen[0]!.winner.replace(" (you)", "") };
    expect(await idle.nextStartingWith("winning validator: ")).toBe(first.winner);
    expect(JSON.parse(await idle.next())).toEqual(first.block);
    for (const s of seen) {
      expect(s.winner.replace(" (you)", "")).toBe(first.winner);
      expect(s.block).toEqual(first.block);
    }
    expect(nodes[seen.indexOf(yours[0]!)]!.address).toBe(first.block.Validator);
    const winnerAddress = first.winner.slice("winning validator: ".length, "winning validator: ".length + 64);
    expect(nodes.map((n) => n.address)).toContain(winnerAddress);
    expect(first.block.Validator).toBe(winnerAddress);
    expect(first.block.Index).toBe(1);

    const asker = nodes[2]!.client;
    asker.send("chain\n");
    const chain = JSON.parse(await asker.next((l) => l.startsWith("["))) as Block[];
    expect(chain).toHaveLength(2);
    expect(chain[0]!.Index).toBe(0);
    expect(chain[1]).toEqual(first.block);
    expect(verifyChain(chain)).toEqual({ ok: true, length: 2 });
  });

  it("refuses bad stakes and BPMs with a reason and the prompt again, and stays connected", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 2000, roundClock: clock, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    clients.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    for (const bad of ["1e3", "0x10", " 12", "-5", "0", "1.5", "", "99999999999999999999", "abc"]) {
      client.send(`${bad}\n`);
      expect(await client.next()).toMatch(/^error: .{10,}/);
      expect(await client.next()).toBe(BALANCE_PROMPT);
    }
    client.send("25\r\n");
    await client.nextStartingWith(BPM_PROMPT);
    for (const bad of ["0", "301", "72.5", "-1", "", "seventy", "1e2"]) {
      client.send(`${bad}\n`);
      expect(await client.next()).toMatch(/^error: .{10,}/);
      expect(await client.next()).toBe(BPM_PROMPT);
    }
    client.send("72\n");
    await client.nextStartingWith("your stake counts from round 2");
    await clock.closeRound();
    expect(await client.nextStartingWith("accepted:")).toBe(
      "accepted: BPM 72 is your candidate for block 1 in round 2",
    );
    await client.nextStartingWith(BPM_PROMPT);
    client.send("80\n");
    expect(await client.next()).toMatch(/^error: .*already/);
    expect(client.closed).toBe(false);
  });

  it("answers help, validators, chain N and unknown words, and says bye on quit", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const { client, address } = await textNode(server.port, "42");
    client.send("help\n");
    expect(await client.next()).toBe("commands:");
    client.send("validators\n");
    expect(await client.next((l) => l.startsWith(address))).toMatch(/stake 42 wins 0 online .*\(you\)/);
    client.send("chain 1\n");
    const chain = JSON.parse(await client.next((l) => l.startsWith("["))) as Block[];
    expect(chain.map((b) => b.Index)).toEqual([0]);
    client.send("frobnicate 3\n");
    expect(await client.next((l) => l !== BPM_PROMPT)).toBe(
      'error: unknown command "frobnicate 3": type help for the commands, or a BPM, e.g. 72',
    );
    expect(await client.next()).toBe(BPM_PROMPT);
    client.send("quit\n");
    expect(await client.next((l) => l !== BPM_PROMPT)).toBe("bye");
    await client.waitClosed();
  });
});
