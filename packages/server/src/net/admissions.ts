/**
 * Who is connected, since when, and who has identified itself (typed a balance, or finished the JSON
 * handshake). When the server is full, the oldest connection that is still anonymous past a grace
 * period makes room for a new one: silent sockets cannot keep a class out, while a person who is
 * slow to type is left alone as long as there is room.
 */
export class Admissions<C> {
  // Insertion order is arrival order, so the first anonymous entry found is the oldest.
  private readonly entries = new Map<C, { openedAt: number; identified: boolean }>();

  get size(): number {
    return this.entries.size;
  }

  keys(): IterableIterator<C> {
    return this.entries.keys();
  }

  add(connection: C, now: number): void {
    this.entries.set(connection, { openedAt: now, identified: false });
  }

  identify(connection: C): void {
    const entry = this.entries.get(connection);
    if (entry) entry.identified = true;
  }

  remove(connection: C): void {
    this.entries.delete(connection);
  }

  /** The oldest connection anonymous for at least `graceMs`, removed from the list; or undefined. */
  evictOne(now: number, graceMs: number): C | undefined {
    for (const [connection, entry] of this.entries) {
      if (entry.identified) continue;
      // Later entries are younger: none of them is past the grace period either.
      if (now - entry.openedAt < graceMs) return undefined;
      this.entries.delete(connection);
      return connection;
    }
    return undefined;
  }
}
