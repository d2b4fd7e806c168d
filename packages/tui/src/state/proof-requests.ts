import type { DashboardState } from "./dashboard-state.js";

/** Candidate lists asked for at once: a reconnect with many blocks to check never floods the server. */
export const PROOFS_IN_FLIGHT = 2;

/**
 * The rounds whose candidate list to ask for now, newest block first: blocks seen live whose range
 * check still waits for it, not already asked for, and no more than the room left in flight.
 */
export function proofsWanted(
  state: Pick<DashboardState, "chain" | "proofs" | "proofsInFlight">,
  inFlight = PROOFS_IN_FLIGHT,
): number[] {
  const room = inFlight - state.proofsInFlight.length;
  const wanted: number[] = [];
  for (let i = state.chain.length - 1; i >= 0 && wanted.length < room; i--) {
    const { lottery, verdict } = state.chain[i]!;
    if (lottery === null || state.proofs.has(lottery.round) || state.proofsInFlight.includes(lottery.round))
      continue;
    if (verdict.checks.some((check) => check.id === "range" && check.status === "pending"))
      wanted.push(lottery.round);
  }
  return wanted;
}
