import { open } from "node:fs/promises";
import { type BlockRecord, checkRecord, ErrorCode, RuleLedger, StakeLedger } from "@pos-tui/core";
import { decodeLine } from "./log-format.js";
import { SignaturePool } from "./signature-pool.js";

const CHUNK_BYTES = 1 << 20;
/** No honest record comes near this (1000 candidates take ~150 KiB); past it the line is damaged. */
export const MAX_RECORD_BYTES = 16 << 20;

/** Bytes after the last complete record that are not a record: what a write cut short leaves. */
export interface TornTail {
  offset: number;
  bytes: number;
  reason: string;
}

/** The first record that fails a check, with where it starts. */
export interface BadRecord {
  offset: number;
  /** The record's position in the log, which is the block index it should have. */
  index: number;
  code: ErrorCode;
  message: string;
}

export interface ScanResult {
  exists: boolean;
  /** Bytes of the file that were scanned (its size when the scan began). */
  size: number;
  /** Good records read, in order. */
  count: number;
  /** Byte offset just past the last good record: the length of the valid prefix. */
  validEnd: number;
  first: BlockRecord | null;
  last: BlockRecord | null;
  torn: TornTail | null;
  bad: BadRecord | null;
  /** Records read in log format 1 (stakes taken on trust) and in format 2 (stakes checked by the ledger). */
  formats: { v1: number; v2: number };
}

export interface ScanOptions {
  /** Called for each good record, in order (only once its signature is known to be good). */
  onRecord?: (record: BlockRecord, index: number, offset: number) => void;
  /**
   * Check signatures on worker threads: true, false, or "auto" (the default: only for logs big
   * enough to repay starting the workers).
   */
  parallel?: boolean | "auto";
}

/** Below this size a log is checked on the calling thread alone. */
const PARALLEL_MIN_BYTES = 2 << 20;
const BATCH_RECORDS = 256;
/** Batches in flight per worker: enough to keep them busy, few enough to bound memory. */
const INFLIGHT_PER_WORKER = 4;

interface Checked {
  record: BlockRecord;
  offset: number;
  /** Offset of the record's newline. */
  end: number;
}

/**
 * Streams the chain log and checks every record against the one before it. Reads fixed-size chunks
 * and tracks byte offsets, so memory stays bounded by the largest record, never the file. Stops at
 * the first bad record. Only a final piece without its newline is a torn tail (a write that never
 * finished, so never acknowledged); a complete line that fails any check, the last one included, is a
 * bad record. Reading never modifies the file.
 */
export async function scanLog(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  const result: ScanResult = {
    exists: true,
    size: 0,
    count: 0,
    validEnd: 0,
    first: null,
    last: null,
    torn: null,
    bad: null,
    formats: { v1: 0, v2: 0 },
  };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ...result, exists: false };
    throw error;
  }
  let pool: SignaturePool | null = null;
  try {
    const size = (await handle.stat()).size;
    result.size = size;
    const parallel = options.parallel ?? "auto";
    if (parallel === true || (parallel === "auto" && size >= PARALLEL_MIN_BYTES)) pool = new SignaturePool();
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let position = 0;
    /** Bytes of an unfinished line carried over from earlier chunks. */
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lineStart = 0;
    let stop = false;
    /** The last record read and checked (its signature may still be on a worker). */
    let prev: BlockRecord | null = null;
    let lineBad: BadRecord | null = null;
    let batch: Checked[] = [];
    let items: string[] = [];
    const inflight: Array<{ checked: Checked[]; firstBad: Promise<number> }> = [];
    let signatureBad: BadRecord | null = null;
    let checkedCount = 0;
    const ledger = new StakeLedger();
    const rules = new RuleLedger();

    const confirm = ({ record, offset, end }: Checked) => {
      options.onRecord?.(record, result.count, offset);
      result.first ??= record;
      result.last = record;
      result.count++;
      if (record.ledger === undefined) result.formats.v1++;
      else result.formats.v2++;
      result.validEnd = end + 1;
    };

    const line = (bytes: Buffer, end: number) => {
      const offset = lineStart;
      lineStart = end + 1;
      const decoded =
        end - offset > MAX_RECORD_BYTES
          ? ({ ok: false, kind: "damaged", message: "the line is longer than any record can be" } as const)
          : decodeLine(bytes);
      if (!decoded.ok) {
        // Even the last line: its newline was written, so the whole record was, and it may have been
        // announced. Only the bytes after the last newline can be a write that never finished.
        lineBad = { offset, index: checkedCount, code: ErrorCode.BadRecord, message: decoded.message };
        stop = true;
        return;
      }
      const issue = checkRecord(prev, decoded.value, { signature: pool === null });
      if (issue) {
        lineBad = { offset, index: checkedCount, code: issue.code, message: issue.message };
        stop = true;
        return;
      }
      const record = decoded.value as BlockRecord;
      const ledgerIssue = ledger.check(record) ?? rules.check(record);
      if (ledgerIssue) {
        lineBad = { offset, index: checkedCount, code: ledgerIssue.code, message: ledgerIssue.message };
        stop = true;
        return;
      }
      prev = record;
      checkedCount++;
      if (pool === null || record.block.Index === 0) {
        if (batch.length === 0 && inflight.length === 0) confirm({ record, offset, end });
        else batch.push({ record, offset, end }); // keep the order: confirmed after earlier batches
        return;
      }
      batch.push({ record, offset, end });
      items.push(record.block.Validator, record.block.Hash, record.block.Signature);
    };

    const dispatch = () => {
      if (batch.length === 0) return;
      // Records without a signature to check (genesis) sit at the front of the batch only.
      const unsigned = batch.length - items.length / 3;
      const checked = batch;
      const firstBad = items.length === 0 ? Promise.resolve(-1) : pool!.verifyBatch(items);
      inflight.push({ checked, firstBad: firstBad.then((bad) => (bad === -1 ? -1 : bad + unsigned)) });
      batch = [];
      items = [];
    };

    /** Confirms finished batches in order until at most `keep` remain in flight. */
    const drain = async (keep: number) => {
      while (inflight.length > keep && signatureBad === null) {
        const { checked, firstBad } = inflight.shift()!;
        const bad = await firstBad;
        const good = bad === -1 ? checked.length : bad;
        for (let i = 0; i < good; i++) confirm(checked[i]!);
        if (bad !== -1) {
          signatureBad = {
            offset: checked[bad]!.offset,
            index: result.count,
            code: ErrorCode.BadSignature,
            message: "Signature is not the Validator's signature of Hash",
          };
          stop = true;
        }
      }
    };

    while (!stop && position < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      let start = 0;
      while (!stop) {
        const newline = chunk.indexOf(0x0a, start);
        if (newline === -1) break;
        if (pendingBytes > 0) {
          pending.push(chunk.subarray(start, newline));
          const joined = Buffer.concat(pending);
          pending = [];
          pendingBytes = 0;
          line(joined, position + newline);
        } else {
          line(chunk.subarray(start, newline), position + newline);
        }
        start = newline + 1;
        if (batch.length >= BATCH_RECORDS) dispatch();
      }
      if (!stop && start < bytesRead) {
        // Keep the unfinished line (copied: the read buffer is reused), unless it is already too long.
        if (pendingBytes <= MAX_RECORD_BYTES) pending.push(Buffer.from(chunk.subarray(start)));
        pendingBytes += bytesRead - start;
      }
      position += bytesRead;
      if (pool) await drain(INFLIGHT_PER_WORKER * SignaturePool.defaultSize());
    }
    if (pool) {
      dispatch();
      await drain(0);
    } else {
      for (const checked of batch) confirm(checked);
    }
    if (signatureBad) {
      result.bad = signatureBad;
    } else if (lineBad) {
      result.bad = lineBad;
    } else if (pendingBytes > 0) {
      result.torn = {
        offset: lineStart,
        bytes: size - lineStart,
        reason: "the last record has no newline: its write never finished",
      };
    }
    return result;
  } finally {
    await pool?.close();
    await handle.close();
  }
}
