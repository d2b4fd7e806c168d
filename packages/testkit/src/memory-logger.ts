import { Writable } from "node:stream";
import { type Logger, pino } from "pino";

export interface LogLine {
  msg: string;
  level: number;
  [field: string]: unknown;
}

/** A pino logger whose lines are kept in memory, parsed, for tests that count or inspect them. */
export function memoryLogger(level = "info"): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { log: pino({ level }, stream), lines };
}
