import { Option } from "commander";

export interface VerifyOptions {
  data: string;
  json: boolean;
}

export const verifyOptions = [
  new Option("-d, --data <dir>", "directory that keeps the chain").default("./pos-data"),
  new Option("--json", "print one JSON object instead of text (for scripts)").default(false),
];
