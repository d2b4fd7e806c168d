import type { BlockRecord, Consensus, RewardMode, RoundOutcome, RuleName } from "@pos-tui/core";
import type { Logger } from "pino";
import type { ChainStore } from "./chain/store.js";
import type { RoundClock } from "./round-clock.js";

export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  roundMs?: number;
  maxClients?: number;
  maxLineBytes?: number;
  maxOutputBytes?: number;
  handshakeMs?: number;
  /**
   * When the server is full, a connection that has not identified itself (no balance typed, no
   * handshake finished) for this long is closed to let a new one in.
   */
  idleGraceMs?: number;
  /** The largest stake a validator may hold; no cap when absent (the pool's size under `pool`). */
  maxStake?: bigint;
  /** How proposers are picked; when absent, the chain log's rule (the lottery for a new chain). */
  rule?: RuleName;
  /** Allow `rule` to differ from the log's: the next block records the change. */
  changeRule?: boolean;
  /** Credited to each block's winner; compound rewards stop growing the stake at maxStake. None when absent. */
  reward?: { amount: bigint; mode: RewardMode };
  /** Where the chain lives; an in-memory store when absent. */
  store?: ChainStore;
  logger?: Logger;
  /** Used when no logger is given. */
  logLevel?: string;
  /** How many rejected lines per connection are logged one by one per interval (the rest are counted). */
  logBudget?: { burst?: number; intervalMs?: number };
  now?: () => number;
  /** A clock that never steps, in ms (default performance.now): tells clock steps from slow rounds. */
  monotonic?: () => number;
  randomBytes?: (size: number) => Uint8Array;
  /** Decides when each round closes (default: after `roundMs` of real time). */
  roundClock?: RoundClock;
  /**
   * A lying server, for teaching (`pos-server --adversary`): the record to store and push instead of
   * the round's honest one. Absent on every honest server.
   */
  tamper?: (outcome: RoundOutcome, consensus: Consensus) => BlockRecord;
  /** Called once the server has stopped itself because the chain can no longer be stored. */
  onFatal?: (error: Error) => void;
}

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 9090,
  roundMs: 10_000,
  maxClients: 1000,
  maxLineBytes: 64 * 1024,
  maxOutputBytes: 1024 * 1024,
  handshakeMs: 30_000,
  idleGraceMs: 10_000,
} as const;
