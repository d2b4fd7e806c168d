import { formatP } from "../bots/fairness.js";
import { driftChart } from "./drift-chart.js";
import type { LabReport } from "./lab.js";
import type { RuleResult } from "./run-rule.js";

/** A projector's worth of validators per rule; --json and --csv list every one. */
export const MAX_ROWS = 12;
/** Characters of the widest bar (a share of 100%). */
const BAR = 12;
const GAP = "   ";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Heap growth this small is compiled code and bookkeeping, not the rule: below it, say so. */
export const MEMORY_NOISE = 256 * 1024;

export function kept(n: number): string {
  return n < MEMORY_NOISE ? `< ${MEMORY_NOISE / 1024} KB` : bytes(n);
}

export function micros(us: number): string {
  return us < 1000 ? `${us.toFixed(2)} µs` : `${(us / 1000).toFixed(2)} ms`;
}

function bar(share: number): string {
  const eighths = Math.round(share * BAR * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  return "█".repeat(full) + (part > 0 ? "▏▎▍▌▋▊▉"[part - 1]! : "");
}

/** One rule's table: who won how often against a fair share, with a bar of the observed share. */
export function validatorLines(result: RuleResult, maxRows = MAX_ROWS): string[] {
  const rows = result.validators.slice(0, maxRows);
  const rounds = Math.max(1, result.rounds);
  const cells = rows.map((v) => [v.name, count(v.observed), count(v.expected)]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]!.length), i === 0 ? 4 : 0));
  const lines = rows.map((v, r) => {
    const [name, observed, expected] = cells[r]!;
    return `${name!.padEnd(widths[0]!)} ${observed!.padStart(widths[1]!)} of ${expected!.padStart(widths[2]!)} ${bar(v.observed / rounds)}`;
  });
  const hidden = result.validators.length - rows.length;
  if (hidden > 0) lines.push(`... and ${hidden} more`);
  return lines;
}

/** The rule's figures, one per line. */
export function metricLines(result: RuleResult): string[] {
  const lines: string[] = [];
  if (result.chiSquare)
    lines.push(
      `chi-square ${result.chiSquare.chiSquare.toFixed(2)}, df ${result.chiSquare.degreesOfFreedom}, p ${formatP(result.chiSquare.pValue)}`,
    );
  else lines.push(result.random ? "no rounds run: no chi-square" : "no randomness: no chi-square");
  lines.push(`largest |obs - exp| ${result.maxDeviation.toFixed(1)}`);
  lines.push(`longest streak ${result.longestStreak.rounds} (${result.longestStreak.validator})`);
  lines.push(`longest drought ${count(result.longestDrought.rounds)} (${result.longestDrought.validator})`);
  lines.push(`next proposer known ahead ${pct(result.knownAhead)}`);
  lines.push(`${micros(result.microsPerDraw)} a draw, ${kept(result.memoryBytes)} kept`);
  if (result.sybil)
    lines.push(
      `v1's ${result.sybil.identities} identities: ${pct(result.sybil.observedShare)} (fair ${pct(result.sybil.expectedShare)})`,
    );
  const shareLine = stakeShareLine(result);
  if (shareLine) lines.push(shareLine);
  if (result.error) lines.push(`stopped at round ${count(result.error.round)}: ${result.error.code}`);
  return lines;
}

/** With rewards: how the first validator's (all its identities') share of the stake moved. */
function stakeShareLine(result: RuleResult): string | null {
  if (result.validators.every((v) => v.finalStake === v.stake)) return null;
  const share = (of: (v: RuleResult["validators"][number]) => bigint) => {
    const total = result.validators.reduce((sum, v) => sum + of(v), 0n);
    const first = result.validators.filter((v) => v.name === "v1" || v.name.startsWith("v1."));
    return Number(first.reduce((sum, v) => sum + of(v), 0n)) / Number(total);
  };
  return `v1's stake share ${pct(share((v) => v.stake))} -> ${pct(share((v) => v.finalStake))}`;
}

/** Everything about one rule, as lines of plain text, titled by the rule. */
export function ruleColumn(result: RuleResult, maxRows = MAX_ROWS): string[] {
  return [
    result.rule,
    "-".repeat(result.rule.length),
    ...validatorLines(result, maxRows),
    "",
    ...metricLines(result),
  ];
}

/** Columns of plain text (no ANSI) next to each other, each padded to its widest line. */
export function sideBySide(columns: readonly (readonly string[])[]): string[] {
  const widths = columns.map((c) => Math.max(0, ...c.map((line) => [...line].length)));
  const height = Math.max(0, ...columns.map((c) => c.length));
  return Array.from({ length: height }, (_, row) =>
    columns
      .map((c, i) => {
        const line = c[row] ?? "";
        return line + " ".repeat(widths[i]! - [...line].length);
      })
      .join(GAP)
      .trimEnd(),
  );
}

export function headline(report: LabReport): string[] {
  const n = report.validators.length;
  const reward = report.reward > 0n ? `reward ${report.reward} a block, compounded` : "no reward";
  const sybil = report.sybil > 1 ? `, v1 split into ${report.sybil} identities` : "";
  const stakes = report.validators
    .slice(0, MAX_ROWS)
    .map((v) => `${v.name} ${v.stake}`)
    .join(", ");
  return [
    `pos-tui lab: ${n} validators, ${count(report.rounds)} rounds, seed "${report.seed}", ${reward}${sybil}`,
    `stakes: ${stakes}${n > MAX_ROWS ? `, ... (${n - MAX_ROWS} more)` : ""}`,
    "each rule: wins of fair share (the sum of each round's stake share), and a bar of the observed share",
  ];
}

/** Refusals in full (a column shows only the code). */
export function errorLines(report: LabReport): string[] {
  return Object.values(report.rules)
    .filter((r) => r.error !== null)
    .map((r) => `${r.rule}: ${r.error!.code}: ${r.error!.message}`);
}

/** The whole report as plain text, for a pipe or a file. */
export function formatLab(report: LabReport, options: { colour: boolean; maxRows?: number }): string {
  const results = Object.values(report.rules);
  const lines = [...headline(report), "", ...sideBySide(results.map((r) => ruleColumn(r, options.maxRows)))];
  const errors = errorLines(report);
  if (errors.length > 0) lines.push("", ...errors);
  const chart = driftChart(results, { width: 72, height: 10, colour: options.colour });
  if (chart) lines.push("", chart.title, ...chart.lines, chart.legend);
  return lines.join("\n");
}
