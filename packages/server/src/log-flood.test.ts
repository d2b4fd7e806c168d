import { LineClient } from "@pos-tui/testkit/line-client";
import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { perTest } from "@pos-tui/testkit/per-test";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

describe("log flood", () => {
  it("thousands of bad lines from two connections cost a bounded number of log lines", async () => {
    const { log, lines } = memoryLogger();
    server = await each.start({ port: 0, roundMs: 60_000, logger: log });
    const FLOOD = 3000;
    const text = await LineClient.open(server.port);
    const json = await LineClient.open(server.port);
    clients.push(text, json);
    text.send("x\n".repeat(FLOOD));
    json.send(`{"type":"hello"\n${"{x\n".repeat(FLOOD - 1)}`);
    await waitFor(
      () =>
        text.lines.filter((l) => l.startsWith("error:")).length === FLOOD &&
        json.lines.filter((l) => l.startsWith('{"type":"error"')).length === FLOOD,
    );
    text.close();
    json.close();
    await waitFor(() => server!.connectionCount() === 0);

    const rejected = lines.filter((l) => /^rejected/.test(l.msg));
    expect(rejected.length).toBeLessThanOrEqual(10);
    const summaries = lines.filter((l) => typeof l.suppressed === "number");
    expect(summaries.map((l) => l.suppressed).sort()).toEqual([FLOOD - 5, FLOOD - 5]);
    expect(lines.length).toBeLessThan(20);
    // The server still answers.
    const after = await LineClient.open(server.port);
    clients.push(after);
    expect(await after.next()).toBe(BALANCE_PROMPT);
  });
});
