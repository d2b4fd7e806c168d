import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fromHex, isHex, type KeyPair, keyPairFromSeed } from "@pos-tui/core";
import envPaths from "env-paths";

export function defaultKeysDir(): string {
  return join(envPaths("pos-tui", { suffix: "" }).config, "keys");
}

/** Names are free text; the file name must not be able to climb out of the keys directory. */
export function keyFileName(name: string): string {
  return `${encodeURIComponent(name).replace(/\./g, "%2E")}.key`;
}

export interface IdentityOptions {
  name?: string | undefined;
  keysDir?: string;
  random?: (size: number) => Uint8Array;
}

export interface Identity {
  keys: KeyPair;
  /** Where the seed lives, or null for a key that lasts only this run. */
  file: string | null;
  created: boolean;
}

/**
 * With a name, the same name is the same validator tomorrow: the seed is saved on first use (0600,
 * created exclusively so two TUIs starting at once cannot overwrite each other's key) and read after.
 * Without one, a fresh key for this run.
 */
export function loadIdentity(options: IdentityOptions = {}): Identity {
  const random = options.random ?? ((size: number) => new Uint8Array(randomBytes(size)));
  if (options.name === undefined) return { keys: keyPairFromSeed(random(32)), file: null, created: true };
  const dir = options.keysDir ?? defaultKeysDir();
  const file = join(dir, keyFileName(options.name));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const seed = random(32);
  try {
    writeFileSync(file, `${Buffer.from(seed).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    return { keys: keyPairFromSeed(seed), file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const text = readFileSync(file, "utf8").trim();
  if (!isHex(text, 32))
    throw new Error(`the key file ${file} is damaged: it should hold 64 hex characters (an ed25519 seed)`);
  return { keys: keyPairFromSeed(fromHex(text)), file, created: false };
}
