import { type BlockVerdict, type CheckId, firstFailure } from "@pos-tui/core";
import type { DashboardState } from "./dashboard-state.js";

/** The first block found failing, for the banner, until someone acknowledges it. */
export interface Alarm {
  index: number;
  hash: string;
  check: CheckId;
  message: string;
  /** Other blocks found failing while this one was up. */
  more: number;
}

/** Why auto mode stopped building: the first block found failing since it last ran. */
export interface AutoHalt {
  index: number;
  check: CheckId;
}

const tipFailed = (state: DashboardState): boolean => state.chain.at(-1)?.verdict.status === "failed";

/**
 * The state after `verdicts` came (new ones, or ones that just turned failed): the first failure
 * raises the banner, later ones are counted under it, and any failure stops auto mode. A reconnect
 * first lets auto resume when the tip it lands on is good.
 */
export function noteVerdicts(
  state: DashboardState,
  verdicts: readonly BlockVerdict[],
  options: { reconnected?: boolean } = {},
): DashboardState {
  let { alarm, autoHalt } = state;
  if (options.reconnected === true && autoHalt !== null && !tipFailed(state)) autoHalt = null;
  for (const verdict of verdicts) {
    const failure = firstFailure(verdict);
    if (failure === null) continue;
    const { index, hash } = verdict;
    if (alarm === null) alarm = { index, hash, check: failure.id, message: failure.message, more: 0 };
    else if (alarm.hash !== hash) alarm = { ...alarm, more: alarm.more + 1 };
    autoHalt ??= { index, check: failure.id };
  }
  return alarm === state.alarm && autoHalt === state.autoHalt ? state : { ...state, alarm, autoHalt };
}

/** The banner was seen: it goes, and auto mode may build again if the tip is good. */
export function acknowledge(state: DashboardState): DashboardState {
  return { ...state, alarm: null, autoHalt: tipFailed(state) ? state.autoHalt : null };
}
