import type { BlockRecord, Consensus, RoundOutcome } from "@pos-tui/core";
import type { Logger } from "pino";

/** What every lie needs: somewhere to confess, and randomness (injected, so tests are exact). */
export interface Liar {
  readonly log: Logger;
  randomBytes(size: number): Uint8Array;
}

/** The server option a lie plugs into: the record to store and push instead of the honest one. */
export type Tamper = (outcome: RoundOutcome, consensus: Consensus) => BlockRecord;

/**
 * Every lie goes to the server's log at warn level under one prefix, so the teacher can show the log
 * next to the dashboards; the clients are never told.
 */
export function confess(liar: Liar, fields: Record<string, unknown>, message: string): void {
  liar.log.warn({ adversary: true, ...fields }, `ADVERSARY: ${message}`);
}

/** A whole number in [0, n): a lie needs no better than a slightly biased pick. */
export function randomIndex(liar: Liar, n: number): number {
  const bytes = liar.randomBytes(4);
  const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return value % n;
}
