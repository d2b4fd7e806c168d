/**
 * What can go wrong with the chain's home. Each code is stable (for scripts and tests); each message
 * says what happened and what to do about it.
 */
export enum StoreErrorCode {
  /** Another server holds the data directory. */
  Locked = "STORE_LOCKED",
  /** A complete record (the last one too) fails its checks: the start stops unless --repair is given. */
  Corrupt = "STORE_CORRUPT",
  /** The log ends before the last block the server announced (the TIP marker): history was lost. */
  Truncated = "STORE_TRUNCATED",
  /** The disk refused a read, write or sync. */
  Io = "STORE_IO",
  /** A write failed and could not be undone, or writes keep failing: no more appends in this run. */
  Broken = "STORE_BROKEN",
  /** A record that does not follow the tip was handed to append: a bug, refused before it hits disk. */
  Rejected = "STORE_REJECTED",
  /** The store was used after close(). */
  Closed = "STORE_CLOSED",
}

export interface CorruptDetails {
  /** Byte offset where the bad record starts. */
  offset: number;
  /** The bad record's position, i.e. the block index it should carry. */
  index: number;
  /** The reason's code, e.g. BAD_HASH, BAD_LOTTERY, BAD_RECORD. */
  reason: string;
}

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: CorruptDetails,
  ) {
    super(message);
    this.name = "StoreError";
  }
}
