import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreErrorCode } from "./errors.js";
import { acquireLock, LOCK_FILE } from "./lock.js";
import { bootId, processStartTime } from "./process-identity.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pos-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeOwner = (owner: Record<string, unknown>) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), since: "earlier", ...owner }));

function lockedBy(): string {
  try {
    acquireLock(dir).release();
  } catch (error) {
    expect(error).toMatchObject({ code: StoreErrorCode.Locked });
    return (error as Error).message;
  }
  throw new Error("expected the lock to be refused");
}

describe("acquireLock", () => {
  const linux = processStartTime(process.pid) !== null;

  it("records this process's start time and boot id where the system shows them", () => {
    const lock = acquireLock(dir);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
    expect(owner.pid).toBe(process.pid);
    expect(owner.start).toBe(processStartTime(process.pid) ?? undefined);
    expect(owner.boot).toBe(bootId() ?? undefined);
    lock.release();
  });

  it("a lock naming this very pid (a container's pid 1 after kill -9) is stale unless this process holds it", () => {
    writeOwner({ pid: process.pid, start: "1" });
    const lock = acquireLock(dir);
    expect(lock.replaced).toMatchObject({ pid: process.pid });
    // Held by this process now: a second open of the same directory is refused.
    expect(lockedBy()).toContain(`process ${process.pid}`);
    lock.release();
    // An old lock file without a start time names our pid too: still stale.
    writeOwner({ pid: process.pid });
    const again = acquireLock(dir);
    expect(again.replaced).toMatchObject({ pid: process.pid });
    again.release();
  });

  it.runIf(linux)("a live pid (here pid 1) with a different start time is a reused pid: stale", () => {
    const real = processStartTime(1)!;
    writeOwner({ pid: 1, start: String(BigInt(real) + 1n) });
    const lock = acquireLock(dir);
    expect(lock.replaced).toMatchObject({ pid: 1 });
    lock.release();
  });

  it.runIf(linux)("a live pid with its own start time holds the lock", () => {
    writeOwner({ pid: process.ppid, start: processStartTime(process.ppid), boot: bootId() });
    expect(lockedBy()).toContain(`process ${process.ppid}`);
  });

  it.runIf(linux)("a lock written before a reboot (another boot id) is stale even if its pid is live", () => {
    writeOwner({ pid: process.ppid, start: processStartTime(process.ppid), boot: "another-boot" });
    expect(acquireLock(dir).replaced).toMatchObject({ pid: process.ppid });
  });
});
