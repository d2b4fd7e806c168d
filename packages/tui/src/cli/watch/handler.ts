import { startEarly } from "../../client/start-early.js";
import { plainReasonHere } from "../../plain/plain-mode.js";
import { parseAddress } from "../address.js";
import { printEvents } from "../print-events.js";
import type { WatchOptions } from "./options.js";

export async function watchHandler(address: string, options: WatchOptions = { board: false }): Promise<void> {
  const { host, port } = parseAddress(address);
  const common = { host, port, stake: null, name: null, keys: null };
  const plain = plainReasonHere();
  // A board is drawn even under TERM=dumb (in ASCII): a projector's terminal is still a screen. Without
  // a terminal at all it has nowhere to go, and the plain lines are printed instead.
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (plain !== null && !(options.board && plain === "dumb" && terminal)) {
    return printEvents(common, plain);
  }
  // Only a terminal pays for loading Ink and React; the server is asked first, so its answer comes
  // while they load.
  const connection = startEarly(common);
  const { runDashboard } = await import("../../app/run-dashboard.js");
  await runDashboard({ ...common, auto: false, board: options.board, ascii: plain === "dumb", connection });
}
