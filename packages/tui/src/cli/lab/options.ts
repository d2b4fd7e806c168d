// Narrow imports: every command's options load with the CLI, before any command needs all of core.
import { ErrorCode } from "@pos-tui/core/errors";
import { InvalidArgumentError, Option } from "commander";
import { parseStakeList, parseStakeRange, type StakeChoice } from "../../bots/stakes.js";

export const MAX_VALIDATORS = 1000;
export const MAX_ROUNDS = 1_000_000;
export const MAX_SYBIL = 1000;
export const DEFAULT_STAKES = "10,30,60";
export const DEFAULT_ROUNDS = 100_000;
/** Checked against core's rule list by the handler (loading core here would slow every command). */
export const DEFAULT_RULES = "lottery,round-robin,pool";
const MAX_REWARD = 10n ** 18n;

export interface LabOptions {
  stakes?: StakeChoice;
  stakeRange?: StakeChoice;
  validators?: number;
  rounds: number;
  rules: string[];
  sybil: number;
  reward: bigint;
  seed?: string;
  json: boolean;
  csv: boolean;
}

const bad = (message: string) => new InvalidArgumentError(`${ErrorCode.BadOption}: ${message}`);

function wholeNumber(text: string, what: string, low: number, high: number): number {
  const value = /^[0-9]{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= low && value <= high))
    throw bad(
      `${what} must be a whole number from ${low.toLocaleString("en-US")} to ${high.toLocaleString("en-US")}, not "${text.slice(0, 20)}"`,
    );
  return value;
}

export const roundsArg = (text: string) =>
  wholeNumber(text.replaceAll("_", ""), "the round count", 1, MAX_ROUNDS);
export const validatorsArg = (text: string) => wholeNumber(text, "the validator count", 1, MAX_VALIDATORS);
export const sybilArg = (text: string) => wholeNumber(text, "--sybil", 1, MAX_SYBIL);

export function stakesArg(text: string): StakeChoice {
  const parsed = parseStakeList(text);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error.code}: ${parsed.error.message}`);
  if (parsed.value.length > MAX_VALIDATORS) throw bad(`give at most ${MAX_VALIDATORS} stakes`);
  return { kind: "list", stakes: parsed.value };
}

export function stakeRangeArg(text: string): StakeChoice {
  const parsed = parseStakeRange(text);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error.code}: ${parsed.error.message}`);
  return { kind: "range", ...parsed.value };
}

/** A comma list of rule names, each once (whether each exists is the handler's check). */
export function rulesArg(text: string): string[] {
  const names = text.split(",").map((name) => name.trim());
  if (names.some((name) => name.length === 0)) throw bad(`list rules with commas, e.g. ${DEFAULT_RULES}`);
  if (new Set(names).size !== names.length) throw bad("each rule may be listed once");
  return names;
}

export function rewardArg(text: string): bigint {
  if (!/^(0|[1-9][0-9]{0,18})$/.test(text) || BigInt(text) > MAX_REWARD)
    throw bad(`the reward must be a whole number of tokens from 0 to 10^18, not "${text.slice(0, 24)}"`);
  return BigInt(text);
}

/** Printable ASCII only: the seed is echoed in the report and must be typed again to repeat a run. */
export function seedArg(text: string): string {
  if (!/^[\x21-\x7e]{1,64}$/.test(text))
    throw bad("the seed must be 1 to 64 printable characters without spaces, e.g. --seed class-2b");
  return text;
}

export const labOptions = [
  new Option("--stakes <list>", `stakes as a comma list (default ${DEFAULT_STAKES})`)
    .argParser(stakesArg)
    .conflicts(["stakeRange", "validators"]),
  new Option(
    "--stake-range <low..high>",
    "stakes drawn from a range, reproducible from --seed (with --validators)",
  )
    .argParser(stakeRangeArg)
    .conflicts("stakes"),
  new Option(
    "--validators <n>",
    `how many validators --stake-range draws, 1..${MAX_VALIDATORS} (default 10)`,
  ).argParser(validatorsArg),
  new Option("-r, --rounds <n>", `rounds per rule, 1..${MAX_ROUNDS.toLocaleString("en-US")}`)
    .argParser(roundsArg)
    .default(DEFAULT_ROUNDS, DEFAULT_ROUNDS.toLocaleString("en-US")),
  new Option("--rules <list>", "the proposer rules to compare, comma-separated")
    .argParser(rulesArg)
    .default(DEFAULT_RULES.split(","), DEFAULT_RULES),
  new Option("--sybil <k>", "split the first validator into K identities sharing its stake equally")
    .argParser(sybilArg)
    .default(1),
  new Option("--reward <n>", "tokens each block's winner adds to its stake (compound), 0 for none")
    .argParser(rewardArg)
    .default(0n, "0"),
  new Option(
    "--seed <text>",
    "the randomness, so a run can be repeated (default: a fresh one, printed)",
  ).argParser(seedArg),
  new Option("--json", "print the report as one JSON object, one entry per rule")
    .default(false)
    .conflicts("csv"),
  new Option("--csv", "print one CSV row per rule and validator").default(false).conflicts("json"),
];

export const labExamples = `
Examples:
  pos-tui lab                                       stakes 10, 30, 60; 100,000 rounds; every rule
  pos-tui lab --stakes 1,2,3 --rounds 600 --seed demo
  pos-tui lab --stake-range 1..1000 --validators 20 --rules lottery,round-robin
  pos-tui lab --stakes 30,70 --sybil 10             does splitting into 10 identities pay?
  pos-tui lab --stakes 10,30,60 --reward 5          compound rewards: do the rich get richer?
  pos-tui lab --stakes 5000000,5000001 --rules pool the pool's limit: one entry per token
  pos-tui lab --json | jq '.rules["round-robin"].maxDeviation'
`;
