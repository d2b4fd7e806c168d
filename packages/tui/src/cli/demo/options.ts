import { InvalidArgumentError, Option } from "commander";
import { nameArg, stakeArg } from "../connect/options.js";

export interface DemoOptions {
  stake: bigint;
  name: string;
  bots: number;
  round: number;
  auto: boolean;
  /** Tokens added to each block winner's stake from the next round; 0 keeps every stake fixed. */
  reward: bigint;
}

/** The demo's default reward: against stakes of 5..200 it moves the concentration within minutes. */
export const DEMO_REWARD = 10n;

/** The demo's cast: visibly different stakes, so the stake bars and the wins tell them apart. */
export const DEMO_BOTS: readonly (readonly [string, bigint])[] = [
  ["alice", 10n],
  ["bob", 30n],
  ["carol", 60n],
  ["dave", 120n],
  ["erin", 5n],
  ["frank", 200n],
  ["grace", 45n],
  ["heidi", 90n],
];

export function botCountArg(text: string): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= DEMO_BOTS.length))
    throw new InvalidArgumentError(`the demo runs 0 to ${DEMO_BOTS.length} bots, not "${text}"`);
  return value;
}

/** Whole tokens, 0 (off) .. 10^18, as stakes are. */
export function rewardArg(text: string): bigint {
  const ok = /^[0-9]{1,19}$/.test(text.trim()) && BigInt(text.trim()) <= 10n ** 18n;
  if (!ok)
    throw new InvalidArgumentError(
      `the reward must be whole tokens, 0 to 10^18 (0 turns it off), not "${text}"`,
    );
  return BigInt(text.trim());
}

/** `3s`, `500ms` or plain milliseconds; 100 ms .. 60 s, so rounds stay watchable. */
export function roundArg(text: string): number {
  const match = /^([0-9]+)(ms|s)?$/.exec(text.trim());
  const value = match ? Number(match[1]) * (match[2] === "s" ? 1000 : 1) : Number.NaN;
  if (!(value >= 100 && value <= 60_000))
    throw new InvalidArgumentError(`the round length must be 100ms..60s, e.g. 3s or 500ms, not "${text}"`);
  return value;
}

export const demoOptions = [
  new Option("-s, --stake <tokens>", "your stake, 1..10^18").argParser(stakeArg).default(50n, "50"),
  new Option("-n, --name <name>", "your name on the network (the key is fresh and never saved)")
    .argParser(nameArg)
    .default("you"),
  new Option("-b, --bots <n>", `how many bot validators, 0..${DEMO_BOTS.length}`)
    .argParser(botCountArg)
    .default(4),
  new Option("-r, --round <time>", "round length, e.g. 3s or 500ms").argParser(roundArg).default(3000, "3s"),
  new Option("-a, --auto", "submit a BPM every round by yourself ('a' toggles)").default(false),
  new Option(
    "--reward <tokens>",
    "tokens added to each block winner's stake, so the stakes (and the Gini) move; --reward 0 turns rewards off",
  )
    .argParser(rewardArg)
    .default(DEMO_REWARD, String(DEMO_REWARD)),
];
