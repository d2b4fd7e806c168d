import { type Block, blockHash, verifyBlockSignature } from "./block.js";
import { ErrorCode } from "./errors.js";
import { isHex } from "./hex.js";
import { publicKeyIssue } from "./key-check.js";
import { isValidBpm } from "./parse.js";
import { type RoundWindow, windowIssue } from "./round-window.js";

export interface ChainIssue {
  code:
    | ErrorCode.BadIndex
    | ErrorCode.BadLink
    | ErrorCode.BadHash
    | ErrorCode.BadSignature
    | ErrorCode.BadTimestamp
    | ErrorCode.BadBlock;
  message: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** ISO 8601 UTC as the chain writes it, e.g. 2026-01-01T12:00:00.000Z. */
export function isIsoUtc(value: unknown): value is string {
  return typeof value === "string" && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));
}

/** Shape check for anything that claims to be a block; data from disk or the wire is untrusted. */
export function blockShapeIssue(block: unknown): ChainIssue | null {
  const bad = (message: string): ChainIssue => ({ code: ErrorCode.BadBlock, message });
  if (typeof block !== "object" || block === null) return bad("the block is not an object");
  const b = block as Record<string, unknown>;
  if (typeof b.Index !== "number" || !Number.isSafeInteger(b.Index) || b.Index < 0)
    return bad("Index must be a whole number >= 0");
  if (!isIsoUtc(b.Timestamp))
    return { code: ErrorCode.BadTimestamp, message: "Timestamp must be ISO 8601 UTC" };
  if (typeof b.PrevHash !== "string" || typeof b.Validator !== "string" || typeof b.Hash !== "string")
    return bad("PrevHash, Validator and Hash must be strings");
  if (typeof b.Signature !== "string") return bad("Signature must be a string");
  if (b.Index === 0) {
    if (b.BPM !== 0 || b.PrevHash !== "" || b.Validator !== "" || b.Signature !== "")
      return bad("the genesis block has BPM 0 and empty PrevHash, Validator and Signature");
    return null;
  }
  if (!isValidBpm(b.BPM)) return bad("BPM must be a whole number from 1 to 300");
  if (!isHex(b.PrevHash, 32)) return bad("PrevHash must be 64 lower-case hex characters");
  if (!isHex(b.Validator, 32)) return bad("Validator must be a 64-hex ed25519 public key");
  const keyIssue = publicKeyIssue(b.Validator);
  if (keyIssue) return bad(`Validator: ${keyIssue}`);
  if (!isHex(b.Hash, 32)) return bad("Hash must be 64 lower-case hex characters");
  if (!isHex(b.Signature, 64)) return bad("Signature must be 128 hex characters");
  return null;
}

export interface BlockCheckOptions {
  /** The round's window of chain time: the Timestamp must lie inside it (see round-window.ts). */
  window?: Required<RoundWindow>;
  /**
   * Check Hash and Signature (default). A caller that runs cheaper checks of its own first passes
   * false and calls sealIssue after them.
   */
  seal?: boolean;
  /**
   * `prev` passed this check already (a loaded chain's previous record): skip re-checking its shape,
   * which would double the main thread's work when a long chain loads.
   */
  prevChecked?: boolean;
}

/**
 * The one check of a block, for the server, the store, `verify` and every client: its shape (with the
 * proposer's key), its Timestamp against the round's window, then (when `prev` is given) that it
 * extends `prev`, then its Hash and Signature. Cheap checks run first; the signature last. `prev` null
 * checks the block on its own. Never throws: untrusted input gives a reason.
 */
export function checkBlock(
  prev: Block | null,
  block: unknown,
  options: BlockCheckOptions = {},
): ChainIssue | null {
  const shape = blockShapeIssue(block);
  if (shape) return shape;
  const next = block as Block;
  if (options.window) {
    const outside = windowIssue(next.Timestamp, options.window);
    if (outside) return outside;
  }
  if (prev !== null) {
    // `prev` is normally the trusted tip, but a caller may hand in anything read from disk or the wire.
    const prevShape = options.prevChecked ? null : blockShapeIssue(prev);
    if (prevShape)
      return { code: ErrorCode.BadBlock, message: `the previous block is malformed: ${prevShape.message}` };
    const link = linkIssue(prev, next);
    if (link) return link;
  }
  return options.seal === false ? null : sealIssue(next);
}

/**
 * Is Hash the hash of the block's fields, and (beyond genesis, unless `signature` is false) Signature
 * the Validator's signature of it? The block must already have a valid shape. `signature: false`
 * leaves the costly signature to a caller that checks many at once.
 */
export function sealIssue(block: Block, options: { signature?: boolean } = {}): ChainIssue | null {
  return hashIssue(block) ?? (options.signature !== false ? signatureIssue(block) : null);
}

/** Is Hash the hash of the block's fields? The block must already have a valid shape. */
export function hashIssue(block: Block): ChainIssue | null {
  const expected = blockHash(block);
  if (expected !== block.Hash)
    return {
      code: ErrorCode.BadHash,
      message: `Hash does not match the block's fields (expected ${expected})`,
    };
  return null;
}

/**
 * Beyond genesis, is Signature the Validator's signature of the Hash field (whatever the fields
 * hash to: a client reports a changed field and a bad signature apart)? Valid shape required.
 */
export function signatureIssue(block: Block): ChainIssue | null {
  if (block.Index > 0 && !verifyBlockSignature(block))
    return { code: ErrorCode.BadSignature, message: "Signature is not the Validator's signature of Hash" };
  return null;
}

/** Does `next` extend `prev`: the next index, the previous hash, no earlier time? Both are well-formed. */
function linkIssue(prev: Block, next: Block): ChainIssue | null {
  return indexIssue(prev, next) ?? prevHashIssue(prev, next) ?? timeOrderIssue(prev, next);
}

/** Is `next` one past `prev`? Both are well-formed. */
export function indexIssue(prev: Block, next: Block): ChainIssue | null {
  if (next.Index !== prev.Index + 1)
    return { code: ErrorCode.BadIndex, message: `Index must be ${prev.Index + 1}, got ${next.Index}` };
  return null;
}

/** Is `next`'s PrevHash the hash of `prev`? */
export function prevHashIssue(prev: Block, next: Block): ChainIssue | null {
  if (next.PrevHash !== prev.Hash)
    return { code: ErrorCode.BadLink, message: `PrevHash must be the previous block's hash ${prev.Hash}` };
  return null;
}

/** Is `next`'s Timestamp no earlier than `prev`'s? Both are well-formed. */
export function timeOrderIssue(prev: Block, next: Block): ChainIssue | null {
  if (Date.parse(next.Timestamp) < Date.parse(prev.Timestamp))
    return { code: ErrorCode.BadTimestamp, message: "Timestamp is earlier than the previous block's" };
  return null;
}

export type ChainVerdict = { ok: true; length: number } | { ok: false; index: number; issue: ChainIssue };

/** Checks a whole chain from genesis; reports the first bad block by its position. */
export function verifyChain(blocks: readonly Block[]): ChainVerdict {
  const first = blocks[0];
  if (first === undefined)
    return {
      ok: false,
      index: 0,
      issue: { code: ErrorCode.BadBlock, message: "the chain is empty: no genesis" },
    };
  const genesisIssue = checkBlock(null, first) ?? (first.Index !== 0 ? badGenesisIndex(first.Index) : null);
  if (genesisIssue) return { ok: false, index: 0, issue: genesisIssue };
  for (let i = 1; i < blocks.length; i++) {
    const issue = checkBlock(blocks[i - 1]!, blocks[i]!);
    if (issue) return { ok: false, index: i, issue };
  }
  return { ok: true, length: blocks.length };
}

function badGenesisIndex(index: number): ChainIssue {
  return { code: ErrorCode.BadIndex, message: `the first block must have Index 0, got ${index}` };
}
