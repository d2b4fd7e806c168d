/**
 * What a client found when it checked a block the server pushed: one result per rule, so a screen can
 * name the rule a lying server broke. Shared by every client (dashboards, bots --verify, verify) so
 * they report the same checks under the same names.
 */
export type CheckId =
  /** The Hash field is sha256 over the block's fields. */
  | "hash"
  /** The Signature verifies under the Validator key. */
  | "signature"
  /** Index is one past the block before it. */
  | "index"
  /** PrevHash is the hash of the block before it. */
  | "link"
  /** The Timestamp lies in its round's window and not before the block before it. */
  | "time"
  /** The lottery's commit is the one the `round` push published when the round opened. */
  | "commit"
  /** sha256(reveal) equals the commit. */
  | "reveal"
  /** ticket = seed(reveal, prevHash, round) mod total. */
  | "ticket"
  /** The winner's range holds the ticket, is as wide as its stake, and sits where the committed list puts it. */
  | "range"
  /** This client's own candidate is in the committed list, with its stake, between sorted neighbours. */
  | "inclusion"
  /** The chain extends what this client held before: no block it saw was changed or dropped. */
  | "history";

export type CheckStatus = "ok" | "failed" | "pending";

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** For people: what was compared, and on failure what the server claimed against what was found. */
  message: string;
}

/** A block's standing: failed when any check failed, pending while any is still waiting, else verified. */
export type VerdictStatus = "verified" | "failed" | "pending";

export interface BlockVerdict {
  index: number;
  hash: string;
  status: VerdictStatus;
  checks: CheckResult[];
}

/** The first failed check of a verdict, for a banner; null when none failed. */
export function firstFailure(verdict: BlockVerdict): CheckResult | null {
  return verdict.checks.find((c) => c.status === "failed") ?? null;
}

/** The standing its checks add up to. */
export function verdictStatus(checks: readonly CheckResult[]): VerdictStatus {
  if (checks.some((c) => c.status === "failed")) return "failed";
  if (checks.some((c) => c.status === "pending")) return "pending";
  return "verified";
}
