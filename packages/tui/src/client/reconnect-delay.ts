export interface ReconnectPolicy {
  /** Delay before the first retry, in ms. */
  baseMs: number;
  /** No wait grows past this, however many attempts failed. */
  capMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { baseMs: 250, capMs: 5_000 };

/**
 * Capped exponential backoff with jitter (the habit of node-redis' defaultReconnectStrategy): the
 * exponential part stops hammering a dead server, the cap keeps a restarted one from waiting on us,
 * and the random half spreads many clients so they do not all reconnect in the same millisecond.
 * `attempt` starts at 1; `random` returns [0, 1) and is passed in so tests are exact.
 */
export function reconnectDelay(
  attempt: number,
  random: () => number,
  policy: ReconnectPolicy = DEFAULT_RECONNECT_POLICY,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
