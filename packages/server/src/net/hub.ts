import type { Consensus, ValidatorInfo } from "@pos-tui/core";
import type { Logger } from "pino";
import type { Connection } from "./connection.js";

/** What a session may use of the server: the game state, the clock, randomness and the audiences. */
export interface Hub {
  readonly consensus: Consensus;
  readonly log: Logger;
  readonly handshakeMs: number;
  /** The largest stake allowed, null for none. */
  readonly maxStake: bigint | null;
  now(): number;
  randomBytes(size: number): Uint8Array;
  /** Receives every push in the JSON dialect. */
  addJsonAudience(connection: Connection): void;
  /** Tells JSON clients about joins, leaves and stake changes. */
  validatorsChanged(changes: ValidatorInfo[]): void;
  /** The connection is a validator or a welcomed watcher now: it is never evicted to make room. */
  identified(connection: Connection): void;
  /** Logs a refused line or request; a flood from one connection is summarised, not logged line by line. */
  rejected(connection: Connection, fields: Record<string, unknown>, message: string): void;
}

/** The dialect a connection speaks once its first line has been seen. */
export interface Session {
  line(line: string): void;
  closed(): void;
}
