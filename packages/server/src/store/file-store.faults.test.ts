import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreErrorCode } from "./errors.js";
import { FileStore, MAX_FAILED_APPENDS } from "./file-store.js";
import { encodeRecord, LOG_FILE } from "./log-format.js";

const chain = buildChain(7, { keys: fixtureKeys(3, "faults") });
const logger = pino({ level: "silent" });

type Fault = "write-nothing" | "write-half" | "truncate";

/** Opens the real log, but fails the operations named in `faults` while they are in it. */
function faultyOpen(faults: Set<Fault>) {
  const injected = (what: string) =>
    Object.assign(new Error(`EIO: injected ${what} failure`), { code: "EIO" });
  return async (path: string): Promise<FileHandle> => {
    const real = await open(path, "a");
    return new Proxy(real, {
      get(target, property) {
        if (property === "write" && faults.has("write-nothing"))
          return async () => {
            throw injected("write");
          };
        if (property === "write" && faults.has("write-half"))
          return async (buffer: Buffer, offset: number, length: number) => {
            await target.write(buffer, offset, Math.floor(length / 2));
            throw injected("write");
          };
        if (property === "truncate" && faults.has("truncate"))
          return async () => {
            throw injected("truncate");
          };
        const value = Reflect.get(target, property, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pos-faults-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storeWith(faults: Set<Fault>, records = 3): Promise<FileStore> {
  const store = await FileStore.open({ dir, repair: false, logger, openLog: faultyOpen(faults) });
  for (const r of chain.slice(0, records)) await store.append(r);
  return store;
}

const logBytes = () => readFileSync(join(dir, LOG_FILE));
const goodBytes = (n: number) => Buffer.concat(chain.slice(0, n).map(encodeRecord));

describe("FileStore under write faults", () => {
  it("a half write that cannot be cut back breaks the store at once; the next start cuts the half record", async () => {
    const faults = new Set<Fault>();
    const store = await storeWith(faults);
    faults.add("write-half").add("truncate");
    await expect(store.append(chain[3]!)).rejects.toMatchObject({ code: StoreErrorCode.Broken });
    faults.clear();
    // Broken stays broken for this run, even once the fault is gone: the file holds a half record.
    await expect(store.append(chain[3]!)).rejects.toMatchObject({
      code: StoreErrorCode.Broken,
      message: expect.stringContaining("start the server again"),
    });
    await store.close();
    const again = await FileStore.open({ dir, repair: false, logger });
    expect(await again.load()).toEqual(chain.slice(0, 3));
    await again.append(chain[3]!);
    await again.close();
    expect(logBytes().equals(goodBytes(4))).toBe(true);
  });

  it("a write refused outright leaves nothing to undo: the store carries on once the fault clears", async () => {
    const faults = new Set<Fault>();
    const store = await storeWith(faults);
    faults.add("write-nothing").add("truncate");
    await expect(store.append(chain[3]!)).rejects.toMatchObject({ code: StoreErrorCode.Io });
    faults.clear();
    await store.append(chain[3]!);
    await store.close();
    expect(logBytes().equals(goodBytes(4))).toBe(true);
  });

  it("a half write that is cut back is dropped, and the store carries on", async () => {
    const faults = new Set<Fault>();
    const store = await storeWith(faults);
    faults.add("write-half");
    await expect(store.append(chain[3]!)).rejects.toMatchObject({ code: StoreErrorCode.Io });
    expect(logBytes().equals(goodBytes(3))).toBe(true);
    faults.clear();
    await store.append(chain[3]!);
    await store.close();
    expect(logBytes().equals(goodBytes(4))).toBe(true);
  });

  it(`${MAX_FAILED_APPENDS} failed appends in a row break the store: the disk is not taking blocks`, async () => {
    const faults = new Set<Fault>();
    const store = await storeWith(faults);
    faults.add("write-nothing");
    for (let i = 1; i < MAX_FAILED_APPENDS; i++)
      await expect(store.append(chain[3]!)).rejects.toMatchObject({ code: StoreErrorCode.Io });
    await expect(store.append(chain[3]!)).rejects.toMatchObject({ code: StoreErrorCode.Broken });
    await store.close();
    expect(logBytes().equals(goodBytes(3))).toBe(true);
  });
});
