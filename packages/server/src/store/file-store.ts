import { constants } from "node:fs";
import { copyFile, type FileHandle, mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { type BlockRecord, checkRecord, RuleLedger, StakeLedger } from "@pos-tui/core";
import type { Logger } from "pino";
import type { ChainStore } from "../chain/store.js";
import { StoreError, StoreErrorCode } from "./errors.js";
import { acquireLock, type DirLock } from "./lock.js";
import { encodeRecord, LOG_FILE } from "./log-format.js";
import { type ScanResult, scanLog } from "./log-reader.js";
import { readTip, removeTip, TIP_FILE, TipWriter } from "./tip-marker.js";

export interface FileStoreOptions {
  /** The data directory; created if missing. */
  dir: string;
  /** Keep the valid prefix of a log that is damaged in the middle, after backing it up. */
  repair: boolean;
  logger: Logger;
  now?: () => Date;
  /** Opens the log for appending; tests pass one whose handle fails on demand. */
  openLog?: (path: string) => Promise<FileHandle>;
}

/** Failed appends in a row after which the store gives up: the disk is not going to take the block. */
export const MAX_FAILED_APPENDS = 3;

/**
 * The chain as an append-only NDJSON log in the data directory, one checksummed record per block
 * (see log-format.ts). Opening takes the directory's lock, reads and checks every record, cuts a torn
 * tail and refuses (or, with repair, backs up and cuts) a log damaged in the middle. `append` writes
 * one line and fdatasyncs before it resolves, so a block the server announces is on disk.
 */
export class FileStore implements ChainStore {
  private queue: Promise<void> = Promise.resolve();
  private broken: string | null = null;
  private failedInARow = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly lock: DirLock,
    private handle: FileHandle,
    private readonly tipWriter: TipWriter,
    /** Bytes of the log that hold good, durable records. */
    private size: number,
    private records: BlockRecord[] | null,
    private tip: BlockRecord | null,
    /** The stakes the stored records add up to, so no record is written that the next start refuses. */
    private readonly ledger: StakeLedger,
    /** The proposer rule and its state the stored records add up to, for the same reason. */
    private readonly rules: RuleLedger,
  ) {}

  static async open(options: FileStoreOptions): Promise<FileStore> {
    const { dir, logger } = options;
    const now = options.now ?? (() => new Date());
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw ioError(`could not create the data directory ${dir}`, error, "Check the --data path.");
    }
    const lock = acquireLock(dir);
    if (lock.replaced)
      logger.warn(
        { lock: lock.path, ownerPid: lock.replaced.pid },
        `took over the lock of process ${lock.replaced.pid}, which is gone (it did not stop cleanly)`,
      );
    try {
      const path = join(dir, LOG_FILE);
      const records: BlockRecord[] = [];
      const started = performance.now();
      let scan: ScanResult;
      try {
        scan = await scanLog(path, { onRecord: (record) => records.push(record) });
      } catch (error) {
        throw ioError(`could not read the chain log ${path}`, error, "Check the file's permissions.");
      }
      if (scan.exists)
        logger.info(
          { path, blocks: scan.count, bytes: scan.size, ms: Math.round(performance.now() - started) },
          `loaded and checked ${scan.count} blocks from ${path}`,
        );
      let cutTo: number | null = null;
      if (scan.bad) {
        const { offset, index, code, message } = scan.bad;
        if (!options.repair)
          throw new StoreError(
            StoreErrorCode.Corrupt,
            `the chain log ${path} is damaged at byte offset ${offset} (block ${index}): ${message} [${code}]. ` +
              `The ${index} block(s) before it are intact. Run again with --repair to back the log up and keep ` +
              `those ${index} block(s), or restore ${path} from a backup.`,
            { offset, index, reason: code },
          );
        const backup = `${path}.bak-${now().toISOString().replace(/[:.]/g, "-")}`;
        try {
          await copyFile(path, backup, constants.COPYFILE_EXCL);
          await syncFile(backup);
        } catch (error) {
          throw ioError(`could not back the damaged log up to ${backup}`, error, "Nothing was changed.");
        }
        logger.warn(
          { path, backup, offset, index, reason: code, dropped: scan.size - scan.validEnd },
          `repair: the log was damaged at byte offset ${offset} (block ${index}: ${message}); ` +
            `kept blocks 0..${index - 1}, the original is saved as ${backup}`,
        );
        cutTo = scan.validEnd;
      } else if (scan.torn) {
        const { offset, bytes, reason } = scan.torn;
        logger.warn(
          { path, offset, bytes, reason },
          `cut a torn last record at byte offset ${offset} (${bytes} bytes, ${reason}): it was never acknowledged`,
        );
        cutTo = scan.validEnd;
      } else if (options.repair) {
        logger.info({ path }, "repair: the log is intact, nothing to do");
      }

      const tipWriter = await checkTipMarker(dir, path, records, options.repair, logger);
      let handle: FileHandle;
      try {
        handle = await (options.openLog ?? ((p) => open(p, "a")))(path);
        if (cutTo !== null) {
          await handle.truncate(cutTo);
          await handle.sync();
        }
        // A new file's name must be durable too, or a crash could lose the whole log.
        if (!scan.exists) await syncDirectory(dir);
      } catch (error) {
        await tipWriter.close();
        throw ioError(
          `could not open the chain log ${path} for writing`,
          error,
          "Check the disk and permissions.",
        );
      }
      const ledger = new StakeLedger();
      const rules = new RuleLedger();
      for (const record of records) {
        ledger.check(record);
        rules.check(record);
      }
      return new FileStore(
        path,
        lock,
        handle,
        tipWriter,
        scan.validEnd,
        records,
        records.at(-1) ?? null,
        ledger,
        rules,
      );
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  async load(): Promise<BlockRecord[]> {
    if (this.records) {
      const records = this.records;
      this.records = null; // the caller owns them now; do not hold 100k blocks twice
      return records;
    }
    const records: BlockRecord[] = [];
    await scanLog(this.path, { onRecord: (record) => records.push(record) });
    return records;
  }

  append(record: BlockRecord): Promise<void> {
    const run = this.queue.then(() => this.write(record));
    this.queue = run.catch(() => {});
    return run;
  }

  private async write(record: BlockRecord): Promise<void> {
    if (this.closed) throw new StoreError(StoreErrorCode.Closed, "the chain store is closed");
    if (this.broken) throw new StoreError(StoreErrorCode.Broken, this.broken);
    // Never write what the next start would refuse: that would stop the server from starting.
    const issue = checkRecord(this.tip, record) ?? this.ledger.issue(record) ?? this.rules.issue(record);
    if (issue)
      throw new StoreError(
        StoreErrorCode.Rejected,
        `block ${record.block.Index} was not stored: ${issue.message} [${issue.code}]`,
      );
    const bytes = encodeRecord(record);
    try {
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
      await this.handle.datasync();
      // After the record is durable and before anyone hears of it: the marker never names a block
      // the log lacks, and a log found shorter than it has lost announced blocks.
      await this.tipWriter.write({ index: record.block.Index, hash: record.block.Hash });
    } catch (error) {
      await this.undo(error);
      if (this.broken) throw new StoreError(StoreErrorCode.Broken, this.broken);
      throw ioError(
        `could not store block ${record.block.Index} in ${this.path}`,
        error,
        "The block was dropped; check the disk (is it full?).",
      );
    }
    this.size += bytes.length;
    this.tip = record;
    this.ledger.check(record);
    this.rules.check(record);
    this.failedInARow = 0;
  }

  /**
   * After a failed write, cut the file back so no half record sits before the next one. When that
   * fails too, or writes keep failing, the store is broken: every later append is refused at once, so
   * the server can stop instead of running rounds it cannot store.
   */
  private async undo(cause: unknown): Promise<void> {
    const reason = (cause as Error).message;
    this.failedInARow++;
    try {
      // A write refused outright (EPERM, ENOSPC before any byte) left nothing to cut.
      if ((await this.handle.stat()).size !== this.size) {
        await this.handle.truncate(this.size);
        await this.handle.datasync();
      }
    } catch (error) {
      this.broken =
        `a write to ${this.path} failed (${reason}) and could not be undone (${(error as Error).message}). ` +
        "Fix the disk or the file's permissions, then start the server again: the start cuts the damaged tail.";
      return;
    }
    if (this.failedInARow >= MAX_FAILED_APPENDS)
      this.broken =
        `${this.failedInARow} writes to ${this.path} in a row failed (the last: ${reason}). ` +
        "Fix the disk (is it full? read-only?), then start the server again.";
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    try {
      await this.handle.close();
      await this.tipWriter.close();
    } finally {
      this.lock.release();
    }
  }
}

/**
 * Compares the log with the marker of the last announced block. A log that ends before it, or holds
 * another block at its index, has lost announced history: refused, unless `repair` accepts the loss.
 * Returns the writer, with the marker brought up to the log's tip.
 */
async function checkTipMarker(
  dir: string,
  path: string,
  records: readonly BlockRecord[],
  repair: boolean,
  logger: Logger,
): Promise<TipWriter> {
  const markerPath = join(dir, TIP_FILE);
  let mark: Awaited<ReturnType<typeof readTip>>;
  try {
    mark = await readTip(dir);
  } catch (error) {
    throw ioError(`could not read the tip marker ${markerPath}`, error, "Check the file's permissions.");
  }
  const last = records.at(-1) ?? null;
  if (mark.state === "damaged")
    logger.warn(
      { marker: markerPath },
      `the tip marker ${markerPath} is unreadable (${mark.reason}): rewriting it from the log`,
    );
  if (mark.state === "ok") {
    const { index, hash } = mark.tip;
    const held = records[index];
    if (held === undefined || held.block.Hash !== hash) {
      const logEnd = last === null ? "holds no block" : `ends at block ${last.block.Index}`;
      const what =
        held === undefined
          ? `the chain log ${path} ${logEnd}, but block ${index} (${hash.slice(0, 16)}...) was already announced`
          : `block ${index} in the chain log ${path} is not the announced block ${index} (${hash.slice(0, 16)}...)`;
      if (!repair)
        throw new StoreError(
          StoreErrorCode.Truncated,
          `${what}, as the tip marker ${markerPath} records: announced history is missing. ` +
            `Restore ${path} from a backup, or run again with --repair to accept the loss and rewrite the marker.`,
        );
      logger.warn({ path, marker: markerPath, announced: index }, `repair: ${what}; accepting the loss`);
    }
  }
  try {
    if (last === null) {
      await removeTip(dir); // genesis, when it is stored, writes a new one
      return await TipWriter.open(dir);
    }
    const writer = await TipWriter.open(dir);
    if (mark.state !== "ok" || mark.tip.index !== last.block.Index || mark.tip.hash !== last.block.Hash)
      await writer.write({ index: last.block.Index, hash: last.block.Hash }).catch(async (error) => {
        await writer.close();
        throw error;
      });
    return writer;
  } catch (error) {
    throw ioError(`could not write the tip marker ${markerPath}`, error, "Check the disk and permissions.");
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the file itself is still synced on every append.
  } finally {
    await handle.close();
  }
}

function ioError(what: string, error: unknown, advice: string): StoreError {
  return new StoreError(StoreErrorCode.Io, `${what}: ${(error as Error).message}. ${advice}`);
}
