import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { StoreError, StoreErrorCode } from "./errors.js";

export const LOCK_FILE = "LOCK";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

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
  let replaced: LockOwner | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw lockIoError(path, error);
      const owner = readOwner(path);
      if (owner === undefined) continue; // released between our open and read: try again
      if (owner !== null && !isStale(owner)) throw lockedError(dir, path, owner);
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
    const release = () => {
      if (!held) return;
      held = false;
      process.off("exit", release);
      try {
        // Only remove our own lock, never one a later owner took over.
        if (readOwner(path)?.pid === me.pid) unlinkSync(path);
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
    if (typeof value.pid === "number" && typeof value.host === "string")
      return { pid: value.pid, host: value.host, since: String(value.since) };
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

function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false; // cannot tell from here: assume it is alive
  if (owner.pid === process.pid) return false; // this very process holds it
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
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
