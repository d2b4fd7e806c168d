import { JsonClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const open = each.clients;
let server: RunningServer | undefined;

const pushesAbout = (client: JsonClient, key: string, stake: string) =>
  client.client.lines.filter(
    (l) =>
      l.startsWith('{"type":"validators"') &&
      (JSON.parse(l) as { changes: { validator: string; stake: string }[] }).changes.some(
        (c) => c.validator === key && c.stake === stake,
      ),
  ).length;

describe("stake changes", () => {
  it("others hear of a stake change once, when the round it counts from starts; one change per round", async () => {
    server = await each.start({ port: 0, roundMs: 3000, logLevel: "silent" });
    const watcher = await JsonClient.watcher(server.port);
    const alice = await JsonClient.validator(server.port, "100", "alice");
    open.push(watcher, alice);
    const key = alice.keys!.publicKey;
    const round = await alice.expect("round", 5000);

    alice.send({ type: "stake", stake: "200" });
    expect((await alice.expect("validators")).changes).toEqual([
      expect.objectContaining({ validator: key, stake: "200" }),
    ]);
    for (const stake of ["100", "300"]) {
      alice.send({ type: "stake", stake });
      const refused = await alice.expect("error");
      expect(refused.code).toBe("RATE_LIMITED");
      expect(refused.message).toContain(`round ${round.round + 1}`);
    }

    // A join after the change: had the change been pushed at once, it would be in this batch or before.
    const bob = await JsonClient.validator(server.port, "50", "bob");
    open.push(bob);
    await watcher.client.next((l) => l.includes(bob.keys!.publicKey));
    expect(pushesAbout(watcher, key, "200")).toBe(0);

    const next = await watcher.expect("round", 5000);
    expect(next.round).toBe(round.round + 1);
    expect(pushesAbout(watcher, key, "200")).toBe(1);

    // A new round, a new change. (The round's start pushes pending changes before the round itself.)
    await alice.expect("round", 5000);
    alice.send({ type: "stake", stake: "100" });
    expect((await alice.expect("validators")).changes[0]).toMatchObject({ stake: "100" });
  });
});
