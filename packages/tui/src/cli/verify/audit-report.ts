import { type CheckId, sanitizeText } from "@pos-tui/core";
import { AUDIT_CHECKS, type AuditFailure } from "./audit-block.js";
import type { AuditResult, AuditTarget } from "./chain-audit.js";

/** What `pos-tui verify --json` prints: one object, for scripts. */
export interface AuditReport {
  ok: boolean;
  server: string;
  tip: { index: number; hash: string };
  /** Blocks that passed every check, genesis included. */
  blocks: number;
  /** Candidates in the draws replayed. */
  candidates: number;
  /** Rounds 1..rounds cover the blocks checked; emptyRounds of them had no block. */
  rounds: number;
  emptyRounds: number;
  /** The checks run on every block after genesis. */
  checks: readonly CheckId[];
  ms: number;
  failure: AuditFailure | null;
}

export function auditReport(
  server: string,
  target: AuditTarget,
  result: AuditResult,
  ms: number,
): AuditReport {
  const { blocks, candidates, rounds, emptyRounds } = result;
  // Failure messages quote what the server sent: clean them once, here, for both outputs.
  const failure = result.failure && { ...result.failure, message: sanitizeText(result.failure.message, 400) };
  return {
    ok: failure === null,
    server,
    tip: target.tip,
    blocks,
    candidates,
    rounds,
    emptyRounds,
    checks: AUDIT_CHECKS,
    ms: Math.round(ms),
    failure,
  };
}

/** The summary for people. */
export function formatAuditReport(report: AuditReport): string {
  const { tip, failure } = report;
  const seconds = (report.ms / 1000).toFixed(2);
  const rate = report.ms > 0 ? Math.round((report.blocks * 1000) / report.ms) : report.blocks;
  const lines = [
    failure === null
      ? `${report.server}: every block verified`
      : `${report.server}: FAILED at block ${failure.index} (${failure.check})`,
    `  chain        blocks 0..${tip.index} (tip ${tip.hash.slice(0, 16)}...)`,
    `  checked      ${count(report.blocks, "block")} passed every check: ${report.checks.join(", ")}`,
    `  draws        ${count(report.candidates, "candidate")} replayed in rounds 1..${report.rounds} (${report.emptyRounds} without a block)`,
    `  took         ${seconds} s (${rate} blocks/s)`,
  ];
  if (failure !== null)
    lines.push(
      `  error: block ${failure.index} fails the ${failure.check} check: ${failure.message}`,
      failure.index > 0
        ? `  blocks 0..${failure.index - 1} passed; do not trust this server's chain from block ${failure.index} on`
        : "  do not trust this server's chain",
    );
  return lines.join("\n");
}

const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;
