import type { Announcement } from "./dashboard-state.js";

/** Comings and goings of validators, which a class produces by the dozen and which can be summed up. */
export type Movement = "joined" | "left" | "back";

export interface MovementGroup {
  movement: Movement;
  count: number;
  /** The first few names only: the line says how many more. */
  names: string[];
}

const NAMES_SHOWN = 3;
/** Kinds that may sit between two movements of a group; anything else (a block, an error) ends it. */
const PASSABLE = new Set<Announcement["kind"]>(["join", "leave", "stake"]);

export function movementText(group: MovementGroup): string {
  const verb = group.movement === "back" ? "are back online" : group.movement;
  const more = group.count > group.names.length ? ` +${group.count - group.names.length}` : "";
  return `${group.count} validators ${verb}: ${group.names.join(", ")}${more}`;
}

/**
 * Folds one more join or leave into the latest announcement of the same movement, as long as only
 * other joins, leaves or stake changes came after it: 30 students leaving become "30 validators left"
 * and the round results stay on screen. Returns null when there is nothing to fold into.
 */
export function coalesceMovement(
  announcements: readonly Announcement[],
  movement: Movement,
  who: string,
): Announcement[] | null {
  for (let i = announcements.length - 1; i >= 0; i--) {
    const item = announcements[i]!;
    if (!PASSABLE.has(item.kind)) return null;
    if (item.group?.movement !== movement) continue;
    const names = item.group.names.length < NAMES_SHOWN ? [...item.group.names, who] : item.group.names;
    const group = { movement, count: item.group.count + 1, names };
    const next = [...announcements];
    next[i] = { ...item, text: movementText(group), group };
    return next;
  }
  return null;
}
