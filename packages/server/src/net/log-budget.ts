import type { Logger } from "pino";

export interface LogBudgetOptions {
  /** Lines logged in full per interval; the rest are only counted. */
  burst: number;
  intervalMs: number;
  now(): number;
}

export const DEFAULT_LOG_BUDGET = { burst: 5, intervalMs: 60_000 } as const;

/**
 * Logs the first few events of one source per interval and counts the rest, so a peer sending a
 * flood of bad lines costs a few log lines, not one per line. The count is reported in one summary
 * line when the next interval starts or when the source goes away (`flush`). No timers: an idle
 * source costs nothing.
 */
export class LogBudget {
  private windowStart: number;
  private logged = 0;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly context: Record<string, unknown>,
    private readonly options: LogBudgetOptions,
    private readonly level: "info" | "warn" = "info",
  ) {
    this.windowStart = options.now();
  }

  info(fields: Record<string, unknown>, message: string): void {
    const now = this.options.now();
    if (now - this.windowStart >= this.options.intervalMs) {
      this.flush();
      this.windowStart = now;
      this.logged = 0;
    }
    if (this.logged < this.options.burst) {
      this.logged++;
      this.log[this.level]({ ...this.context, ...fields }, message);
    } else this.suppressed++;
  }

  /** Reports what was counted but not logged since the last report. */
  flush(): void {
    if (this.suppressed === 0) return;
    this.log[this.level](
      { ...this.context, suppressed: this.suppressed },
      `${this.suppressed} more like it were not logged one by one`,
    );
    this.suppressed = 0;
  }
}
