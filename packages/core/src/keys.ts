import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { fromHex, isHex, toHex } from "./hex.js";
import { publicKeyIssue } from "./key-check.js";

// DER headers that wrap a raw 32-byte ed25519 seed / public key so Node's crypto can load them.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export interface KeyPair {
  /** 64 lower-case hex characters: the validator's address. */
  readonly publicKey: string;
  /** The 32-byte seed as hex: enough to rebuild the pair, so this is what gets saved. */
  readonly seed: string;
  readonly privateKey: KeyObject;
}

/** Build a key pair from 32 random bytes the caller supplies (core never draws randomness itself). */
export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.byteLength !== 32) throw new RangeError("an ed25519 seed is exactly 32 bytes");
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return {
    publicKey: toHex(spki.subarray(spki.length - 32)),
    seed: toHex(seed),
    privateKey,
  };
}

// Parsing a public key costs about as much as one verification, and the same few validators sign
// every block, so keep the parsed objects. Bounded so a flood of fake keys cannot grow it forever.
const publicKeyCache = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE_LIMIT = 10_000;

function publicKeyObject(publicKeyHex: string): KeyObject {
  let key = publicKeyCache.get(publicKeyHex);
  if (key === undefined) {
    const issue = publicKeyIssue(publicKeyHex);
    if (issue) throw new RangeError(issue);
    key = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, fromHex(publicKeyHex)]),
      format: "der",
      type: "spki",
    });
    if (publicKeyCache.size >= PUBLIC_KEY_CACHE_LIMIT) publicKeyCache.clear();
    publicKeyCache.set(publicKeyHex, key);
  }
  return key;
}

export function signBytes(privateKey: KeyObject, message: Uint8Array): string {
  return toHex(sign(null, message, privateKey));
}

/** Never throws: malformed, small-order or non-canonical keys and bad signatures are "not valid". */
export function verifyBytes(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  if (!isHex(publicKeyHex, 32) || !isHex(signatureHex, 64)) return false;
  try {
    return verify(null, message, publicKeyObject(publicKeyHex), fromHex(signatureHex));
  } catch {
    return false;
  }
}

/** Domain-separated so a signed login nonce can never be replayed as a block signature. */
export function authMessage(nonceHex: string): Uint8Array {
  return new TextEncoder().encode(`pos-tui auth v1:${nonceHex}`);
}
