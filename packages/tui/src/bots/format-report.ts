import { type Concentration, sanitizeText, shortHex } from "@pos-tui/core";
import type { StakeSample } from "../state/stake-history.js";
import { shareChart } from "../views/share-chart.js";
import { type FairnessReport, formatP } from "./fairness.js";
import { formatVerification } from "./verification.js";

export interface ReportChart {
  /** The fleet's stake shares round by round (see stakeTrail). */
  samples: readonly StakeSample[];
  /** ANSI colours, one per line of the chart (a terminal that shows them). */
  colour: boolean;
}

// A teacher's terminal, not a log file: past this many rows the rest is summed up (--json has all).
const MAX_ROWS = 40;

/** The report for people: a table, the test and the verdict in words. */
export function formatReport(report: FairnessReport, maxRows = MAX_ROWS, chart?: ReportChart): string {
  const lines: string[] = [];
  const bots = report.validators.length;
  lines.push(`Fairness report: ${report.rounds} rounds, ${report.blocks} blocks, ${bots} bots`);
  const header = ["validator", "key", "stake", "share", "expected", "observed", "seen"];
  const rows = report.validators
    .slice(0, maxRows)
    .map((v) => [
      sanitizeText(v.name, 32),
      shortHex(v.validator),
      v.stake,
      `${(v.expectedShare * 100).toFixed(1)}%`,
      v.expectedWins.toFixed(1),
      String(v.observedWins),
      String(v.blocksSeen),
    ]);
  if (report.others.expectedWins > 1e-9 || report.others.observedWins > 0)
    rows.push([
      "others",
      "",
      "",
      "",
      report.others.expectedWins.toFixed(1),
      String(report.others.observedWins),
      "",
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  lines.push(line(header), ...rows.map(line));
  if (bots > maxRows) lines.push(`... and ${bots - maxRows} more bots (--json lists every one)`);
  lines.push(
    `chi-square ${report.chiSquare.toFixed(2)} (${report.degreesOfFreedom} degrees of freedom), p-value ${formatP(report.pValue)}`,
  );
  lines.push(`verdict: ${report.verdict}`);
  const seen = report.blocksSeen;
  const everyone = seen.min === report.blocks ? " (every bot saw every block)" : "";
  lines.push(`blocks seen per bot: min ${seen.min}, median ${seen.median}, max ${seen.max}${everyone}`);
  if (report.verification) lines.push(...formatVerification(report.verification));
  lines.push(...concentrationLines(report.concentration));
  if (chart !== undefined) lines.push(...chartLines(report, chart));
  return lines.join("\n");
}

function concentrationLines({ start, end }: { start: Concentration; end: Concentration }): string[] {
  const rows: [string, (c: Concentration) => string][] = [
    ["Gini", (c) => c.gini.toFixed(3)],
    ["top share", (c) => `${(c.topShare * 100).toFixed(1)}%`],
    ["Nakamoto > 50%", (c) => String(c.nakamoto50)],
    ["Nakamoto > 33%", (c) => String(c.nakamoto33)],
  ];
  return [
    "concentration of the fleet's stake:   start      end",
    ...rows.map(
      ([label, value]) => `  ${label.padEnd(16)}${value(start).padStart(19)}${value(end).padStart(9)}`,
    ),
  ];
}

function chartLines(report: FairnessReport, chart: ReportChart): string[] {
  const names = new Map(report.validators.map((v) => [v.validator, sanitizeText(v.name, 32)]));
  const drawn = shareChart(chart.samples, (key) => names.get(key) ?? shortHex(key), {
    width: 72,
    height: 10,
    colour: chart.colour,
  });
  if (drawn === null) return [];
  return [
    `stake share, rounds ${drawn.from} to ${drawn.to} (largest ${drawn.legend.length}):`,
    ...drawn.lines,
    `  ${drawn.legend.map((item) => `${item.label}${chart.colour ? ` (${item.colour})` : ""} ${(item.share * 100).toFixed(1)}%`).join(", ")}`,
  ];
}
