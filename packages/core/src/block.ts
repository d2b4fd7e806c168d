import { sha256Hex } from "./hash.js";
import { fromHex } from "./hex.js";
import { type KeyPair, signBytes, verifyBytes } from "./keys.js";

/**
 * The tutorial's block, field names and all, plus a signature. `Validator` is the proposer's ed25519
 * public key (64 hex), so anyone can check who proposed a block.
 */
export interface Block {
  Index: number;
  /** ISO 8601 UTC, e.g. 2026-01-01T12:00:00.000Z */
  Timestamp: string;
  BPM: number;
  PrevHash: string;
  Validator: string;
  Hash: string;
  Signature: string;
}

export type UnsignedFields = Pick<Block, "Index" | "Timestamp" | "BPM" | "PrevHash" | "Validator">;

/**
 * sha256 over the JSON of a fixed-order array: JSON quotes and escapes strings and separates values,
 * so no two different blocks share an encoding (the tutorial's plain concatenation made "1"+"23"
 * equal "12"+"3", and left the validator out).
 */
export function blockHash(fields: UnsignedFields): string {
  return sha256Hex(
    JSON.stringify([fields.Index, fields.Timestamp, fields.BPM, fields.PrevHash, fields.Validator]),
  );
}

export function signBlock(fields: Omit<UnsignedFields, "Validator">, keys: KeyPair): Block {
  const unsigned: UnsignedFields = { ...fields, Validator: keys.publicKey };
  const Hash = blockHash(unsigned);
  return {
    Index: unsigned.Index,
    Timestamp: unsigned.Timestamp,
    BPM: unsigned.BPM,
    PrevHash: unsigned.PrevHash,
    Validator: unsigned.Validator,
    Hash,
    Signature: signBytes(keys.privateKey, fromHex(Hash)),
  };
}

export function verifyBlockSignature(block: Block): boolean {
  return verifyBytes(block.Validator, fromHex(block.Hash), block.Signature);
}

export const GENESIS_TIMESTAMP = "1970-01-01T00:00:00.000Z";

/** Index 0, no proposer and no signature; the timestamp is a parameter so a chain can record its birth. */
export function genesisBlock(timestamp: string = GENESIS_TIMESTAMP): Block {
  const fields: UnsignedFields = { Index: 0, Timestamp: timestamp, BPM: 0, PrevHash: "", Validator: "" };
  return { ...fields, Hash: blockHash(fields), Signature: "" };
}

/** The first 8 hex characters: how people tell hashes and keys apart on a screen. */
export function shortHex(hex: string): string {
  return hex.slice(0, 8);
}
