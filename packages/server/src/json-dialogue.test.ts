import {
  candidateTimestamp,
  keyPairFromSeed,
  PROTOCOL_VERSION,
  type RoundMessage,
  signBlock,
  verifyChain,
} from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { ManualRoundClock } from "./round-clock.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const open = each.clients;
let server: RunningServer | undefined;

async function validator(stake: string, name?: string) {
  const client = await JsonClient.validator(server!.port, stake, name);
  open.push(client);
  return client;
}

/** A candidate stamped inside the round's window, as every client does: closed by hand, a round's
 * window can lie ahead of the wall clock. */
function candidate(client: JsonClient, round: RoundMessage, bpm = 72) {
  return signBlock(
    {
      Index: round.tipIndex + 1,
      Timestamp: candidateTimestamp(round, Date.now()),
      BPM: bpm,
      PrevHash: round.tipHash,
    },
    client.keys!,
  );
}

describe("JSON mode", () => {
  it("handshakes, accepts a signed candidate and pushes block, validators and the next round", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 600, roundClock: clock, logLevel: "silent" });
    const alice = await validator("100", "alice");
    expect(alice.welcome.you).toMatchObject({
      validator: alice.keys!.publicKey,
      name: "alice",
      stake: "100",
      wins: 0,
    });
    expect(alice.welcome.blocks[0]!.Index).toBe(0);
    const watcher = await JsonClient.watcher(server.port);
    open.push(watcher);
    expect(watcher.welcome.you).toBeNull();
    expect(watcher.welcome.validators.map((v) => v.name)).toContain("alice");

    // Alice joined during the welcome's round: her stake counts from the next one.
    await clock.closeRound();
    const round = await alice.expect("round", 5000);
    const block = candidate(alice, round);
    alice.send({ type: "submit", round: round.round, block });
    expect(await alice.expect("accepted")).toEqual({
      type: "accepted",
      round: round.round,
      index: 1,
      hash: block.Hash,
    });
    await clock.closeRound();

    for (const c of [alice, watcher]) {
      const pushed = await c.expect("block", 5000);
      expect(pushed.block).toEqual(block);
      expect(pushed.winnerName).toBe("alice");
      expect(pushed.lottery).toMatchObject({
        round: round.round,
        total: "100",
        rangeStart: "0",
        rangeEnd: "100",
        candidates: 1,
      });
      const wins = await c.expect("validators");
      expect(wins.changes).toEqual([expect.objectContaining({ validator: alice.keys!.publicKey, wins: 1 })]);
      const next = await c.expect("round");
      expect(next).toMatchObject({ round: round.round + 1, tipIndex: 1, tipHash: block.Hash });
    }

    watcher.send({ type: "proof", round: round.round });
    const proof = await watcher.expect("proof");
    expect(proof).toMatchObject({
      blockIndex: 1,
      winner: alice.keys!.publicKey,
      candidates: [{ validator: alice.keys!.publicKey, stake: "100" }],
    });
    watcher.send({ type: "chain", limit: 10 });
    const { blocks } = await watcher.expect("chain");
    expect(verifyChain(blocks)).toEqual({ ok: true, length: 2 });
  });

  it("answers forged, stale, duplicate, online-key and malformed input with typed errors and carries on", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 3000, roundClock: clock, logLevel: "silent" });
    const alice = await validator("100");
    const joined = alice.welcome.round!;
    alice.send({ type: "submit", round: joined.round, block: candidate(alice, joined) });
    const early = await alice.expect("error");
    expect(early.code).toBe("JOINED_THIS_ROUND");
    expect(early.message).toContain(`submit from round ${joined.round + 1}`);
    // A fresh round: the rest of this test has it to itself.
    await clock.closeRound();
    const round = await alice.expect("round", 5000);

    const forged = { ...candidate(alice, round), Signature: "00".repeat(64) };
    alice.send({ type: "submit", round: round.round, block: forged });
    expect((await alice.expect("error")).code).toBe("BAD_SIGNATURE");

    const stale = candidate(alice, { ...round, tipIndex: 5, tipHash: "ab".repeat(32) });
    alice.send({ type: "submit", round: round.round, block: stale });
    expect((await alice.expect("error")).code).toBe("STALE_TIP");

    alice.send({ type: "submit", round: round.round + 7, block: candidate(alice, round) });
    expect((await alice.expect("error")).code).toBe("WRONG_ROUND");

    const mallory = keyPairFromSeed(new Uint8Array(32).fill(9));
    const notMine = signBlock(
      { Index: 1, Timestamp: new Date().toISOString(), BPM: 70, PrevHash: round.tipHash },
      mallory,
    );
    alice.send({ type: "submit", round: round.round, block: notMine });
    expect((await alice.expect("error")).code).toBe("NOT_VALIDATOR");

    alice.send({ type: "submit", round: round.round, block: candidate(alice, round) });
    await alice.expect("accepted");
    alice.send({ type: "submit", round: round.round, block: candidate(alice, round, 90) });
    expect((await alice.expect("error")).code).toBe("ALREADY_SUBMITTED");

    for (const [line, code] of [
      ["{not json", "BAD_JSON"],
      ['{"type":"submit"}', "BAD_MESSAGE"],
      ['{"type":"launch-missiles"}', "BAD_MESSAGE"],
      ["[1,2,3]", "BAD_MESSAGE"],
      ['{"type":"stake","stake":"1e3"}', "BAD_MESSAGE"],
    ] as const) {
      alice.client.send(`${line}\n`);
      expect((await alice.expect("error")).code).toBe(code);
    }

    // The same key from a second connection is refused while the first is online.
    const twin = await LineClient.open(server.port);
    twin.send(
      `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey: alice.keys!.publicKey })}\n`,
    );
    expect((await JsonClient.expect(twin, "error")).code).toBe("KEY_ONLINE");
    await twin.waitClosed();

    // A wrong signature on the challenge fails authentication.
    const impostor = await LineClient.open(server.port);
    impostor.send(
      `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey: "cd".repeat(32) })}\n`,
    );
    await JsonClient.expect(impostor, "challenge");
    impostor.send(`${JSON.stringify({ type: "auth", signature: "ef".repeat(64) })}\n`);
    expect((await JsonClient.expect(impostor, "error")).code).toBe("AUTH_FAILED");
    await impostor.waitClosed();

    const old = await LineClient.open(server.port);
    old.send(`${JSON.stringify({ type: "hello", version: 99, role: "watcher" })}\n`);
    expect((await JsonClient.expect(old, "error")).code).toBe("UNSUPPORTED_VERSION");
    old.close();

    // Nothing broke: alice is still served.
    alice.send({ type: "chain" });
    expect((await alice.expect("chain")).blocks).toHaveLength(1);
  });

  it("a reconnect with the same key is the same validator, with its wins", async () => {
    server = await each.start({ port: 0, roundMs: 300, logLevel: "silent" });
    const bob = await validator("30", "bob");
    const round = await bob.expect("round", 5000);
    bob.send({ type: "submit", round: round.round, block: candidate(bob, round) });
    await bob.expect("block", 5000);
    bob.close();
    const running = server;
    await waitFor(
      () => !running.consensus.validators.isOnline(bob.keys!.publicKey),
      5_000,
      "bob's leave seen",
    );
    const again = await JsonClient.validator(server.port, "30", "bob", bob.keys!);
    open.push(again);
    expect(again.welcome.you).toMatchObject({
      validator: bob.keys!.publicKey,
      wins: 1,
      online: true,
      name: "bob",
    });
  });

  it("strips control characters from names and refuses long or invisible-character ones", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const evil = await validator("10", "\u001b[31mev\u0007il");
    expect(evil.welcome.you!.name).toBe("evil");
    const keys = keyPairFromSeed(new Uint8Array(32).fill(3));
    const client = await LineClient.open(server.port);
    for (const name of ["x".repeat(40), "ad\u00admin", "eve\u202egnp.exe", "\u2800\u2800"]) {
      client.send(
        `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey: keys.publicKey, name })}\n`,
      );
      expect((await JsonClient.expect(client, "error")).code).toBe("BAD_NAME");
    }
    client.close();
  });

  it("closes a JSON client that does not finish its handshake in time", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, handshakeMs: 200, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    client.send(
      `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey: "cd".repeat(32) })}\n`,
    );
    expect((await JsonClient.expect(client, "error")).code).toBe("HANDSHAKE_TIMEOUT");
    await client.waitClosed();
  });
});
