import { randomBytes } from "node:crypto";
import { ErrorCode, isRuleName, PosError, type RuleName, unknownRule } from "@pos-tui/core";
import { renderToString } from "ink";
import { createElement } from "react";
import {
  formatLab,
  heapProbe,
  LabView,
  labCsv,
  labJson,
  labValidators,
  runLab,
  stakesInRange,
} from "../../lab/index.js";
import type { LabOptions } from "./options.js";

const DEFAULT_STAKES = [10n, 30n, 60n];
const DEFAULT_VALIDATORS = 10;

function refuse(error: PosError): number {
  process.stderr.write(`error: ${error.code}: ${error.message}\n`);
  return 1;
}

/** Runs the lab and prints its report; resolves with the exit code. */
export async function labHandler(options: LabOptions): Promise<number> {
  const rules: RuleName[] = [];
  for (const name of options.rules) {
    if (!isRuleName(name)) return refuse(unknownRule(name));
    rules.push(name);
  }
  if (options.validators !== undefined && options.stakeRange === undefined)
    return refuse(
      new PosError(
        ErrorCode.BadOption,
        "--validators goes with --stake-range, e.g. --stake-range 1..100 --validators 20",
      ),
    );
  const seed = options.seed ?? randomBytes(4).toString("hex");
  const range = options.stakeRange?.kind === "range" ? options.stakeRange : null;
  const stakes = range
    ? stakesInRange(range.low, range.high, options.validators ?? DEFAULT_VALIDATORS, seed)
    : options.stakes?.kind === "list"
      ? options.stakes.stakes
      : DEFAULT_STAKES;
  const validators = labValidators(stakes, options.sybil);
  if (!validators.ok) return refuse(validators.error);

  const progress = process.stderr.isTTY === true;
  const report = runLab(
    {
      rounds: options.rounds,
      seed,
      reward: options.reward,
      rules,
      sybil: options.sybil,
      validators: validators.value,
    },
    heapProbe(),
    progress
      ? (rule) => process.stderr.write(`\rlab: running ${rule} for ${options.rounds} rounds...\x1b[K`)
      : undefined,
  );
  if (progress) process.stderr.write("\r\x1b[K");

  if (options.json) process.stdout.write(`${labJson(report)}\n`);
  else if (options.csv) process.stdout.write(`${labCsv(report)}\n`);
  else if (process.stdout.isTTY === true) {
    const columns = process.stdout.columns ?? 100;
    process.stdout.write(
      `${renderToString(createElement(LabView, { report, width: columns }), { columns })}\n`,
    );
  } else process.stdout.write(`${formatLab(report, { colour: false })}\n`);
  return 0;
}
