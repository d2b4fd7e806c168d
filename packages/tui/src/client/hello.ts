import { type ClientMessage, type KeyPair, PROTOCOL_VERSION } from "@pos-tui/core";

export type HelloSpec =
  | { role: "watcher"; name?: string | undefined }
  | { role: "validator"; name?: string | undefined; stake: bigint; keys: KeyPair };

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

/** The first line of every session; a validator's key is proven by the challenge that follows. */
export function helloMessage(hello: HelloSpec): ClientMessage {
  const name = hello.name === undefined ? {} : { name: hello.name };
  if (hello.role === "watcher") return { type: "hello", version: PROTOCOL_VERSION, role: "watcher", ...name };
  return {
    type: "hello",
    version: PROTOCOL_VERSION,
    role: "validator",
    ...name,
    stake: hello.stake.toString(),
    publicKey: hello.keys.publicKey,
  };
}
