import { readFileSync } from "node:fs";

/** Resident memory of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/** CPU time (user + system) a process has used, in milliseconds (Linux /proc, 100 ticks/s). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}

/** Resident memory (MB) and CPU time (ms) of a process; null once it is gone. */
export function procStats(pid: number): { rssMb: number; cpuMs: number } | null {
  try {
    return { rssMb: rssBytes(pid) / 2 ** 20, cpuMs: cpuMs(pid) };
  } catch {
    return null;
  }
}
