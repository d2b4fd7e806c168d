import type { Block } from "./block.js";
import { checkBlock, isIsoUtc, sealIssue } from "./chain.js";
import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import { type Candidate, verifyDraw } from "./lottery.js";
import { MAX_NAME_LENGTH, MAX_STAKE } from "./parse.js";
import type { BlockProof, BlockRecord } from "./record.js";
import type { RoundWindow } from "./round-window.js";
import { poolSizeIssue, roundRobinIssue, ruleFieldsIssue, ruleOf } from "./rule-proof.js";

/** Why a stored record cannot be trusted: a core code (for programs) and a reason (for people). */
export interface RecordIssue {
  code:
    | ErrorCode.BadBlock
    | ErrorCode.BadIndex
    | ErrorCode.BadLink
    | ErrorCode.BadHash
    | ErrorCode.BadSignature
    | ErrorCode.BadTimestamp
    | ErrorCode.BadLottery
    | ErrorCode.BadRule
    | ErrorCode.BadLedger;
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
  if (prev === null) {
    const issue = checkBlock(null, record.block);
    if (issue) return issue;
    const { Index } = record.block as Block;
    if (Index !== 0)
      return { code: ErrorCode.BadIndex, message: `the first block must be genesis (Index 0), got ${Index}` };
    if (record.proof !== null) return bad("the genesis block has no lottery proof (proof must be null)");
    return null;
  }
  const proofIssue = proofShapeIssue(record.proof);
  if (proofIssue) return proofIssue;
  const proof = record.proof as BlockProof;
  const prevRound = prev.proof?.round ?? 0;
  if (proof.round <= prevRound)
    return badLottery(`round ${proof.round} is not after the previous block's round ${prevRound}`);
  const window = proofWindow(prev, proof);
  if (window !== null && "code" in window) return window;
  // The block without its seal, then the cheap lottery replay, then the costly hash and signature.
  const issue = checkBlock(prev.block, record.block, {
    seal: false,
    prevChecked: true,
    ...(window ? { window } : {}),
  });
  if (issue) return issue;
  const block = record.block as Block;
  return drawIssue(block, proof) ?? sealIssue(block, options);
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
  return ruleFieldsIssue(p, p.candidates as { validator: string }[]);
}

/**
 * The round's window the proof records, once it is known to be sound; null for logs from before the
 * rule, which record none (see protocol.md).
 */
function proofWindow(prev: BlockRecord, proof: BlockProof): Required<RoundWindow> | RecordIssue | null {
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
  return { opensAt, closesAt };
}

/**
 * Re-runs the draw a proof records, for a client holding a block (already checked) and the proof it
 * was sent: the proof's shape, then the reveal matches the commit, and the draw over the listed
 * candidates picks the block's Validator with the recorded ticket, total and range. Never throws.
 */
export function checkDraw(block: Block, proof: unknown): RecordIssue | null {
  return proofShapeIssue(proof) ?? drawIssue(block, proof as BlockProof);
}

/** Replays the winner under the proof's rule; the pool picks exactly as the lottery's ranges do. */
function drawIssue(block: Block, proof: BlockProof): RecordIssue | null {
  const rule = ruleOf(proof);
  if (rule === "round-robin") return roundRobinIssue(block, proof);
  const issue = lotteryIssue(block, proof);
  if (rule === "lottery") return issue;
  return issue === null
    ? poolSizeIssue(proof)
    : { code: ErrorCode.BadRule, message: `pool: ${issue.message}` };
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
    return badLottery(`the proof's ticket ${proof.ticket} is not the draw's ticket ${ticket}`);
  if (proof.total !== total.toString())
    return badLottery(`the proof's total ${proof.total} is not the candidates' total stake ${total}`);
  if (proof.rangeStart !== rangeStart.toString() || proof.rangeEnd !== rangeEnd.toString())
    return badLottery(
      `the proof's range ${proof.rangeStart}..${proof.rangeEnd} is not the winner's range ${rangeStart}..${rangeEnd}`,
    );
  return null;
}
