import { readdirSync, readFileSync } from "node:fs";

/** Descriptors kept free for what is not a client: the chain log, the tip marker, workers, stdio. */
export const SPARE_DESCRIPTORS = 32;

/** The soft limit on open files (`ulimit -n`) from /proc/self/limits, or null where there is none. */
export function openFileLimit(
  limits: () => string = () => readFileSync("/proc/self/limits", "utf8"),
): number | null {
  let text: string;
  try {
    text = limits();
  } catch {
    return null; // not Linux: Node has no API for getrlimit
  }
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!match || match[1] === "unlimited") return null;
  return Number(match[1]);
}

/** Descriptors this process has open now, or null where /proc is missing. */
export function openDescriptors(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

export interface ClientCapacity {
  maxClients: number;
  /** Set when the limit is below what was asked for: says the numbers and how to raise it. */
  warning: string | null;
}

/**
 * How many clients the open-file limit really allows. Past it, accept() fails with EMFILE and the
 * connection is closed without a word; kept under it, the server can still answer `server full`.
 */
export function clientCapacity(requested: number, limit: number | null, open: number | null): ClientCapacity {
  if (limit === null) return { maxClients: requested, warning: null };
  const reserved = (open ?? SPARE_DESCRIPTORS) + SPARE_DESCRIPTORS;
  const possible = Math.max(1, limit - reserved);
  if (possible >= requested) return { maxClients: requested, warning: null };
  return {
    maxClients: possible,
    warning:
      `the open-file limit (ulimit -n) is ${limit}, too low for --max-clients ${requested}: serving at most ` +
      `${possible} clients at once (the rest are told the server is full). To serve ${requested}, start with ` +
      `\`ulimit -n ${requested + reserved}\` or more.`,
  };
}
