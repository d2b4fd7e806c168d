import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify";

/** Where export rows go, one at a time: CSV with a header row, or a JSON array. */
export interface RowSink<Row> {
  write(row: Row): void;
  end(): Promise<void>;
}

export function csvSink<Row extends object>(
  columns: ReadonlyArray<keyof Row & string>,
  out: NodeJS.WritableStream,
): RowSink<Row> {
  // Names are typed by students: a cell starting with = + - @ would be a formula in a spreadsheet,
  // so escape_formulas prefixes it with an apostrophe. Quoting of commas, quotes and line breaks is the
  // library's job.
  const stringifier = stringify({ header: true, columns: [...columns], escape_formulas: true });
  stringifier.pipe(out, { end: false });
  return {
    write: (row) => {
      stringifier.write(row);
    },
    end: async () => {
      stringifier.end();
      await finished(stringifier);
    },
  };
}

export function jsonSink<Row extends object>(out: NodeJS.WritableStream): RowSink<Row> {
  let first = true;
  out.write("[");
  return {
    write: (row) => {
      out.write(`${first ? "\n" : ",\n"}${JSON.stringify(row)}`);
      first = false;
    },
    end: async () => {
      out.write(first ? "]\n" : "\n]\n");
    },
  };
}
