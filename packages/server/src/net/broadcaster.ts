import type { RoundMessage, ValidatorInfo } from "@pos-tui/core";
import { type BlockNews, Broadcast, type RefusedNews } from "./broadcast.js";
import type { Connection } from "./connection.js";
import type { Session } from "./hub.js";

const VALIDATORS_BATCH_MS = 50;

/**
 * Every connection's session, and what they all hear. It decides when changes are pushed; each
 * session decides how (and whether) its dialect says them.
 */
export class Broadcaster {
  private readonly sessions = new Map<Connection, Session>();
  // Joins, leaves and stake changes are batched: when a thousand bots join at once, each client gets
  // a few pushes instead of a thousand. Flushed before anything whose meaning depends on them.
  private readonly pendingValidators = new Map<string, ValidatorInfo>();
  private validatorsTimer: NodeJS.Timeout | undefined;

  set(connection: Connection, session: Session): void {
    this.sessions.set(connection, session);
  }

  get(connection: Connection): Session | undefined {
    return this.sessions.get(connection);
  }

  delete(connection: Connection): void {
    this.sessions.delete(connection);
  }

  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  /** Queues registry changes; they go out together within a moment, or before the next push. */
  validatorsChanged(changes: Iterable<ValidatorInfo | undefined>): void {
    for (const change of changes) if (change) this.pendingValidators.set(change.validator, change);
    if (this.pendingValidators.size > 0 && this.validatorsTimer === undefined)
      this.validatorsTimer = setTimeout(() => this.flushValidators(), VALIDATORS_BATCH_MS);
  }

  flushValidators(): void {
    clearTimeout(this.validatorsTimer);
    this.validatorsTimer = undefined;
    if (this.pendingValidators.size === 0) return;
    const news = new Broadcast([...this.pendingValidators.values()]);
    this.pendingValidators.clear();
    for (const session of this.sessions.values()) session.pushValidators(news);
  }

  round(round: RoundMessage): void {
    this.flushValidators();
    const news = new Broadcast(round);
    for (const session of this.sessions.values()) session.pushRound(news);
  }

  /** The block, then the winner's new win count, each after any changes queued before it. */
  block(block: BlockNews, winner: ValidatorInfo | undefined): void {
    this.flushValidators();
    const news = new Broadcast(block);
    for (const session of this.sessions.values()) session.pushBlock(news);
    if (winner) {
      this.validatorsChanged([winner]);
      this.flushValidators();
    }
  }

  /** Tells a refused round's candidates why it made no block (the others saw nothing to explain). */
  roundRefused(news: RefusedNews): void {
    for (const session of this.sessions.values()) session.roundRefused(news);
  }

  goodbye(): void {
    this.stop();
    for (const session of this.sessions.values()) session.goodbye();
  }

  /** Drops queued changes: the server is stopping. */
  stop(): void {
    clearTimeout(this.validatorsTimer);
    this.validatorsTimer = undefined;
  }
}
