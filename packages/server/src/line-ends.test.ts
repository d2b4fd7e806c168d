import { LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { submitBpm } from "@pos-tui/testkit/submit-bpm";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

describe("clients that are not nc", () => {
  it("telnet: negotiation bytes before the first line and CR NUL line ends do not spoil the balance", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    clients.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    // IAC DO SUPPRESS-GO-AHEAD, IAC WILL TERMINAL-TYPE, IAC SB NAWS 0 80 0 24 IAC SE, then "100" CR NUL.
    const negotiation = [0xff, 0xfd, 0x03, 0xff, 0xfb, 0x18, 0xff, 0xfa, 0x1f, 0, 80, 0, 24, 0xff, 0xf0];
    client.socket.write(Buffer.concat([Buffer.from(negotiation), Buffer.from("100\r\0")]));
    expect(await client.next((l) => l.startsWith("welcome"))).toContain("with stake 100");
    await client.nextStartingWith(BPM_PROMPT);
  });

  it("a terminal that ends lines with a lone CR gets answers", async () => {
    server = await each.start({ port: 0, roundMs: 300, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    clients.push(client);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.send("50\r");
    expect(await client.next((l) => l.startsWith("welcome"))).toContain("with stake 50");
    expect(await submitBpm(client, 72, 10_000, "\r")).toContain("BPM 72");
  });
});
