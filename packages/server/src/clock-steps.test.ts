import { Writable } from "node:stream";
import { decodeServerMessage } from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

function capture() {
  const logs: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logs, logger: pino({ level: "info" }, stream) };
}

const HOUR = 3_600_000;

describe("clock steps end to end (injected server clock)", () => {
  it("blocks go on through a step back and a step ahead, for nc and JSON candidates, one warning each", async () => {
    let offset = 0;
    const { logs, logger } = capture();
    server = await each.start({ port: 0, roundMs: 300, logger, now: () => Date.now() + offset });
    const nc = await LineClient.open(server.port);
    clients.push(nc);
    nc.send("10\n");
    const welcome = await nc.nextStartingWith("welcome, validator ");
    const ncKey = welcome.split(" ")[2]!;
    await nc.nextStartingWith(BPM_PROMPT);
    // The JSON client keeps its own (right) clock: it never sees the server's steps.
    const json = await JsonClient.validator(server.port, "10", "j");
    clients.push(json);

    const refusals: string[] = [];
    const winners: string[] = [];
    async function playRounds(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const round = await json.expect("round", 10_000);
        json.submitFor(round);
        nc.send("72\n");
        const ncAnswer = await nc.next((l) => l.startsWith("accepted") || l.startsWith("error"), 10_000);
        // Answering in the round after the one we saw is fine; a refused Timestamp is not.
        if (!ncAnswer.startsWith("accepted") && !/already/.test(ncAnswer)) refusals.push(`nc ${ncAnswer}`);
        const jsonAnswer = await json.client.next((l) => {
          const m = decodeServerMessage(l);
          return m.ok && (m.value.type === "accepted" || m.value.type === "error");
        }, 10_000);
        const decoded = decodeServerMessage(jsonAnswer);
        if (decoded.ok && decoded.value.type === "error" && decoded.value.code !== "WRONG_ROUND")
          refusals.push(`json ${decoded.value.code}: ${decoded.value.message}`);
        const block = await json.expect("block", 10_000);
        winners.push(block.block.Validator);
      }
    }
    const clockWarnings = () => logs.filter((l) => l.level === 40 && /clock/.test(l.msg));

    await playRounds(3);
    expect(clockWarnings()).toHaveLength(0);

    offset = -HOUR;
    await playRounds(4);
    expect(clockWarnings()).toHaveLength(1);
    expect(clockWarnings()[0]!.msg).toMatch(/behind the chain's time/);

    offset = +HOUR;
    await playRounds(4);
    expect(clockWarnings()).toHaveLength(2);
    expect(clockWarnings()[1]!.msg).toMatch(/jumped 7200 s/);

    expect(refusals).toEqual([]);
    expect(winners).toHaveLength(11);
    // Both kinds of candidate made blocks; the chain's time never went back.
    expect(new Set(winners)).toEqual(new Set([ncKey, json.keys!.publicKey]));
    const chain = server.consensus.blocks(100);
    for (let i = 1; i < chain.length; i++)
      expect(Date.parse(chain[i]!.Timestamp)).toBeGreaterThanOrEqual(Date.parse(chain[i - 1]!.Timestamp));
  }, 60_000);
});
