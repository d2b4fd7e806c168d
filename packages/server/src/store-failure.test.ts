import type { BlockRecord } from "@pos-tui/core";
import { LineClient } from "@pos-tui/testkit/line-client";
import { submitBpm } from "@pos-tui/testkit/submit-bpm";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryStore } from "./chain/store.js";
import { BALANCE_PROMPT, BPM_PROMPT } from "./net/text-session.js";
import { type RunningServer, startServer } from "./server.js";
import { StoreError, StoreErrorCode } from "./store/errors.js";

/** Stores genesis, then refuses every block the way a FileStore that could not undo a write does. */
class BrokenAfterGenesis extends MemoryStore {
  appends = 0;
  override async append(record: BlockRecord): Promise<void> {
    if (record.block.Index === 0) return super.append(record);
    this.appends++;
    throw new StoreError(StoreErrorCode.Broken, "injected: a write failed and could not be undone");
  }
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a chain store that breaks mid-run", () => {
  it("stops the server with a fatal error instead of accepting candidates for rounds it cannot store", async () => {
    const store = new BrokenAfterGenesis();
    const onFatal = vi.fn();
    server = await startServer({ port: 0, roundMs: 300, logLevel: "silent", store, onFatal });
    const client = await LineClient.open(server.port);
    await client.nextStartingWith(BALANCE_PROMPT);
    client.send("100\n");
    await client.nextStartingWith(BPM_PROMPT);
    await submitBpm(client, 72);
    // The round closes, the append fails for good: the server says goodbye and reports the failure.
    await client.nextStartingWith("server shutting down", 5000);
    await waitFor(() => onFatal.mock.calls.length > 0, 5000, "the fatal error");
    expect(onFatal).toHaveBeenCalledTimes(1);
    expect(onFatal.mock.calls[0]![0]).toMatchObject({ code: StoreErrorCode.Broken });
    expect(store.appends).toBe(1);
    expect(server.consensus.roundNumber).toBeNull();
    await expect(LineClient.open(server.port)).rejects.toThrow();
  });
});
