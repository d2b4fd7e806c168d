import { type Announcement, type MovementNews, NAMES_KEPT, type NewsKind } from "./news.js";

/** Kinds that may sit between two movements of a group; anything else (a block, an error) ends it. */
const PASSABLE = new Set<NewsKind>(["joined", "left", "back", "stake"]);

const isMovement = (item: Announcement): item is MovementNews & { readonly id: number } =>
  item.kind === "joined" || item.kind === "left" || item.kind === "back";

/**
 * Folds one more join, leave or comeback into the latest announcement of the same kind, as long as
 * only other joins, leaves or stake changes came after it: 30 students leaving become one item with
 * a count of 30, and the round results stay on screen. Returns null when there is nothing to fold into.
 */
export function coalesceMovement(
  announcements: readonly Announcement[],
  news: MovementNews,
): Announcement[] | null {
  for (let i = announcements.length - 1; i >= 0; i--) {
    const item = announcements[i]!;
    if (!PASSABLE.has(item.kind)) return null;
    if (!isMovement(item) || item.kind !== news.kind) continue;
    const who = [...item.who, ...news.who].slice(0, NAMES_KEPT);
    const next = [...announcements];
    next[i] = { ...item, count: item.count + news.count, who };
    return next;
  }
  return null;
}
