import { runDashboard } from "../../app/run-dashboard.js";
import { parseAddress } from "../address.js";

export async function watchHandler(address: string): Promise<void> {
  const { host, port } = parseAddress(address);
  await runDashboard({ host, port, stake: null, name: null, auto: false, keys: null });
}
