import { type ScanResult, scanLog } from "../store/log-reader.js";
import { BLOCK_COLUMNS, type BlockRow, blockRow } from "./block-row.js";
import { csvSink, jsonSink, type RowSink } from "./row-sink.js";
import { VALIDATOR_COLUMNS, type ValidatorRow, ValidatorTally } from "./validator-tally.js";

export type ExportFormat = "csv" | "json";

export interface ExportRequest {
  logPath: string;
  format: ExportFormat;
  /** One row per validator instead of one per block. */
  validators: boolean;
  out: NodeJS.WritableStream;
}

export interface ExportResult {
  scan: ScanResult;
  rows: number;
}

function sink<Row extends object>(
  format: ExportFormat,
  columns: ReadonlyArray<keyof Row & string>,
  out: NodeJS.WritableStream,
): RowSink<Row> {
  return format === "csv" ? csvSink(columns, out) : jsonSink(out);
}

/**
 * Writes the chain log as rows for a spreadsheet or a notebook. Reads it the way `verify` does (only
 * reading, every record checked), so it may run while a server appends: a record still being written
 * shows up as a torn tail and is left out. Block rows are written as the log is read; validator rows
 * once it has all been read. Rows stop at the first bad record.
 */
export async function exportLog(request: ExportRequest): Promise<ExportResult> {
  let rows = 0;
  if (request.validators) {
    const tally = new ValidatorTally();
    const scan = await scanLog(request.logPath, { onRecord: (record) => tally.add(record) });
    const out = sink<ValidatorRow>(request.format, VALIDATOR_COLUMNS, request.out);
    for (const row of tally.rows()) {
      out.write(row);
      rows++;
    }
    await out.end();
    return { scan, rows };
  }
  const out = sink<BlockRow>(request.format, BLOCK_COLUMNS, request.out);
  const scan = await scanLog(request.logPath, {
    onRecord: (record) => {
      out.write(blockRow(record));
      rows++;
    },
  });
  await out.end();
  return { scan, rows };
}
