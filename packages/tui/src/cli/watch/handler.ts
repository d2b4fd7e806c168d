import { plainReasonHere } from "../../plain/plain-mode.js";
import { parseAddress } from "../address.js";

export async function watchHandler(address: string): Promise<void> {
  const { host, port } = parseAddress(address);
  const common = { host, port, stake: null, name: null, keys: null };
  const plain = plainReasonHere();
  if (plain !== null) {
    const { runPlain } = await import("../../plain/run-plain.js");
    process.exitCode = await runPlain({
      ...common,
      input: process.stdin,
      output: process.stdout,
      ascii: plain === "dumb",
    });
    return;
  }
  // Only a terminal pays for loading Ink and React.
  const { runDashboard } = await import("../../app/run-dashboard.js");
  await runDashboard({ ...common, auto: false });
}
