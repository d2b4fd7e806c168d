import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { StoreError, StoreErrorCode } from "./errors.js";
import { bootId, processStartTime } from "./process-identity.js";

export const LOCK_FILE = "LOCK";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** The owner's start time in clock ticks since boot (Linux), so a reused pid is not taken for it. */
  start?: string;
  /** The kernel's boot id (Linux): after a reboot no earlier owner can be alive. */
  boot?: string;
}

/** Lock files this process holds right now: the only way a lock naming our own pid can be live. */
const heldHere = new Set<string>();

export interface DirLock {
  readonly path: string;
  /** Stale lock taken over from a process that is gone, if any. */
  readonly replaced: LockOwner | null;
  release(): void;
}

/**
 * One server per data directory. The lock is a file created with O_EXCL holding the owner's pid and
 * host. A lock left by a process that no longer exists on this host (kill -9, power loss) is stale
 * and taken over at once, so a crashed server restarts without waiting for a timeout; a live owner,
 * or an owner on another host, makes the start fail with a message naming it.
 */
export function acquireLock(dir: string, now: () => Date = () => new Date()): DirLock {
  const path = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: now().toISOString() };
  const start = processStartTime(process.pid);
  const boot = bootId();
  if (start !== null) me.start = start;
  if (boot !== null) me.boot = boot;
  const key = resolve(path);
  let replaced: LockOwner | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw lockIoError(path, error);
      const owner = readOwner(path);
      if (owner === undefined) continue; // released between our open and read: try again
      if (owner !== null && !isStale(owner, key)) throw lockedError(dir, path, owner);
      if (owner === null && !isOld(path)) {
        // Maybe another server is between creating the file and writing its pid: give it a moment.
        sleepMs(200);
        if (attempt < 2) continue;
        throw new StoreError(
          StoreErrorCode.Locked,
          `the lock file ${path} is unreadable: another server may be starting. Try again; if no server uses ${dir}, delete ${path}.`,
        );
      }
      // Stale or unreadable (a crash while writing it): remove it only if it is still the same file.
      if (JSON.stringify(readOwner(path)) !== JSON.stringify(owner)) continue;
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== "ENOENT") throw lockIoError(path, unlinkError);
      }
      replaced = owner;
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let held = true;
    heldHere.add(key);
    const release = () => {
      if (!held) return;
      held = false;
      heldHere.delete(key);
      process.off("exit", release);
      try {
        // Only remove our own lock, never one a later owner took over.
        const owner = readOwner(path);
        if (owner?.pid === me.pid && owner.since === me.since) unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    };
    // A forced exit (e.g. the shutdown deadline) still leaves no lock behind.
    process.on("exit", release);
    return { path, replaced, release };
  }
  throw new StoreError(
    StoreErrorCode.Locked,
    `could not take the lock ${path}: it keeps changing. Is another server starting on the same --data directory?`,
  );
}

/** The owner, null when the file is unreadable garbage, undefined when it is gone. */
function readOwner(path: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === "number" && typeof value.host === "string") {
      const owner: LockOwner = { pid: value.pid, host: value.host, since: String(value.since) };
      if (typeof value.start === "string") owner.start = value.start;
      if (typeof value.boot === "string") owner.boot = value.boot;
      return owner;
    }
  } catch {
    // fall through
  }
  return null;
}

function isOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > 2000;
  } catch {
    return true;
  }
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Whether the lock's owner is certainly gone. A pid alone is not enough: in a container the server is
 * pid 1 on every start, and pids are reused. So the owner's start time and boot id are compared too
 * where the system shows them (Linux /proc); elsewhere a live pid counts as the owner.
 */
function isStale(owner: LockOwner, key: string): boolean {
  if (owner.host !== hostname()) return false; // cannot tell from here: assume it is alive
  const boot = bootId();
  if (owner.boot !== undefined && boot !== null && owner.boot !== boot) return true; // rebooted since
  // Our own pid: live only if this very process holds the lock (a second open of the same directory).
  if (owner.pid === process.pid) return !heldHere.has(key);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return true;
  }
  // Alive (or not ours to signal): stale only if it is provably a different process with that pid.
  const start = processStartTime(owner.pid);
  return owner.start !== undefined && start !== null && owner.start !== start;
}

function lockedError(dir: string, path: string, owner: LockOwner): StoreError {
  const where = owner.host === hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
  return new StoreError(
    StoreErrorCode.Locked,
    `the data directory ${dir} is in use by another pos-server (${where}, since ${owner.since}). ` +
      "Stop that server first, or give this one its own --data directory (or --memory)." +
      (owner.host === hostname() ? "" : ` If that server is really gone, delete ${path}.`),
  );
}

function lockIoError(path: string, error: unknown): StoreError {
  return new StoreError(
    StoreErrorCode.Io,
    `could not create the lock file ${path}: ${(error as Error).message}. Check that the --data directory is writable.`,
  );
}
