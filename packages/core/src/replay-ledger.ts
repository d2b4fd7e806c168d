import type { BlockRecord } from "./record.js";
import type { RecordIssue } from "./record-check.js";

/**
 * What the log adds up to, replayed record by record. A subclass says, for one record, either why it
 * cannot follow or the update that applies it; checking and applying, or only asking, then share one
 * plan, so a write that may still fail can ask first and apply after.
 */
export abstract class ReplayLedger {
  /** The reason `record` cannot follow, or the update that applies it. */
  protected abstract plan(record: BlockRecord): RecordIssue | (() => void);

  /** Can `record` (already through checkRecord) follow? Applies it when it can. Never throws. */
  check(record: BlockRecord): RecordIssue | null {
    const outcome = this.plan(record);
    if (typeof outcome !== "function") return outcome;
    outcome();
    return null;
  }

  /** What `check` would say of `record`, leaving the ledger as it is (e.g. before a write that may fail). */
  issue(record: BlockRecord): RecordIssue | null {
    const outcome = this.plan(record);
    return typeof outcome === "function" ? null : outcome;
  }
}
