import type { CandidateRoot, Consensus, PosError, ProofCandidate, ValidatorInfo } from "@pos-tui/core";
import type { Logger } from "pino";
import type { BlockNews, Broadcast, RefusedNews, RoundNews, ValidatorNews } from "./broadcast.js";
import type { Connection } from "./connection.js";

/**
 * What a session may use of the server: the game state, the clock and randomness. Sessions change
 * the validator registry only through `join`, `leave` and `rename`: each returns what changed, and
 * the server, not the session, decides who hears of it.
 */
export interface Hub {
  readonly consensus: Consensus;
  readonly log: Logger;
  readonly handshakeMs: number;
  /** The largest stake allowed, null for none. */
  readonly maxStake: bigint | null;
  now(): number;
  randomBytes(size: number): Uint8Array;
  join(key: string, name: string | null, stake: bigint, ephemeral?: boolean): ValidatorInfo;
  leave(key: string): ValidatorInfo | undefined;
  rename(key: string, name: string): ValidatorInfo | undefined;
  /** The candidate tree root of a round that made a block, for `proof` answers (remembered or rebuilt). */
  rootOf(round: number, candidates: readonly ProofCandidate[]): CandidateRoot;
  /** The connection is a validator or a welcomed watcher now: it is never evicted to make room. */
  identified(connection: Connection): void;
  /** Logs a refused line or request; a flood from one connection is summarised, not logged line by line. */
  rejected(connection: Connection, fields: Record<string, unknown>, message: string): void;
}

/**
 * The dialect a connection speaks. The server hands every session the same pushes; each writes them
 * in its own dialect, or not at all (a JSON client before its welcome hears nothing).
 */
export interface Session {
  line(line: string): void;
  closed(): void;
  pushRound(round: Broadcast<RoundNews>): void;
  pushBlock(block: Broadcast<BlockNews>): void;
  pushValidators(changes: Broadcast<ValidatorNews>): void;
  /** The round made no block because the rule refused it: a candidate of it hears why. */
  roundRefused(news: RefusedNews): void;
  /** The server is stopping: a last line, then the connection closes. */
  goodbye(): void;
  /** One error line, then the connection closes (a line too long, a peer too slow, room needed). */
  closeWith(error: PosError): void;
}
