import { randomBytes } from "node:crypto";
import { keyPairFromSeed } from "@pos-tui/core";
import type { BotSpec } from "./bot-client.js";

/** Fresh keys that live only in memory: bots leave no file behind, and each run is new validators. */
export function botSpecs(names: readonly string[], stakes: readonly bigint[]): BotSpec[] {
  return names.map((name, i) => ({
    name,
    stake: stakes[i]!,
    keys: keyPairFromSeed(new Uint8Array(randomBytes(32))),
  }));
}
