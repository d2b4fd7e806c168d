import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type BlockRecord, ValidatorRegistry } from "@pos-tui/core";
import { buildChain, fixtureKeys, nextRecord } from "@pos-tui/testkit/chain";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError, StoreErrorCode } from "./errors.js";
import { FileStore } from "./file-store.js";
import { LOCK_FILE } from "./lock.js";
import { encodeRecord, LOG_FILE } from "./log-format.js";
import { encodeTip, TIP_FILE } from "./tip-marker.js";

const keys = fixtureKeys(3, "file-store");
const chain = buildChain(5, { keys });

/** A logger whose records land in `logs` as parsed objects. */
function capture() {
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logs, logger: pino({ level: "debug" }, stream) };
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pos-store-"));
  path = join(dir, LOG_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeLog = (records: readonly BlockRecord[]) =>
  writeFileSync(path, Buffer.concat(records.map(encodeRecord)));
const offsets = (records: readonly BlockRecord[]) => {
  const starts: number[] = [];
  let at = 0;
  for (const r of records) {
    starts.push(at);
    at += encodeRecord(r).length;
  }
  return { starts, end: at };
};

async function openError(options: { repair?: boolean } = {}): Promise<StoreError> {
  const { logger } = capture();
  try {
    const store = await FileStore.open({ dir, repair: options.repair ?? false, logger });
    await store.close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error("expected the store to refuse to open");
}

describe("FileStore", () => {
  it("creates the directory and log, appends durably, and loads the same records after a reopen", async () => {
    const nested = join(dir, "a", "b");
    const { logger } = capture();
    const store = await FileStore.open({ dir: nested, repair: false, logger });
    expect(await store.load()).toEqual([]);
    for (const r of chain) await store.append(r);
    await store.close();
    const again = await FileStore.open({ dir: nested, repair: false, logger });
    expect(await again.load()).toEqual(chain);
    await again.append(nextRecord(chain.at(-1)!, keys));
    await again.close();
    const third = await FileStore.open({ dir: nested, repair: false, logger });
    expect((await third.load()).length).toBe(chain.length + 1);
    await third.close();
  });

  it("rebuilds the winners (stakes, names, wins) from the reloaded log", async () => {
    const { logger } = capture();
    const store = await FileStore.open({ dir, repair: false, logger });
    for (const r of chain) await store.append(r);
    await store.close();
    const again = await FileStore.open({ dir, repair: false, logger });
    const registry = ValidatorRegistry.fromRecords(await again.load());
    await again.close();
    for (const key of keys) {
      const won = chain.filter((r) => r.block.Validator === key.publicKey);
      // A key that never won has nothing worth keeping: it is forgotten until it rejoins.
      if (won.length === 0) expect(registry.info(key.publicKey)).toBeUndefined();
      else {
        const lastStake = won.at(-1)!.proof!.candidates.find((c) => c.validator === key.publicKey)!.stake;
        expect(registry.info(key.publicKey)).toMatchObject({ wins: won.length, stake: lastStake });
      }
    }
  });

  it("refuses to append a record that does not follow its tip, and leaves the log as it was", async () => {
    const { logger } = capture();
    const store = await FileStore.open({ dir, repair: false, logger });
    await store.append(chain[0]!);
    await expect(store.append(chain[2]!)).rejects.toMatchObject({ code: StoreErrorCode.Rejected });
    await store.append(chain[1]!);
    await store.close();
    expect(readFileSync(path)).toEqual(Buffer.concat(chain.slice(0, 2).map(encodeRecord)));
  });

  it("refuses to append a record whose stake ledger the next start would refuse", async () => {
    const { logger } = capture();
    const store = await FileStore.open({ dir, repair: false, logger });
    await store.append(chain[0]!);
    const { proof, block } = chain[1]!;
    const stakes = proof!.candidates.map(({ validator, stake }) => ({ validator, stake }));
    const winner = proof!.candidates.find((c) => c.validator === block.Validator)!.stake;
    const reward = { amount: "10", mode: "payout" as const, stake: winner, balance: "10" };
    // Paid out, yet the stake grew too: 10 tokens credited twice.
    const doubled = {
      ...chain[1]!,
      ledger: { stakes, reward: { ...reward, stake: String(BigInt(winner) + 10n) } },
    };
    await expect(store.append(doubled)).rejects.toMatchObject({ code: StoreErrorCode.Rejected });
    await store.append({ ...chain[1]!, ledger: { stakes, reward } });
    await store.close();
    const again = await FileStore.open({ dir, repair: false, logger });
    expect((await again.load()).at(-1)!.ledger!.reward).toEqual(reward);
    await again.close();
  });

  it("torn tail: at every byte offset inside the last record, keeps the earlier blocks, reports the cut, appends cleanly", async () => {
    const { starts, end } = offsets(chain);
    const lastStart = starts.at(-1)!;
    const full = Buffer.concat(chain.map(encodeRecord));
    const earlier = chain.slice(0, -1);
    const announced = earlier.at(-1)!.block;
    for (let cut = lastStart + 1; cut < end; cut++) {
      writeFileSync(path, full.subarray(0, cut));
      // A torn write never finished, so the marker still names the block before it.
      writeFileSync(join(dir, TIP_FILE), encodeTip({ index: announced.Index, hash: announced.Hash }));
      const { logs, logger } = capture();
      const store = await FileStore.open({ dir, repair: false, logger });
      const loaded = await store.load();
      expect(loaded.length, `cut at ${cut}`).toBe(earlier.length);
      const warnings = logs.filter((l) => l.level === 40);
      expect(warnings, `cut at ${cut}: one warning naming offset ${lastStart}`).toMatchObject([
        { offset: lastStart, bytes: cut - lastStart },
      ]);
      // The torn piece is gone and the next block lands right after the last good one.
      await store.append(chain.at(-1)!);
      await store.close();
      expect(readFileSync(path).equals(full), `cut at ${cut}: file after the append`).toBe(true);
    }
    // One open, load and append per byte of the last record (hundreds): on a busy machine this passes 30 s.
  }, 120_000);

  it("a complete (newline-terminated) last line that is not a record is corruption, not a torn tail", async () => {
    writeLog(chain);
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(40), Buffer.from("\n")]));
    const error = await openError();
    expect(error.code).toBe(StoreErrorCode.Corrupt);
    expect(error.details).toMatchObject({ offset: offsets(chain).end, index: chain.length });
  });

  it("corruption: flipping any one byte of the last, newline-terminated record is refused, not cut as torn", async () => {
    const { starts, end } = offsets(chain);
    const last = chain.length - 1;
    writeLog(chain);
    const original = readFileSync(path);
    for (let at = starts[last]!; at < end - 1; at++) {
      const damaged = Buffer.from(original);
      damaged[at] = damaged[at]! ^ 0x01;
      writeFileSync(path, damaged);
      const error = await openError();
      expect(error.code, `byte ${at}`).toBe(StoreErrorCode.Corrupt);
      expect(error.details, `byte ${at}`).toMatchObject({ offset: starts[last], index: last });
      expect(readFileSync(path).equals(damaged), "a refused start changes nothing").toBe(true);
    }
  });

  it("corruption: flipping any one byte of a middle record stops the start with that record's offset", async () => {
    const bad = 2;
    const { starts } = offsets(chain);
    writeLog(chain);
    const original = readFileSync(path);
    const from = starts[bad]!;
    const to = starts[bad + 1]!; // the record's newline included
    for (let at = from; at < to; at++) {
      const damaged = Buffer.from(original);
      damaged[at] = damaged[at]! ^ 0x01;
      writeFileSync(path, damaged);
      const error = await openError();
      expect(error.code, `byte ${at}`).toBe(StoreErrorCode.Corrupt);
      expect(error.details, `byte ${at}`).toMatchObject({ offset: from, index: bad });
      expect(error.message).toContain(`byte offset ${from} (block ${bad})`);
      expect(error.message).toContain("--repair");
      expect(readFileSync(path).equals(damaged), "a refused start changes nothing").toBe(true);
      expect(existsSync(join(dir, LOCK_FILE)), "a refused start releases the lock").toBe(false);
    }
  });

  it("--repair backs the damaged log up and keeps the valid prefix", async () => {
    const bad = 3;
    const { starts } = offsets(chain);
    writeLog(chain);
    const damaged = readFileSync(path);
    damaged[starts[bad]! + 40] = damaged[starts[bad]! + 40]! ^ 0x20;
    writeFileSync(path, damaged);
    const { logs, logger } = capture();
    const store = await FileStore.open({
      dir,
      repair: true,
      logger,
      now: () => new Date("2026-02-03T04:05:06.789Z"),
    });
    expect(await store.load()).toEqual(chain.slice(0, bad));
    expect(logs.some((l) => l.level === 40 && l.offset === starts[bad] && l.index === bad)).toBe(true);
    const backup = join(dir, `${LOG_FILE}.bak-2026-02-03T04-05-06-789Z`);
    expect(readFileSync(backup).equals(damaged)).toBe(true);
    expect(readFileSync(path).equals(damaged.subarray(0, starts[bad]))).toBe(true);
    await store.append(chain[bad]!);
    await store.close();
    const again = await FileStore.open({ dir, repair: false, logger });
    expect(await again.load()).toEqual(chain.slice(0, bad + 1));
    await again.close();
  });

  it("a second store on the same directory is refused with a reason; after close it opens", async () => {
    const { logger } = capture();
    const first = await FileStore.open({ dir, repair: false, logger });
    const error = await openError();
    expect(error.code).toBe(StoreErrorCode.Locked);
    expect(error.message).toMatch(new RegExp(`in use by another pos-server \\(process ${process.pid}`));
    await first.close();
    expect(readdirSync(dir)).not.toContain(LOCK_FILE);
    const second = await FileStore.open({ dir, repair: false, logger });
    await second.close();
  });

  it("takes over a lock left by a process that is gone (kill -9)", async () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: gone, host: (await import("node:os")).hostname(), since: "x" }),
    );
    const { logs, logger } = capture();
    const store = await FileStore.open({ dir, repair: false, logger });
    expect(logs.some((l) => l.level === 40 && l.ownerPid === gone)).toBe(true);
    await store.close();
  });

  it("does not take over a lock held by a live process on this host", async () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.ppid, host: (await import("node:os")).hostname(), since: "x" }),
    );
    expect((await openError()).code).toBe(StoreErrorCode.Locked);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it("a torn cut leaves an empty chain when even genesis was torn", async () => {
    writeFileSync(path, encodeRecord(chain[0]!).subarray(0, 30));
    const { logger } = capture();
    const store = await FileStore.open({ dir, repair: false, logger });
    expect(await store.load()).toEqual([]);
    await store.close();
    expect(readFileSync(path).length).toBe(0);
  });

  it("truncating inside an earlier record is corruption, not a torn tail", async () => {
    writeLog(chain);
    const { starts } = offsets(chain);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, starts[2]! + 10), bytes.subarray(starts[3]!)]));
    expect((await openError()).details).toMatchObject({ offset: starts[2], index: 2 });
    truncateSync(path, 0);
  });
});
