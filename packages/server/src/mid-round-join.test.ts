import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { ManualRoundClock } from "./round-clock.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const open = each.clients;
let server: RunningServer | undefined;

describe("a validator that joins during a round", () => {
  it("JSON: is refused in that round with JOINED_THIS_ROUND naming the next; a validator online at the start is not", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 1500, roundClock: clock, logLevel: "silent" });
    const early = await JsonClient.validator(server.port, "10", "early");
    open.push(early.client);
    await clock.closeRound();
    const round = await early.expect("round", 5000);
    const late = await JsonClient.validator(server.port, "1000", "late");
    open.push(late.client);
    expect(late.welcome.round?.round).toBe(round.round);

    late.submitFor(round);
    const refused = await late.expect("error");
    expect(refused.code).toBe("JOINED_THIS_ROUND");
    expect(refused.message).toBe(
      `you joined during round ${round.round}, and stakes count from a round's start: submit from round ${round.round + 1}`,
    );
    early.submitFor(round);
    await early.expect("accepted");
    await clock.closeRound();
    const block = await late.expect("block", 5000);
    expect(block.lottery).toMatchObject({ candidates: 1, total: "10" });
    expect(block.block.Validator).toBe(early.keys!.publicKey);

    const next = await late.expect("round", 5000);
    late.submitFor(next);
    expect(await late.expect("accepted")).toMatchObject({ round: round.round + 1 });
  });

  it("text: a BPM typed in the round the balance was typed in waits for the next round, then is the candidate", async () => {
    const clock = new ManualRoundClock();
    server = await each.start({ port: 0, roundMs: 500, roundClock: clock, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    open.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.send("50\n");
    await client.nextStartingWith(BPM_PROMPT);
    const round = server.consensus.roundNumber!;
    client.send("72\n");
    const told = await client.next();
    const from = round + 1;
    expect(told).toBe(
      `your stake counts from round ${from} (stakes count from a round's start): BPM 72 will be your candidate when it opens`,
    );
    expect(await client.next()).toBe(BPM_PROMPT);
    expect(server.consensus.validators.size).toBe(1);
    await clock.closeRound();
    expect(await client.nextStartingWith("accepted:", 5000)).toBe(
      `accepted: BPM 72 is your candidate for block 1 in round ${from}`,
    );
    expect(client.closed).toBe(false);
  });
});
