import { type Block, blockHash, verifyBlockSignature } from "./block.js";
import { blockIssue, blockShapeIssue, isIsoUtc, linkIssue } from "./chain.js";
import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import { type Candidate, verifyDraw } from "./lottery.js";
import { MAX_NAME_LENGTH, MAX_STAKE } from "./parse.js";
import type { BlockProof, BlockRecord } from "./record.js";
import { windowIssue } from "./round-window.js";

/** Why a stored record cannot be trusted: a core code (for programs) and a reason (for people). */
export interface RecordIssue {
  code:
    | ErrorCode.BadBlock
    | ErrorCode.BadIndex
    | ErrorCode.BadLink
    | ErrorCode.BadHash
    | ErrorCode.BadSignature
    | ErrorCode.BadTimestamp
    | ErrorCode.BadLottery;
  message: string;
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

const bad = (message: string): RecordIssue => ({ code: ErrorCode.BadBlock, message });
const badLottery = (message: string): RecordIssue => ({ code: ErrorCode.BadLottery, message });

/**
 * May `value` (untrusted, e.g. parsed from disk) follow `prev` in the chain? `prev` null means
 * `value` must be the genesis record. Checks the record's shape, the block's hash, index, link,
 * timestamp and signature, and re-runs the lottery from the proof: the reveal matches the commit,
 * the draw over the stored candidates picks the block's validator with the stored ticket, total and
 * range, and rounds only go up. Pure and never throws. `signature: false` leaves the (costly)
 * signature to the caller, e.g. to check many in parallel.
 */
export function checkRecord(
  prev: BlockRecord | null,
  value: unknown,
  options: { signature?: boolean } = {},
): RecordIssue | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return bad("the record is not a JSON object");
  const record = value as Record<string, unknown>;
  if (!("block" in record) || !("proof" in record)) return bad("the record needs a block and a proof");
  const block = record.block as Block;
  if (prev === null) {
    const issue = blockIssue(block);
    if (issue) return issue;
    if (block.Index !== 0)
      return {
        code: ErrorCode.BadIndex,
        message: `the first block must be genesis (Index 0), got ${block.Index}`,
      };
    if (record.proof !== null) return bad("the genesis block has no lottery proof (proof must be null)");
    return null;
  }
  const proofIssue = proofShapeIssue(record.proof);
  if (proofIssue) return proofIssue;
  const proof = record.proof as BlockProof;
  const prevRound = prev.proof?.round ?? 0;
  if (proof.round <= prevRound)
    return badLottery(`round ${proof.round} is not after the previous block's round ${prevRound}`);
  // validateNext's checks, taken apart so the cheap lottery check runs before the costly signature.
  const issue = blockShapeIssue(block) ?? linkIssue(prev.block, block);
  if (issue) return issue;
  const window = windowRecordIssue(prev, block, proof);
  if (window) return window;
  // Cheap lottery checks before the costly signature.
  const lottery = lotteryIssue(block, proof);
  if (lottery) return lottery;
  const expected = blockHash(block);
  if (expected !== block.Hash)
    return {
      code: ErrorCode.BadHash,
      message: `Hash does not match the block's fields (expected ${expected})`,
    };
  if (options.signature !== false && !verifyBlockSignature(block))
    return { code: ErrorCode.BadSignature, message: "Signature is not the Validator's signature of Hash" };
  return null;
}

function proofShapeIssue(value: unknown): RecordIssue | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return badLottery("a block after genesis needs its lottery proof");
  const p = value as Record<string, unknown>;
  if (typeof p.round !== "number" || !Number.isSafeInteger(p.round) || p.round < 1)
    return badLottery("the proof's round must be a whole number >= 1");
  if (typeof p.commit !== "string" || !isHex(p.commit, 32))
    return badLottery("the proof's commit must be 64 lower-case hex characters");
  if (typeof p.reveal !== "string" || !isHex(p.reveal, 32))
    return badLottery("the proof's reveal must be 64 lower-case hex characters");
  for (const field of ["ticket", "total", "rangeStart", "rangeEnd"] as const) {
    const v = p[field];
    if (typeof v !== "string" || v.length > 40 || !DECIMAL.test(v))
      return badLottery(`the proof's ${field} must be a decimal string`);
  }
  if (!Array.isArray(p.candidates) || p.candidates.length === 0)
    return badLottery("the proof must list the round's candidates");
  let previous = "";
  for (const c of p.candidates as unknown[]) {
    if (typeof c !== "object" || c === null) return badLottery("a candidate is not an object");
    const { validator, stake, name } = c as Record<string, unknown>;
    if (typeof validator !== "string" || !isHex(validator, 32))
      return badLottery("a candidate's validator must be a 64-hex public key");
    if (validator <= previous)
      return badLottery("the candidates must be sorted by validator, each listed once");
    previous = validator;
    if (typeof stake !== "string" || stake.length > 19 || !DECIMAL.test(stake) || stake === "0")
      return badLottery(`candidate ${validator.slice(0, 8)} has a bad stake: 1..10^18 as a decimal string`);
    if (BigInt(stake) > MAX_STAKE)
      return badLottery(`candidate ${validator.slice(0, 8)} stakes more than 10^18`);
    if (name !== null && (typeof name !== "string" || name.length === 0 || name.length > 2 * MAX_NAME_LENGTH))
      return badLottery(`candidate ${validator.slice(0, 8)} has a bad name: null or 1..32 characters`);
  }
  return null;
}

/** The round's window, when the proof records one (logs from before the rule do not): see protocol.md. */
function windowRecordIssue(prev: BlockRecord, block: Block, proof: BlockProof): RecordIssue | null {
  const { opensAt, closesAt } = proof;
  if (opensAt === undefined && closesAt === undefined) return null;
  const badTime = (message: string): RecordIssue => ({ code: ErrorCode.BadTimestamp, message });
  if (!isIsoUtc(opensAt) || !isIsoUtc(closesAt) || Date.parse(opensAt) > Date.parse(closesAt))
    return badTime("the proof's window must be two ISO 8601 UTC times, opensAt no later than closesAt");
  const previous = prev.proof?.closesAt;
  if (isIsoUtc(previous) && Date.parse(opensAt) < Date.parse(previous))
    return badTime(
      `the round's window opens at ${opensAt}, before the previous round's closed (${previous})`,
    );
  return windowIssue(block.Timestamp, { opensAt, closesAt });
}

function lotteryIssue(block: Block, proof: BlockProof): RecordIssue | null {
  const candidates: Candidate[] = proof.candidates.map((c) => ({
    validator: c.validator,
    stake: BigInt(c.stake),
  }));
  const result = verifyDraw(
    { round: proof.round, commit: proof.commit, reveal: proof.reveal, prevHash: block.PrevHash, candidates },
    block.Validator,
  );
  if (!result.ok) return badLottery(result.error.message);
  const { ticket, total, rangeStart, rangeEnd } = result.value;
  if (proof.ticket !== ticket.toString())
    return badLottery(`the stored ticket ${proof.ticket} is not the draw's ticket ${ticket}`);
  if (proof.total !== total.toString())
    return badLottery(`the stored total ${proof.total} is not the candidates' total stake ${total}`);
  if (proof.rangeStart !== rangeStart.toString() || proof.rangeEnd !== rangeEnd.toString())
    return badLottery(
      `the stored range ${proof.rangeStart}..${proof.rangeEnd} is not the winner's range ${rangeStart}..${rangeEnd}`,
    );
  return null;
}
