import type { LabReport } from "./lab.js";

const HEADER = [
  "rule",
  "validator",
  "stake",
  "final_stake",
  "expected",
  "observed",
  "longest_streak",
  "longest_drought",
  "rounds",
  "chi_square",
  "p_value",
  "max_deviation",
  "known_ahead",
  "micros_per_draw",
  "memory_bytes",
  "error",
];

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(value: string | number | bigint | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per rule and validator; the rule's own figures repeat on each of its rows. */
export function labCsv(report: LabReport): string {
  const rows = [HEADER.join(",")];
  for (const r of Object.values(report.rules))
    for (const v of r.validators)
      rows.push(
        [
          r.rule,
          v.name,
          v.stake,
          v.finalStake,
          v.expected.toFixed(3),
          v.observed,
          v.longestStreak,
          v.longestDrought,
          r.rounds,
          r.chiSquare?.chiSquare.toFixed(4) ?? null,
          r.chiSquare?.pValue ?? null,
          r.maxDeviation.toFixed(3),
          r.knownAhead,
          r.microsPerDraw.toFixed(3),
          r.memoryBytes,
          r.error ? `${r.error.code}: ${r.error.message}` : null,
        ]
          .map(field)
          .join(","),
      );
  return rows.join("\n");
}
