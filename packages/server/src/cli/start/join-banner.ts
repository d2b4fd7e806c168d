import type { NetworkInterfaceInfo } from "node:os";

export type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const ALL_ADDRESSES = new Set(["0.0.0.0", "::", ""]);

/**
 * The addresses students can type to reach a server bound to `host`. Bound to every interface, that
 * is each non-internal IPv4 address of this machine (what a room's Wi-Fi hands out); otherwise the
 * host itself.
 */
export function joinAddresses(host: string, interfaces: Interfaces): string[] {
  if (!ALL_ADDRESSES.has(host)) return [host];
  const addresses: string[] = [];
  for (const list of Object.values(interfaces))
    for (const info of list ?? [])
      if (info.family === "IPv4" && !info.internal && !addresses.includes(info.address))
        addresses.push(info.address);
  return addresses;
}

function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** What the server prints at start for a person to read out or put on the projector. */
export function joinBanner(host: string, port: number, interfaces: Interfaces): string {
  const addresses = joinAddresses(host, interfaces);
  const lines = ["", `pos-server is listening on ${hostPort(host, port)}. To join:`];
  for (const address of addresses)
    lines.push(`  pos-tui connect ${hostPort(address, port)}`, `  nc ${address} ${port}`);
  if (addresses.length === 0)
    lines.push(
      `  no network interface is up: only this computer can join (pos-tui connect 127.0.0.1:${port}, nc 127.0.0.1 ${port})`,
    );
  if (host === "127.0.0.1" || host === "localhost" || host === "::1")
    lines.push("  (only this computer can reach it: start with --host 0.0.0.0 to let a room join)");
  lines.push("");
  return lines.join("\n");
}
