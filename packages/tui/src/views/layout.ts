import type { DashboardMode } from "./Dashboard.js";

/** Which panel the arrow keys act on. */
export type Focus = "chain" | "stake" | "news";

/** Lines each banner (an alarm, a tamper view) takes above the panels. */
export const BANNER_LINES = 2;

/** Side by side from this width; below it the panels stack (a third of a wide screen is ~60). */
export const WIDE_COLUMNS = 100;

export interface DashboardLayout {
  wide: boolean;
  /** Lines between the header and the prompt. */
  body: number;
  chainHeight: number;
  stakeHeight: number;
  newsHeight: number;
  /** Width of the stake and news panels. */
  sideWidth: number;
  chainWidth: number;
}

/**
 * Panel sizes for a terminal, shared by the view and the key handling (which must know how far a
 * panel can scroll). The focused panel gets the larger share; the whole stays one line short of the
 * terminal, as a frame as tall as the screen makes Ink clear it on every render.
 */
export function dashboardLayout(
  columns: number,
  rows: number,
  mode: DashboardMode,
  stakeItems: number,
  focus: Focus,
  banners = 0,
): DashboardLayout {
  const height = Math.max(8, rows - 1);
  const promptHeight = mode === "watch" ? 0 : 2;
  const body = Math.max(3, height - 2 - promptHeight - banners * BANNER_LINES);
  // The stake panel's title and figures line sit above its list.
  const stakeWanted = Math.max(2, stakeItems + 2);
  if (columns >= WIDE_COLUMNS) {
    const chainWidth = Math.max(52, Math.floor(columns * 0.5));
    const share = focus === "stake" ? 0.7 : focus === "news" ? 0.3 : 0.5;
    const stakeHeight = Math.min(stakeWanted, Math.max(3, Math.floor(body * share)));
    return {
      wide: true,
      body,
      chainHeight: body,
      stakeHeight,
      newsHeight: body - stakeHeight,
      sideWidth: columns - chainWidth - 2,
      chainWidth,
    };
  }
  const stakeShare = focus === "stake" ? 0.55 : 0.35;
  const newsShare = focus === "news" ? 0.55 : 0.3;
  let stakeHeight = Math.min(stakeWanted, Math.max(4, Math.floor(body * stakeShare)));
  let newsHeight = Math.max(3, Math.floor(body * newsShare));
  // The chain keeps at least its title and two rows; the panels without focus give way first.
  const minChain = Math.min(3, body);
  while (body - stakeHeight - newsHeight < minChain && (stakeHeight > 2 || newsHeight > 2)) {
    if (focus !== "news" && newsHeight > 2) newsHeight--;
    else if (stakeHeight > 2 && focus !== "stake") stakeHeight--;
    else if (newsHeight > 2) newsHeight--;
    else stakeHeight--;
  }
  return {
    wide: false,
    body,
    chainHeight: Math.max(0, body - stakeHeight - newsHeight),
    stakeHeight,
    newsHeight,
    sideWidth: columns,
    chainWidth: columns,
  };
}
