import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError, StoreErrorCode } from "./errors.js";
import { FileStore } from "./file-store.js";
import { encodeRecord, LOG_FILE } from "./log-format.js";
import { readTip, TIP_FILE } from "./tip-marker.js";
import { verifyLog } from "./verify.js";

const chain = buildChain(11, { keys: fixtureKeys(3, "tip") });
const silent = pino({ level: "silent" });

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pos-tip-"));
  path = join(dir, LOG_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storeAll(count = chain.length): Promise<void> {
  const store = await FileStore.open({ dir, repair: false, logger: silent });
  for (const r of chain.slice(0, count)) await store.append(r);
  await store.close();
}

async function refusal(): Promise<StoreError> {
  try {
    await (await FileStore.open({ dir, repair: false, logger: silent })).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error("expected the start to be refused");
}

/** Cuts the log right after record `keep - 1`, on a record boundary: no torn tail, just missing blocks. */
function cutLogTo(keep: number): void {
  truncateSync(path, Buffer.concat(chain.slice(0, keep).map(encodeRecord)).length);
}

describe("the tip marker", () => {
  it("names the last stored block after every append", async () => {
    const store = await FileStore.open({ dir, repair: false, logger: silent });
    for (const r of chain.slice(0, 4)) {
      await store.append(r);
      expect(await readTip(dir)).toEqual({ state: "ok", tip: { index: r.block.Index, hash: r.block.Hash } });
    }
    await store.close();
  });

  it("a log cut short on a record boundary is refused, naming both ends and what to do", async () => {
    await storeAll();
    cutLogTo(5);
    const before = readFileSync(path);
    const error = await refusal();
    expect(error.code).toBe(StoreErrorCode.Truncated);
    expect(error.message).toContain("ends at block 4");
    expect(error.message).toContain(`block ${chain.length - 1} (${chain.at(-1)!.block.Hash.slice(0, 16)}`);
    expect(error.message).toContain("--repair");
    expect(error.message).toContain("Restore");
    expect(readFileSync(path).equals(before), "a refused start changes nothing").toBe(true);
  });

  it("verify reports a log cut short as invalid, like the start", async () => {
    await storeAll();
    expect(await verifyLog(path)).toMatchObject({ ok: true, error: null });
    cutLogTo(5);
    const report = await verifyLog(path);
    expect(report).toMatchObject({ ok: false, blocks: 5, error: { code: "TRUNCATED", index: 5 } });
    expect(report.error!.message).toContain(`ends at block 4, but block ${chain.length - 1}`);
  });

  it("a torn last record that had been announced is refused too (it cannot be cut as never acknowledged)", async () => {
    await storeAll();
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, full.length - 10));
    expect((await refusal()).code).toBe(StoreErrorCode.Truncated);
  });

  it("a deleted log is refused while the marker names announced blocks", async () => {
    await storeAll();
    rmSync(path);
    expect((await refusal()).message).toContain("holds no block");
  });

  it("a log replaced by another chain (same length, other blocks) is refused", async () => {
    await storeAll(6);
    const other = buildChain(5, { keys: fixtureKeys(3, "another") });
    writeFileSync(path, Buffer.concat(other.map(encodeRecord)));
    expect((await refusal()).message).toContain("is not the announced block 5");
  });

  it("--repair accepts the loss, rewrites the marker, and the next plain start works", async () => {
    await storeAll();
    cutLogTo(5);
    const logs: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: "warn" },
      new Writable({
        write(chunk, _encoding, done) {
          logs.push(JSON.parse(String(chunk)));
          done();
        },
      }),
    );
    const repaired = await FileStore.open({ dir, repair: true, logger });
    expect((await repaired.load()).length).toBe(5);
    await repaired.close();
    expect(logs.some((l) => l.announced === chain.length - 1)).toBe(true);
    expect(await readTip(dir)).toMatchObject({ state: "ok", tip: { index: 4 } });
    const again = await FileStore.open({ dir, repair: false, logger: silent });
    await again.append(chain[5]!);
    await again.close();
  });

  it("a missing or unreadable marker is rebuilt from the log (a data directory from before markers)", async () => {
    await storeAll(6);
    rmSync(join(dir, TIP_FILE));
    await (await FileStore.open({ dir, repair: false, logger: silent })).close();
    expect(await readTip(dir)).toMatchObject({ state: "ok", tip: { index: 5 } });
    writeFileSync(join(dir, TIP_FILE), "garbage");
    await (await FileStore.open({ dir, repair: false, logger: silent })).close();
    expect(await readTip(dir)).toMatchObject({ state: "ok", tip: { index: 5 } });
  });

  it("a longer log than the marker (a crash between the log's sync and the marker's) is fine", async () => {
    await storeAll(6);
    writeFileSync(path, Buffer.concat(chain.slice(0, 8).map(encodeRecord)));
    const store = await FileStore.open({ dir, repair: false, logger: silent });
    expect((await store.load()).length).toBe(8);
    await store.close();
    expect(await readTip(dir)).toMatchObject({ state: "ok", tip: { index: 7 } });
    expect(existsSync(join(dir, TIP_FILE))).toBe(true);
  });
});
