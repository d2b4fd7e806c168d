import { loadIdentity } from "../../client/identity.js";
import { startEarly } from "../../client/start-early.js";
import { plainReasonHere } from "../../plain/plain-mode.js";
import { parseAddress } from "../address.js";
import { printEvents } from "../print-events.js";
import type { ConnectOptions } from "./options.js";

export async function connectHandler(address: string, options: ConnectOptions): Promise<void> {
  const { host, port } = parseAddress(address);
  const identity = loadIdentity({ name: options.name });
  const common = {
    host,
    port,
    stake: options.stake ?? null,
    name: options.name ?? null,
    keys: identity.keys,
  };
  const plain = plainReasonHere();
  if (plain !== null) {
    if (common.stake === null) {
      const why = plain === "dumb" ? "TERM=dumb" : `${plain} is not a terminal`;
      process.stderr.write(
        `pos-tui connect: ${why}, so there is no dashboard to type the stake in: give it with --stake N.\n` +
          "BPMs are then read from stdin, one a line and one per round (e.g. `echo 72 | pos-tui connect --stake 100`).\n",
      );
      process.exitCode = 2;
      return;
    }
    return printEvents(common, plain);
  }
  // Only a terminal pays for loading Ink and React; the server is asked first, so its answer comes
  // while they load.
  const connection = startEarly(common);
  const { runDashboard } = await import("../../app/run-dashboard.js");
  await runDashboard({ ...common, auto: options.auto, connection });
}
