import { type Command, InvalidArgumentError } from "commander";

export const DEFAULT_ADDRESS = "127.0.0.1:9090";

export interface Address {
  host: string;
  port: number;
}

/** HOST:PORT, [IPv6]:PORT, or just PORT (on 127.0.0.1). */
export function parseAddress(text: string): Address {
  const trimmed = text.trim();
  const match = /^\d+$/.test(trimmed)
    ? [trimmed, undefined, "127.0.0.1", trimmed]
    : /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(trimmed);
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || !(port >= 1 && port <= 65535))
    throw new InvalidArgumentError("give the server as HOST:PORT, e.g. 127.0.0.1:9090");
  return { host: match[1] ?? match[2] ?? "127.0.0.1", port };
}

/** Reports a bad address the way commander reports bad options: message, usage hint, exit code 2. */
export function checkAddress(text: string, command: Command): void {
  try {
    parseAddress(text);
  } catch (error) {
    command.error(`error: ${(error as Error).message}`, { exitCode: 2 });
  }
}
