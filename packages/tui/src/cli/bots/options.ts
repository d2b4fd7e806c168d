import { parseName } from "@pos-tui/core/parse";
import { InvalidArgumentError, Option } from "commander";
import { parseStakeList, parseStakeRange, type StakeChoice } from "../../bots/stakes.js";

export const MAX_BOTS = 5000;
export const DEFAULT_STAKE_RANGE = "1..100";

export interface BotsOptions {
  count: number;
  stakes?: StakeChoice;
  stakeRange?: StakeChoice;
  rounds?: number;
  json: boolean;
  namePrefix: string;
  verify: boolean;
}

function wholeNumber(text: string, what: string, low: number, high: number): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= low && value <= high))
    throw new InvalidArgumentError(`${what} must be a whole number from ${low} to ${high}, not "${text}"`);
  return value;
}

export function countArg(text: string): number {
  return wholeNumber(text, "the bot count", 1, MAX_BOTS);
}

export function roundsArg(text: string): number {
  return wholeNumber(text, "the round count", 1, 1_000_000);
}

export function stakesArg(text: string): StakeChoice {
  const parsed = parseStakeList(text);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error.code}: ${parsed.error.message}`);
  return { kind: "list", stakes: parsed.value };
}

export function stakeRangeArg(text: string): StakeChoice {
  const parsed = parseStakeRange(text);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error.code}: ${parsed.error.message}`);
  return { kind: "range", ...parsed.value };
}

/** Bot names are PREFIX1..PREFIXN; the longest one must still be a valid name (1..32 printable). */
export function namePrefixArg(text: string): string {
  const parsed = parseName(`${text}${MAX_BOTS}`);
  if (!parsed.ok || parsed.value !== `${text}${MAX_BOTS}`)
    throw new InvalidArgumentError(
      `the name prefix must be printable, without spaces around it, and at most ${32 - String(MAX_BOTS).length} characters`,
    );
  return text;
}

export const botsOptions = [
  new Option("-c, --count <n>", `how many bots, 1..${MAX_BOTS}`).argParser(countArg).default(10),
  new Option("--stakes <list>", "stakes as a comma list, e.g. 10,30,60 (cycled when shorter than --count)")
    .argParser(stakesArg)
    .conflicts("stakeRange"),
  new Option(
    "--stake-range <low..high>",
    `stakes drawn uniformly from a range (default ${DEFAULT_STAKE_RANGE})`,
  )
    .argParser(stakeRangeArg)
    .conflicts("stakes"),
  new Option(
    "-r, --rounds <n>",
    "stop after this many rounds with a block (default: until Ctrl+C)",
  ).argParser(roundsArg),
  new Option("--json", "print the report as one JSON object").default(false),
  new Option("--name-prefix <prefix>", "bots are named PREFIX1, PREFIX2, ...")
    .argParser(namePrefixArg)
    .default("bot"),
  new Option(
    "--verify",
    "every bot checks every block it receives (hash, signature, link, time, the round's commit, reveal, ticket, the winner's range, its own inclusion); the report counts verified and failed blocks, and a failed one makes the exit status 1",
  ).default(false),
];
