import { type Logger, pino } from "pino";
import pretty from "pino-pretty";
import { stdoutSink } from "./log-sink.js";

export type LogFormat = "pretty" | "json";

/** Pretty for a person at a terminal, JSON lines for anything that collects logs. */
export function createLogger(
  level: string,
  format: LogFormat = process.stdout.isTTY ? "pretty" : "json",
): Logger {
  const options = { name: "pos-server", level };
  const destination = stdoutSink();
  if (format === "pretty")
    return pino(options, pretty({ colorize: process.stdout.isTTY, ignore: "pid,hostname", destination }));
  return pino(options, destination);
}
