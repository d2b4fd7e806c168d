import { describeConnectionState } from "../client/connection-state.js";
import type { DashboardState } from "../state/dashboard-state.js";
import { alarmText } from "../views/Banner.js";
import { newsText } from "../views/news-text.js";

/**
 * What changed between two dashboard states, as lines for a log or a pipe: the connection's state
 * when its kind changes, and each new or updated announcement. The same reducer feeds the dashboard, so both
 * tell the same story.
 */
export function eventLines(before: DashboardState, after: DashboardState, now: number): string[] {
  const lines: string[] = [];
  // A block that failed its checks: said first and loudly, as the dashboard's red banner does.
  if (after.alarm !== null && after.alarm !== before.alarm)
    lines.push(`ALARM ${alarmText(after.alarm, false)}`);
  if (before.connection.kind !== after.connection.kind) {
    const state = after.connection;
    const reason = state.kind === "reconnecting" || state.kind === "closed" ? `: ${state.reason}` : "";
    // "connected" is said by the welcome announcement with more detail.
    if (state.kind !== "connected") lines.push(`${describeConnectionState(state, now)}${reason}`);
  }
  if (after.announcements === before.announcements) return lines;
  const lastSeen = before.nextId;
  // Joins and leaves fold into an earlier line ("3 validators joined"): printed again when they do,
  // or a log would show only the first of a class arriving. The reducer replaces an item it changes.
  const earlier = new Map(before.announcements.map((item) => [item.id, item]));
  for (const item of after.announcements) {
    const was = earlier.get(item.id);
    if (item.id >= lastSeen || (was !== undefined && was !== item)) lines.push(newsText(item));
  }
  return lines;
}
