import type { Concentration } from "@pos-tui/core";

/** A share as a person reads it on a projector: whole percent, one decimal under 10%. */
function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

/**
 * The `validators` reply's last line: how concentrated the online stake (the stake in the lottery)
 * is, so the class can watch rewards move it.
 */
export function concentrationLine(c: Concentration): string {
  if (c.holders === 0) return "concentration: no online stake";
  const plural = c.holders === 1 ? "" : "s";
  return (
    `concentration of the online stake (${c.holders} validator${plural}): Gini ${c.gini.toFixed(2)}, ` +
    `Nakamoto ${c.nakamoto50} (>50%) and ${c.nakamoto33} (>33%), top share ${percent(c.topShare)}`
  );
}
