import type { PlainReason } from "../plain/plain-mode.js";
import type { PlainOptions } from "../plain/run-plain.js";

/** Without a usable terminal: one line per event on stdout, BPMs from stdin; sets the exit code. */
export async function printEvents(
  client: Omit<PlainOptions, "input" | "output" | "ascii">,
  plain: PlainReason,
): Promise<void> {
  const { runPlain } = await import("../plain/run-plain.js");
  process.exitCode = await runPlain({
    ...client,
    input: process.stdin,
    output: process.stdout,
    ascii: plain === "dumb",
  });
}
