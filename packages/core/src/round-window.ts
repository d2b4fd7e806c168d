import type { ChainIssue } from "./chain.js";
import { ErrorCode } from "./errors.js";

/**
 * How far before its round's opening a candidate's Timestamp may be: room for a client whose clock is
 * a little slow and who does not clamp. Nothing is allowed after the close, so every Timestamp of a
 * round is at most that round's `closesAt`, which is at most the next round's `opensAt`: time order
 * follows from round order, and no choice of Timestamp can get a later candidate refused.
 */
export const TIMESTAMP_SKEW_MS = 2000;

/** A round's stretch of chain time, ISO 8601 UTC; `opensAt` is absent from servers before the rule. */
export interface RoundWindow {
  opensAt?: string | undefined;
  closesAt: string;
}

/**
 * The Timestamp an honest client puts on its candidate: its own clock, clamped into the round's window,
 * so a client whose clock is wrong (by any amount) is still never refused.
 */
export function candidateTimestamp(window: RoundWindow, nowMs: number): string {
  const closes = Date.parse(window.closesAt);
  const opens = window.opensAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(window.opensAt);
  return new Date(Math.min(Math.max(nowMs, opens), closes)).toISOString();
}

/** Does a (well-formed) Timestamp lie in [opensAt - skew, closesAt]? */
export function windowIssue(timestamp: string, window: Required<RoundWindow>): ChainIssue | null {
  const time = Date.parse(timestamp);
  if (time > Date.parse(window.closesAt))
    return {
      code: ErrorCode.BadTimestamp,
      message: `the Timestamp is after the round's close (${window.closesAt}): stamp a time inside the round, from ${window.opensAt} to ${window.closesAt}`,
    };
  if (time < Date.parse(window.opensAt) - TIMESTAMP_SKEW_MS)
    return {
      code: ErrorCode.BadTimestamp,
      message: `the Timestamp is before the round opened (${window.opensAt}): stamp a time inside the round, from ${window.opensAt} to ${window.closesAt}`,
    };
  return null;
}
