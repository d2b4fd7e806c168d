import { randomBytes as nodeRandomBytes } from "node:crypto";
import type { RewardRule } from "@pos-tui/core";
import type { Logger } from "pino";
import type { ServerOptions } from "../options.js";
import { type RunningServer, startServer } from "../server.js";
import { censor } from "./censor.js";
import { forge } from "./forge.js";
import { confess, type Liar, type Tamper } from "./liar.js";
import { ADVERSARY_MODES, type AdversaryMode, DEFAULT_REWRITE_EVERY } from "./modes.js";
import { regrind } from "./regrind.js";
import { startRewritingServer } from "./rewrite.js";

export { ADVERSARY_MODE_NAMES, ADVERSARY_MODES, type AdversaryMode, DEFAULT_REWRITE_EVERY } from "./modes.js";

export interface AdversaryChoice {
  mode: AdversaryMode;
  /** For `rewrite`: new blocks between two rewrites. */
  rewriteEvery?: number;
}

/**
 * A server that lies to its clients in one chosen way, for a class to catch. The honest server does
 * the work; a lie plugs in at one seam (the round's record, or the store and the restart for
 * `rewrite`). Says so loudly in the log, never to the clients.
 */
export async function startLyingServer(
  choice: AdversaryChoice,
  options: ServerOptions & { logger: Logger },
): Promise<RunningServer> {
  const liar: Liar = {
    log: options.logger,
    randomBytes: options.randomBytes ?? ((size) => new Uint8Array(nodeRandomBytes(size))),
  };
  confess(
    liar,
    { mode: choice.mode },
    `this server LIES to its clients (--adversary ${choice.mode}: ${ADVERSARY_MODES[choice.mode]}). ` +
      "Clients are not told: their own checks must catch it.",
  );
  if (choice.mode === "rewrite")
    return startRewritingServer(options, liar, choice.rewriteEvery ?? DEFAULT_REWRITE_EVERY);
  return startServer({ ...options, tamper: tamperFor(choice.mode, liar, rewardRule(options)) });
}

function tamperFor(mode: Exclude<AdversaryMode, "rewrite">, liar: Liar, reward: RewardRule | null): Tamper {
  if (mode === "censor") return censor(liar, reward);
  if (mode === "regrind") return regrind(liar, reward);
  return forge(liar);
}

/** The reward rule the honest server applies, so a lie that moves the win also moves the reward. */
function rewardRule(options: ServerOptions): RewardRule | null {
  const reward = options.reward;
  if (reward === undefined || reward.amount === 0n) return null;
  return { ...reward, cap: options.maxStake ?? null };
}
