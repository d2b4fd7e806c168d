import type { StakeRow } from "../state/stake-rows.js";

export type StakeItem = { kind: "row"; row: StakeRow } | { kind: "divider"; offline: number };

/** The list the panel scrolls: online rows, then (unless hidden) a divider and the offline ones. Yours stays. */
export function stakeItems(rows: readonly StakeRow[], hideOffline: boolean): StakeItem[] {
  const online = rows.filter((row) => row.online);
  const offline = rows.filter((row) => !row.online);
  const items: StakeItem[] = online.map((row) => ({ kind: "row", row }));
  if (hideOffline) {
    for (const row of offline) if (row.mine) items.push({ kind: "row", row });
  } else if (offline.length > 0) {
    items.push({ kind: "divider", offline: offline.length });
    for (const row of offline) items.push({ kind: "row", row });
  }
  return items;
}

export interface StakeWindow {
  /** Index of the first item shown, and how many are shown from there. */
  first: number;
  size: number;
  /** Your row when it falls outside the window: drawn above or below it so you never lose it. */
  pinned: { item: StakeItem; at: "top" | "bottom" } | null;
  /** A last line saying what is above and below (only when everything does not fit). */
  footer: { above: number; below: number } | null;
  /** The largest useful scroll offset. */
  maxOffset: number;
}

/** Which items fit in `room` lines when scrolled to `offset`, keeping your own row in view. */
export function stakeWindow(items: readonly StakeItem[], room: number, offset: number): StakeWindow {
  const count = items.length;
  if (count <= room) return { first: 0, size: count, pinned: null, footer: null, maxOffset: 0 };
  const mine = items.findIndex((item) => item.kind === "row" && item.row.mine);
  if (room < 2) {
    const only = Math.max(0, mine);
    return { first: only, size: Math.min(1, room), pinned: null, footer: null, maxOffset: 0 };
  }
  const clampFirst = (size: number) => Math.min(Math.max(0, offset), count - size);
  let size = room - 1;
  let first = clampFirst(size);
  let pinned: StakeWindow["pinned"] = null;
  if (mine !== -1 && (mine < first || mine >= first + size)) {
    size -= 1;
    first = clampFirst(size);
    if (mine < first || mine >= first + size)
      pinned = { item: items[mine]!, at: mine < first ? "top" : "bottom" };
  }
  const maxOffset = Math.max(0, count - (room - (mine === -1 ? 1 : 2)));
  const hiddenAbove = first - (pinned?.at === "top" ? 1 : 0);
  const hiddenBelow = count - first - size - (pinned?.at === "bottom" ? 1 : 0);
  return { first, size, pinned, footer: { above: hiddenAbove, below: hiddenBelow }, maxOffset };
}
