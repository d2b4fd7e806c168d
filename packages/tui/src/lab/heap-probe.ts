import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { LabProbe } from "./run-rule.js";

/**
 * The real clock, and the heap after a full collection, so what a rule keeps is not lost in garbage.
 * Node exposes gc() only behind a flag; setting it at run time and fetching gc from a fresh context
 * is the known way for a program that cannot choose its own command line. Without it, the figure is
 * the raw heap.
 */
export function heapProbe(): LabProbe {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("typeof gc === 'function' ? gc : null") as (() => void) | null;
  return {
    now: () => performance.now(),
    heapUsed: () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    },
  };
}
