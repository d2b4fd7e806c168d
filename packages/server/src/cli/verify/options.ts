import { Option } from "commander";

export interface VerifyOptions {
  data: string;
  json: boolean;
  /** Undefined: only on a long log (see LONG_LOG_BYTES); --progress always, --no-progress never. */
  progress?: boolean;
}

/** From this size on (about 2,000 blocks of 30 candidates: a second or more) verify shows its progress. */
export const LONG_LOG_BYTES = 8 << 20;

export const verifyOptions = [
  new Option("-d, --data <dir>", "directory that keeps the chain").default("./pos-data"),
  new Option("--json", "print one JSON object instead of text (for scripts)").default(false),
  new Option(
    "--progress",
    `show progress on stderr even for a short log (by default only from ${LONG_LOG_BYTES >> 20} MiB): a bar on a terminal, else a line per 10%`,
  ),
  new Option("--no-progress", "never show progress"),
];
