import { plot } from "asciichart";
import type { StakeSample } from "../state/stake-history.js";
import { fit } from "./format.js";

/** More lines than this is a tangle no one can follow on a projector. */
export const CHART_SERIES = 6;

/** Series colours (ANSI, as asciichart draws them), and their names for the legend. */
const COLOURS = [
  { ansi: "\x1b[34m", name: "blue" },
  { ansi: "\x1b[32m", name: "green" },
  { ansi: "\x1b[33m", name: "yellow" },
  { ansi: "\x1b[35m", name: "magenta" },
  { ansi: "\x1b[36m", name: "cyan" },
  { ansi: "\x1b[31m", name: "red" },
] as const;

export type SeriesColour = (typeof COLOURS)[number]["name"];

export interface ShareChart {
  /** The plot, one string per line; ANSI colours only when asked for. */
  lines: string[];
  /** Who each line is, largest share now first, with its colour. */
  legend: { key: string; label: string; colour: SeriesColour; share: number }[];
  /** Block indexes at the left and right edges. */
  from: number;
  to: number;
}

/** Width the y axis labels take ("  45.0% ┤"). */
const AXIS = 9;

/**
 * Each of the largest holders' share of all stake over the recorded blocks, as a line chart. The
 * holders are the largest at the last sample; a holder missing from a sample (not yet joined, or
 * outside the kept few then) counts as 0 there. Null with fewer than two samples: no line to draw.
 */
export function shareChart(
  history: readonly StakeSample[],
  labelOf: (key: string) => string,
  size: { width: number; height: number; colour: boolean },
): ShareChart | null {
  const points = Math.max(2, size.width - AXIS - 1);
  const shown = history.slice(-points);
  const last = shown.at(-1);
  if (shown.length < 2 || last === undefined || last.shares.size === 0) return null;
  const keys = [...last.shares.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, CHART_SERIES)
    .map(([key]) => key);
  const series = keys.map((key) => shown.map((sample) => 100 * (sample.shares.get(key) ?? 0)));
  const top = Math.max(...series.flat());
  const text = plot(series, {
    height: Math.max(2, size.height - 1),
    min: 0,
    max: Math.max(1, Math.ceil(top / 5) * 5),
    colors: size.colour ? keys.map((_, i) => COLOURS[i]?.ansi) : undefined,
    format: (x) => `${x.toFixed(1)}%`.padStart(AXIS - 2),
  });
  return {
    lines: text.split("\n"),
    legend: keys.map((key, i) => ({
      key,
      label: fit(labelOf(key), 16).trimEnd(),
      colour: COLOURS[i]?.name ?? "blue",
      share: last.shares.get(key) ?? 0,
    })),
    from: shown[0]?.index ?? 0,
    to: last.index,
  };
}
