import type { KeyPair } from "@pos-tui/core";
import type { HelloSpec } from "./session-socket.js";

export interface HelloChoice {
  /** Null runs a spectator (`watch`). */
  keys: KeyPair | null;
  /** Null with keys: the stake is not chosen yet. */
  stake: bigint | null;
  name: string | null;
}

export function helloFor(options: HelloChoice): HelloSpec {
  const name = options.name ?? undefined;
  // Until the stake is typed in, watch as a spectator so the chain is visible while deciding.
  if (options.keys === null || options.stake === null) return { role: "watcher", name };
  return { role: "validator", name, stake: options.stake, keys: options.keys };
}
