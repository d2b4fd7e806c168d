import type { Concentration } from "@pos-tui/core";
import { percent } from "./format.js";
import { sparkline } from "./sparkline.js";

/** What the full line needs besides the sparkline. */
const FULL_TEXT = "Gini 0.000  · top 100.0% · Nakamoto 99 >50%, 99 >33%".length;

/**
 * The stake panel's figures line: Gini with its trend over recent blocks, the top holder's share and
 * the Nakamoto coefficients, shortened to fit narrow panels.
 */
export function concentrationLine(
  figures: Concentration,
  giniHistory: readonly number[],
  width: number,
  ascii = false,
): string {
  const gini = `Gini ${figures.gini.toFixed(3)}`;
  const top = `top ${percent(figures.topShare)}`;
  if (width >= FULL_TEXT + 8) {
    const spark = sparkline(giniHistory, Math.min(24, width - FULL_TEXT), ascii);
    return `${gini} ${spark} · ${top} · Nakamoto ${figures.nakamoto50} >50%, ${figures.nakamoto33} >33%`;
  }
  const spark = sparkline(giniHistory, Math.max(0, Math.min(8, width - 36)), ascii);
  return `${gini}${spark === "" ? "" : ` ${spark}`} · ${top} · Nak ${figures.nakamoto50}/${figures.nakamoto33}`;
}
