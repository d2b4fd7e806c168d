import { Option } from "commander";

export interface VerifyOptions {
  json: boolean;
  /** False with --no-progress. */
  progress: boolean;
}

export const verifyOptions = [
  new Option("--json", "print the report as one JSON object (for scripts)").default(false),
  new Option("--no-progress", "no progress on stderr (by default: a bar on a terminal, else a line per 10%)"),
];
