import { crc32 } from "node:zlib";
import { type BlockRecord, LOG_FORMAT_VERSION } from "@pos-tui/core";

/** The chain log's file name inside the data directory. */
export const LOG_FILE = "chain.ndjson";

/**
 * One line per block: `{"crc32":"<8 hex>","v":2,"block":{...},"proof":{...},"ledger":{...}}\n`.
 * A record without `v` and `ledger` is format 1 (written before the stake ledger) and still loads.
 *
 * The crc32 covers every byte of the line after its fixed 20-byte prefix `{"crc32":"xxxxxxxx",`.
 * Hash, signature and lottery checks already catch a change to anything they cover, but the
 * candidates' names are covered by nothing else: without the checksum a flipped byte in a name would
 * load silently. Checking raw bytes also costs less than re-serialising the record.
 */
const PREFIX_OPEN = '{"crc32":"';
export const CRC_PREFIX_BYTES = 20;

export function encodeRecord(record: BlockRecord): Buffer {
  const body = JSON.stringify(
    record.ledger === undefined
      ? { block: record.block, proof: record.proof }
      : { v: LOG_FORMAT_VERSION, block: record.block, proof: record.proof, ledger: record.ledger },
  ).slice(1);
  const bodyBytes = Buffer.from(`${body}\n`, "utf8");
  const crc = crc32(bodyBytes.subarray(0, bodyBytes.length - 1))
    .toString(16)
    .padStart(8, "0");
  return Buffer.concat([Buffer.from(`${PREFIX_OPEN}${crc}",`, "utf8"), bodyBytes]);
}

export type DecodedLine =
  | { ok: true; value: { block: unknown; proof: unknown; ledger?: unknown } }
  /** `framing`: not a JSON object at all (what a torn write leaves); `damaged`: parsed, but altered or incomplete. */
  | { ok: false; kind: "framing" | "damaged"; message: string };

/** Decodes one line (without its newline). Never throws. */
export function decodeLine(line: Buffer): DecodedLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString("utf8"));
  } catch {
    return { ok: false, kind: "framing", message: "the line is not valid JSON" };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, kind: "framing", message: "the line is not a JSON object" };
  const record = parsed as Record<string, unknown>;
  const stored = record.crc32;
  if (
    typeof stored !== "string" ||
    line.length < CRC_PREFIX_BYTES ||
    line.toString("latin1", 0, CRC_PREFIX_BYTES) !== `${PREFIX_OPEN}${stored}",`
  )
    return {
      ok: false,
      kind: "damaged",
      message: 'the record does not start with its {"crc32":"..." checksum',
    };
  const actual = crc32(line.subarray(CRC_PREFIX_BYTES)).toString(16).padStart(8, "0");
  if (actual !== stored)
    return {
      ok: false,
      kind: "damaged",
      message: `the record's checksum is ${actual}, not the stored ${stored}: its bytes were altered`,
    };
  if (!("block" in record) || !("proof" in record))
    return { ok: false, kind: "damaged", message: "the record must hold crc32, block and proof" };
  const keys = Object.keys(record).length;
  if (!("v" in record)) {
    if (keys !== 3)
      return {
        ok: false,
        kind: "damaged",
        message: "a format 1 record must hold exactly crc32, block and proof",
      };
    return { ok: true, value: { block: record.block, proof: record.proof } };
  }
  if (record.v !== LOG_FORMAT_VERSION)
    return {
      ok: false,
      kind: "damaged",
      message: `the record is in log format ${String(record.v).slice(0, 20)}, which this version does not know (it reads 1 and ${LOG_FORMAT_VERSION}): upgrade pos-server`,
    };
  if (!("ledger" in record) || keys !== 5)
    return {
      ok: false,
      kind: "damaged",
      message: "a format 2 record must hold exactly crc32, v, block, proof and ledger",
    };
  return { ok: true, value: { block: record.block, proof: record.proof, ledger: record.ledger } };
}
