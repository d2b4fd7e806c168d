import { plot } from "asciichart";
import type { RuleResult } from "./run-rule.js";

export interface DriftChart {
  title: string;
  lines: string[];
  legend: string;
}

const COLOURS = [
  { ansi: "\x1b[34m", name: "blue" },
  { ansi: "\x1b[32m", name: "green" },
  { ansi: "\x1b[33m", name: "yellow" },
  { ansi: "\x1b[35m", name: "magenta" },
] as const;

/** Width the y axis labels take (" -123.0 ┤"). */
const AXIS = 10;

/** Squeezes a series to `points` samples (the last one kept), so the chart fits its width. */
function squeeze(series: readonly number[], points: number): number[] {
  if (series.length <= points) return [...series];
  return Array.from(
    { length: points },
    (_, i) => series[Math.round((i * (series.length - 1)) / (points - 1))]!,
  );
}

/**
 * How far the first validator's wins stray from its fair share over the run, one line per rule on
 * one scale: the round robin hugs zero, a lottery wanders. With colour the rules share one chart;
 * without, each gets its own (same scale), since uncoloured lines cannot be told apart.
 */
export function driftChart(
  results: readonly RuleResult[],
  size: { width: number; height: number; colour: boolean },
): DriftChart | null {
  const drawn = results.filter((r) => r.drift.length >= 2);
  if (drawn.length === 0) return null;
  const points = Math.max(2, size.width - AXIS);
  const series = drawn.map((r) => squeeze(r.drift, points));
  // Even heights with a limit that is a multiple of half the height put 0 and whole numbers on the axis.
  const even = (rows: number) => Math.max(2, rows - (rows % 2));
  const scale = (rows: number) => {
    const half = rows / 2;
    return Math.ceil(Math.max(1, ...series.flat().map(Math.abs)) / half) * half;
  };
  const format = (x: number) => x.toFixed(0).padStart(AXIS - 3);
  const title = `v1's wins minus its fair share, over the rounds (${drawn.map((r) => r.rule).join(", ")})`;
  if (size.colour) {
    const height = even(size.height - 1);
    const limit = scale(height);
    const text = plot(series, {
      height,
      min: -limit,
      max: limit,
      colors: drawn.map((_, i) => COLOURS[i % COLOURS.length]!.ansi),
      format,
    });
    // A later line hides an earlier one it equals (the pool draws the lottery's winners): say so.
    const same = (i: number) => drawn.findIndex((r) => r.drift.join() === drawn[i]!.drift.join());
    const legend = drawn
      .map((r, i) => {
        const first = same(i);
        const hides = first < i ? `, hides ${drawn[first]!.rule}: the same line` : "";
        return `${r.rule} (${COLOURS[i % COLOURS.length]!.name}${hides})`;
      })
      .join(", ");
    return { title, lines: text.split("\n"), legend: `  ${legend}` };
  }
  const height = even(Math.floor(size.height / 2));
  const limit = scale(height);
  const lines = drawn.flatMap((r, i) => [
    `  ${r.rule}:`,
    ...plot(series[i]!, { height, min: -limit, max: limit, format }).split("\n"),
  ]);
  return { title, lines, legend: "  the same scale for every rule; 0 is a perfectly fair share" };
}
