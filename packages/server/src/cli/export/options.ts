import { Option } from "commander";
import type { ExportFormat } from "../../export/export-log.js";

export interface ExportOptions {
  data: string;
  format: ExportFormat;
  out?: string;
  validators: boolean;
}

export const exportOptions = [
  new Option("-d, --data <dir>", "directory that keeps the chain").default("./pos-data"),
  new Option("--format <format>", "csv for a spreadsheet, json for a notebook")
    .choices(["csv", "json"])
    .default("csv"),
  new Option("-o, --out <file>", "write to this file instead of standard output"),
  new Option(
    "--validators",
    "one row per validator (stake, rounds, wins, expected wins, shares) instead of one per block",
  ).default(false),
];
