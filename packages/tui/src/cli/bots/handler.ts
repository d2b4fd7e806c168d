import { ErrorCode, type PosError } from "@pos-tui/core";
import { BotFleet } from "../../bots/fleet.js";
import { formatReport } from "../../bots/format-report.js";
import { randomBelow } from "../../bots/random-below.js";
import { botSpecs } from "../../bots/specs.js";
import { trailSamples } from "../../bots/stake-trail.js";
import { assignStakes } from "../../bots/stakes.js";
import { parseAddress } from "../address.js";
import { type BotsOptions, DEFAULT_STAKE_RANGE, stakeRangeArg } from "./options.js";

/** Runs the fleet until --rounds or a signal, prints the report; resolves with the exit code. */
export async function botsHandler(address: string, options: BotsOptions): Promise<number> {
  const { host, port } = parseAddress(address);
  const choice = options.stakes ?? options.stakeRange ?? stakeRangeArg(DEFAULT_STAKE_RANGE);
  const stakes = assignStakes(options.count, choice, randomBelow);
  if (!stakes.ok) return fail(stakes.error);
  const names = Array.from({ length: options.count }, (_, i) => `${options.namePrefix}${i + 1}`);
  const progress = process.stderr.isTTY === true;
  const fleet = new BotFleet({
    host,
    port,
    bots: botSpecs(names, stakes.value),
    rounds: options.rounds ?? null,
    verify: options.verify,
    onBlock: progress
      ? (blocks) =>
          process.stderr.write(`\rbots: ${blocks} blocks${options.rounds ? ` of ${options.rounds}` : ""}`)
      : undefined,
  });

  let interrupted: (reason: string) => void = () => {};
  const signalled = new Promise<string>((resolve) => {
    interrupted = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => interrupted(`stopped by ${signal}`);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    process.stderr.write(`bots: connecting ${options.count} bots to ${host}:${port}\n`);
    const joined = await Promise.race([fleet.connect(), signalled]);
    if (typeof joined === "string") {
      await fleet.close();
      process.stderr.write(`bots: ${joined} while connecting\n`);
      return 130;
    }
    if (joined.failures.length > 0) {
      process.stderr.write(`bots: ${joined.failures.length} of ${options.count} bots could not join:\n`);
      for (const failure of joined.failures.slice(0, 5)) process.stderr.write(`  ${failure}\n`);
    }
    if (joined.connected === 0) {
      await fleet.close();
      process.stderr.write(
        `error: ${ErrorCode.BotsOffline}: no bot could join: check the address and that pos-server runs\n`,
      );
      return 1;
    }
    process.stderr.write(
      `bots: ${joined.connected} bots submitting every round${options.rounds ? ` for ${options.rounds} rounds` : "; Ctrl+C for the report"}\n`,
    );
    fleet.start();
    const end = await Promise.race([
      fleet.finished,
      signalled.then((message) => ({ why: "signal", message }) as const),
    ]);
    if (progress) process.stderr.write("\n");
    process.stderr.write(`bots: ${end.message}\n`);
    const report = await fleet.stop();
    const rejected = [...fleet.rejected].map(([code, n]) => `${code} x${n}`).join(", ");
    if (rejected) process.stderr.write(`bots: rejected submissions: ${rejected}\n`);
    const chart = {
      samples: fleet.trail === null ? [] : trailSamples(report.validators, fleet.trail),
      colour: process.stdout.isTTY === true && process.env.FORCE_COLOR !== "0",
    };
    process.stdout.write(
      options.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, undefined, chart)}\n`,
    );
    const failed = report.verification?.failed ?? 0;
    if (failed > 0) process.stderr.write(`bots: ${failed} block checks failed: do not trust this server\n`);
    return end.why === "lost" || failed > 0 ? 1 : 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function fail(error: PosError): number {
  process.stderr.write(`error: ${error.code}: ${error.message}\n`);
  return 2;
}
