import { runDashboard } from "../../app/run-dashboard.js";
import { loadIdentity } from "../../client/identity.js";
import { parseAddress } from "../address.js";
import type { ConnectOptions } from "./options.js";

export async function connectHandler(address: string, options: ConnectOptions): Promise<void> {
  const { host, port } = parseAddress(address);
  const identity = loadIdentity({ name: options.name });
  await runDashboard({
    host,
    port,
    stake: options.stake ?? null,
    name: options.name ?? null,
    auto: options.auto,
    keys: identity.keys,
  });
}
