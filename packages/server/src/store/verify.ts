import { dirname } from "node:path";
import { ErrorCode, type RuleName, ruleOf } from "@pos-tui/core";
import { scanLog, type TornTail } from "./log-reader.js";
import { readTip } from "./tip-marker.js";

export interface VerifyReport {
  ok: boolean;
  path: string;
  exists: boolean;
  bytes: number;
  blocks: number;
  /** Distinct validators seen as candidates or proposers. */
  validators: number;
  firstBlockTime: string | null;
  lastBlockTime: string | null;
  tip: { index: number; hash: string } | null;
  tornTail: TornTail | null;
  /**
   * Blocks by log format: format 1 blocks carry no stake ledger, so their proofs' stakes are taken on
   * trust; format 2 blocks have every stake checked against the ledger.
   */
  formats: { v1: number; v2: number };
  /** The proposer rules the blocks ran under, each from the block where it took over (none: genesis only). */
  rules: { rule: RuleName; fromBlock: number }[];
  error: { index: number; offset: number; code: ErrorCode; message: string } | null;
  ioError: string | null;
  ms: number;
  blocksPerSecond: number;
}

export interface VerifyLogOptions {
  /**
   * After each good record: the bytes of the log checked so far and the blocks among them, for a
   * progress report; once more with the whole size when the log was good to its end.
   */
  onProgress?: (bytes: number, blocks: number) => void;
}

/**
 * Re-checks a chain log without touching it, for `pos-server verify`, and compares it with the tip
 * marker beside it: a log that lacks the last announced block is as bad as a damaged one.
 */
export async function verifyLog(path: string, options: VerifyLogOptions = {}): Promise<VerifyReport> {
  const validators = new Set<string>();
  let announced: { index: number; hash: string } | null = null;
  let heldHash: string | null = null;
  const started = performance.now();
  const report: VerifyReport = {
    ok: false,
    path,
    exists: true,
    bytes: 0,
    blocks: 0,
    validators: 0,
    firstBlockTime: null,
    lastBlockTime: null,
    tip: null,
    tornTail: null,
    formats: { v1: 0, v2: 0 },
    rules: [],
    error: null,
    ioError: null,
    ms: 0,
    blocksPerSecond: 0,
  };
  try {
    const mark = await readTip(dirname(path));
    if (mark.state === "ok") announced = mark.tip;
    const scan = await scanLog(path, {
      onRecord: ({ block, proof }, index, offset) => {
        if (block.Index === announced?.index) heldHash = block.Hash;
        if (proof) {
          for (const c of proof.candidates) validators.add(c.validator);
          const rule = ruleOf(proof);
          if (report.rules.at(-1)?.rule !== rule) report.rules.push({ rule, fromBlock: block.Index });
        }
        if (block.Validator !== "") validators.add(block.Validator);
        options.onProgress?.(offset, index + 1);
      },
    });
    if (scan.bad === null) options.onProgress?.(scan.size, scan.count);
    report.exists = scan.exists;
    report.bytes = scan.size;
    report.blocks = scan.count;
    report.firstBlockTime = scan.first?.block.Timestamp ?? null;
    report.lastBlockTime = scan.last?.block.Timestamp ?? null;
    report.tip = scan.last ? { index: scan.last.block.Index, hash: scan.last.block.Hash } : null;
    report.tornTail = scan.torn;
    report.formats = scan.formats;
    report.error = scan.bad;
    report.ok = scan.exists && scan.bad === null && scan.count > 0;
    if (scan.exists && scan.count === 0 && !scan.bad)
      report.error = {
        index: 0,
        offset: 0,
        code: ErrorCode.BadRecord,
        message: "the log holds no complete record, not even genesis",
      };
    if (announced && report.error === null && heldHash !== announced.hash) {
      const { index, hash } = announced;
      report.ok = false;
      report.error = {
        index: Math.min(index, scan.count),
        offset: scan.validEnd,
        code: ErrorCode.Truncated,
        message:
          heldHash === null
            ? `the log ${scan.count === 0 ? "holds no block" : `ends at block ${scan.count - 1}`}, but block ${index} (${hash.slice(0, 16)}...) was announced (tip marker): announced history is missing`
            : `block ${index} is not the announced block ${index} (${hash.slice(0, 16)}..., tip marker): the log was replaced`,
      };
    }
  } catch (error) {
    report.ioError = (error as Error).message;
  }
  report.validators = validators.size;
  report.ms = performance.now() - started;
  report.blocksPerSecond = report.ms > 0 ? (report.blocks * 1000) / report.ms : 0;
  return report;
}
