type Truthy<T> = Exclude<T, false | null | undefined | 0 | "">;

/**
 * Waits until `probe` returns something truthy and resolves with it; a probe that throws counts as
 * not yet. Fails after `timeoutMs` with `what` was awaited, the probe's last error and `show()` (the
 * last frame or screen, say). The one wait of the tests and benchmarks: never a bare sleep.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = "condition",
  show?: () => string,
  intervalMs = 20,
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
    } catch (error) {
      last = ` (last: ${String(error)})`;
    }
    if (Date.now() > deadline) {
      let shown = "";
      try {
        shown = show?.() ?? "";
      } catch {}
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}${shown && `\n${shown}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
