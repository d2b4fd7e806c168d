import { readFileSync } from "node:fs";

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/PID/stat), or null where the
 * system does not show it (not Linux, no /proc, no such process). With the pid it names one process:
 * a pid reused later has a later start time.
 */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = fields[19]; // field 22 counted from 1; this list starts at field 3
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

/** This boot's id (Linux), or null: start times only compare within one boot. */
export function bootId(): string | null {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || null;
  } catch {
    return null;
  }
}
