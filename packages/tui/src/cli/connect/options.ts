import { parseName, parseStake } from "@pos-tui/core/parse";
import { InvalidArgumentError, Option } from "commander";

export interface ConnectOptions {
  stake?: bigint;
  name?: string;
  auto: boolean;
}

export function stakeArg(text: string): bigint {
  const parsed = parseStake(text);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error.message);
  return parsed.value;
}

export function nameArg(text: string): string {
  const parsed = parseName(text);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error.message);
  return parsed.value;
}

export const connectOptions = [
  new Option("-s, --stake <tokens>", "your stake, 1..10^18 (asked in the TUI when absent)").argParser(
    stakeArg,
  ),
  new Option(
    "-n, --name <name>",
    "your name; its key is kept in your config directory, so the same name is the same validator",
  ).argParser(nameArg),
  new Option("-a, --auto", "submit a plausible heart-rate BPM every round by itself ('a' toggles)").default(
    false,
  ),
];
