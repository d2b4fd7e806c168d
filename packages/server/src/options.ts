import type { Logger } from "pino";
import type { ChainStore } from "./chain/store.js";

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  roundMs?: number;
  maxClients?: number;
  maxLineBytes?: number;
  maxOutputBytes?: number;
  handshakeMs?: number;
  /** The largest stake a validator may hold; no cap when absent. */
  maxStake?: bigint;
  /** Where the chain lives; an in-memory store when absent. */
  store?: ChainStore;
  logger?: Logger;
  /** Used when no logger is given. */
  logLevel?: string;
  now?: () => number;
  randomBytes?: (size: number) => Uint8Array;
}

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 9090,
  roundMs: 10_000,
  maxClients: 1000,
  maxLineBytes: 64 * 1024,
  maxOutputBytes: 1024 * 1024,
  handshakeMs: 30_000,
} as const;
