import { MAX_POOL_SIZE, parseStake, RULE_NAMES, type RuleName } from "@pos-tui/core";
import { InvalidArgumentError, Option } from "commander";
import ms from "ms";
import { ADVERSARY_MODE_NAMES, type AdversaryMode, DEFAULT_REWRITE_EVERY } from "../../adversary/modes.js";
import { DEFAULTS } from "../../options.js";

export interface StartOptions {
  host: string;
  port: number;
  round: number;
  maxClients: number;
  logFormat: "pretty" | "json";
  logLevel: string;
  data: string;
  memory: boolean;
  repair: boolean;
  maxStake?: bigint;
  reward: bigint;
  rewardMode: "compound" | "payout";
  rule?: RuleName;
  changeRule: boolean;
  adversary?: AdversaryMode;
  rewriteEvery?: number;
}

/** `--help`'s one line per proposer rule. */
export const RULES_HELP = [
  "Proposer rules (--rule):",
  "  lottery      a ticket from the round's secret falls in a candidate's stake range (random)",
  "  round-robin  CometBFT's weighted round robin: exact shares, next proposer known in advance",
  `  pool         one entry per staked token, one picked by the round's secret; total stake <= ${MAX_POOL_SIZE}`,
].join("\n");

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535 (0 picks a free one)");
  return port;
}

export function parseDuration(text: string): number {
  const value = /^\d+$/.test(text) ? Number.NaN : ms(text as ms.StringValue);
  if (typeof value !== "number" || !Number.isFinite(value) || value < 50 || value > 24 * 3600_000)
    throw new InvalidArgumentError("give a duration with its unit, from 50ms to 24h, e.g. 10s, 250ms, 1m");
  return value;
}

function parseMaxStake(text: string): bigint {
  const stake = parseStake(text);
  if (!stake.ok) throw new InvalidArgumentError(stake.error.message);
  return stake.value;
}

function parseReward(text: string): bigint {
  if (!/^(0|[1-9][0-9]{0,17})$/.test(text))
    throw new InvalidArgumentError("a reward is a whole number of tokens from 0 to 10^18 (0: no reward)");
  return BigInt(text);
}

function parseCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 100_000)
    throw new InvalidArgumentError("a whole number from 1 to 100000");
  return value;
}

/** A fresh set each call: the top-level command and `start` both show them. */
export function startOptions(): Option[] {
  return [
    new Option("--host <host>", "address to listen on").default(DEFAULTS.host),
    new Option("-p, --port <port>", "TCP port (0 picks a free one)")
      .default(DEFAULTS.port)
      .argParser(parsePort),
    new Option("-r, --round <duration>", "round length, e.g. 10s, 250ms")
      .default(DEFAULTS.roundMs, "10s")
      .argParser(parseDuration),
    new Option("--max-clients <n>", "connections served at once; more are refused")
      .default(DEFAULTS.maxClients)
      .argParser(parseCount),
    new Option(
      "--max-stake <tokens>",
      "the largest stake a validator may hold; larger ones are refused",
    ).argParser(parseMaxStake),
    new Option("--reward <tokens>", "tokens credited to each block's winner (0: stakes never move)")
      .default(0n, "0")
      .argParser(parseReward),
    new Option(
      "--reward-mode <mode>",
      "compound: the reward adds to the winner's stake from the next round, up to --max-stake " +
        "(the part above the cap goes to the winner's balance); payout: the reward goes to a balance that never stakes",
    )
      .choices(["compound", "payout"])
      .default("compound"),
    new Option(
      "--rule <name>",
      "how each round's proposer is picked (see below); default: the chain log's rule, lottery for a new chain",
    ).choices(RULE_NAMES),
    new Option(
      "--change-rule",
      "let --rule differ from the chain log's rule: the next block records the change",
    ).default(false),
    new Option("--log-format <format>", "pretty for people, json for log collectors")
      .choices(["pretty", "json"])
      .default(process.stdout.isTTY ? "pretty" : "json", "pretty on a terminal, json otherwise"),
    new Option("--log-level <level>", "least important level logged")
      .choices(["trace", "debug", "info", "warn", "error", "fatal", "silent"])
      .default("info"),
    new Option("-d, --data <dir>", "directory that keeps the chain").default("./pos-data"),
    new Option("--memory", "keep the chain in memory only (lost on exit)").default(false),
    new Option(
      "--repair",
      "if the chain log is damaged in the middle, back it up and keep the valid prefix",
    ).default(false),
    new Option(
      "--adversary <lie>",
      "for teaching: the server tells this lie to every client, for their checks to catch (needs --memory; see below)",
    ).choices(ADVERSARY_MODE_NAMES),
    new Option(
      "--rewrite-every <blocks>",
      `with --adversary rewrite: new blocks between two rewrites (default ${DEFAULT_REWRITE_EVERY})`,
    ).argParser(parseCount),
  ];
}
