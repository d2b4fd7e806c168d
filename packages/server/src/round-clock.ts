/**
 * When the open round closes. The server asks for one close per round; the default runs on real
 * time, and a caller that wants to decide when a round ends (a test, a step-by-step lesson) passes
 * a `ManualRoundClock` instead, as it may pass its own `now`.
 */
export interface RoundClock {
  /** Runs `close` once, `ms` after the round opened. At most one close is scheduled at a time. */
  schedule(ms: number, close: () => Promise<void>): void;
  /** Drops the scheduled close: the server is stopping. */
  cancel(): void;
}

/** Rounds last `ms` of real time, whatever the wall clock does. */
export function timerRoundClock(): RoundClock {
  let timer: NodeJS.Timeout | undefined;
  return {
    schedule(ms, close) {
      clearTimeout(timer);
      timer = setTimeout(() => void close(), ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * A round clock that closes a round only when told to. A round closed before `roundMs` has passed
 * still owns its whole window of chain time, so the next window opens ahead of the wall clock:
 * stamp candidates with `candidateTimestamp`, as clients do.
 */
export class ManualRoundClock implements RoundClock {
  private close: (() => Promise<void>) | null = null;

  schedule(_ms: number, close: () => Promise<void>): void {
    this.close = close;
  }

  cancel(): void {
    this.close = null;
  }

  /** True while a round is open and waiting for `closeRound`. */
  get roundOpen(): boolean {
    return this.close !== null;
  }

  /**
   * Closes the open round now. Resolves once its block (if it has candidates) is stored and pushed to
   * every client and the next round has opened.
   */
  async closeRound(): Promise<void> {
    const close = this.close;
    if (close === null) throw new Error("no round is open: the server has not started or has stopped");
    this.close = null;
    await close();
  }
}
