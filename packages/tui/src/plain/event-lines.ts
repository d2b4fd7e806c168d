import { describeConnectionState } from "../client/connection-state.js";
import type { DashboardState } from "../state/dashboard-state.js";

/**
 * What changed between two dashboard states, as lines for a log or a pipe: the connection's state
 * when its kind changes, and each new announcement. The same reducer feeds the dashboard, so both
 * tell the same story.
 */
export function eventLines(before: DashboardState, after: DashboardState, now: number): string[] {
  const lines: string[] = [];
  if (before.connection.kind !== after.connection.kind) {
    const state = after.connection;
    const reason = state.kind === "reconnecting" || state.kind === "closed" ? `: ${state.reason}` : "";
    // "connected" is said by the welcome announcement with more detail.
    if (state.kind !== "connected") lines.push(`${describeConnectionState(state, now)}${reason}`);
  }
  const lastSeen = before.nextId;
  for (const item of after.announcements) if (item.id >= lastSeen) lines.push(item.text);
  return lines;
}
