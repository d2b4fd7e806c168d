import { type BlockVerdict, type CheckId, firstFailure, sanitizeText } from "@pos-tui/core";

/** What `bots --verify` found: one verdict per bot per counted block it received. */
export interface VerificationTally {
  verified: number;
  failed: number;
  /** Checks still waiting when the fleet stopped (e.g. a proof that never came). */
  pending: number;
  /** Failed verdicts by the first check that failed in each. */
  failedChecks: Partial<Record<CheckId, number>>;
  /** The first failure reported, named: which bot, which block, which check. */
  firstFailure: { bot: string; index: number; check: CheckId; message: string } | null;
}

/** Adds up the verdicts of a fleet's bots; a few counters, whatever the fleet's size. */
export class VerificationCounter {
  private readonly counts: VerificationTally = {
    verified: 0,
    failed: 0,
    pending: 0,
    failedChecks: {},
    firstFailure: null,
  };

  add(bot: string, verdict: BlockVerdict): void {
    if (verdict.status === "verified") this.counts.verified++;
    else if (verdict.status === "pending") this.counts.pending++;
    else {
      this.counts.failed++;
      const failed = firstFailure(verdict)!;
      this.counts.failedChecks[failed.id] = (this.counts.failedChecks[failed.id] ?? 0) + 1;
      // The message quotes what the server sent: cleaned before it reaches a report or a terminal.
      this.counts.firstFailure ??= {
        bot,
        index: verdict.index,
        check: failed.id,
        message: sanitizeText(failed.message, 300),
      };
    }
  }

  get tally(): VerificationTally {
    return structuredClone(this.counts);
  }
}

/** The report's lines about verification. */
export function formatVerification(tally: VerificationTally): string[] {
  const total = tally.verified + tally.failed + tally.pending;
  const lines = [
    `verified by the bots: ${total} block checks (one per bot per block): ${tally.verified} verified, ${tally.failed} failed, ${tally.pending} pending`,
  ];
  const first = tally.firstFailure;
  if (first !== null) {
    const byCheck = Object.entries(tally.failedChecks)
      .map(([check, n]) => `${check} x${n}`)
      .join(", ");
    lines.push(
      `  failed checks: ${byCheck}`,
      `  first: ${sanitizeText(first.bot, 32)} found block ${first.index} failing ${first.check}: ${first.message}`,
    );
  }
  return lines;
}
