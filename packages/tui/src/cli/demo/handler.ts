import { type ServerOptions, startServer } from "@pos-tui/server";
import { runDashboard } from "../../app/run-dashboard.js";
import { BotFleet } from "../../bots/fleet.js";
import { botSpecs } from "../../bots/specs.js";
import { loadIdentity } from "../../client/identity.js";
import { DEMO_BOTS, type DemoOptions } from "./options.js";

const HOST = "127.0.0.1";

/**
 * The embedded server's settings. The reward compounds (it joins the winner's stake), so whether the
 * big get bigger shows in the stake panel's Gini and in the chart within a few minutes.
 */
export function demoServerOptions(options: Pick<DemoOptions, "round" | "reward">): ServerOptions {
  return {
    host: HOST,
    port: 0,
    roundMs: options.round,
    logLevel: "silent",
    ...(options.reward > 0n ? { reward: { amount: options.reward, mode: "compound" as const } } : {}),
  };
}

/**
 * Everything in this one process: an in-memory server on a free port, the bots on their own sockets
 * and your dashboard. Nothing is written to disk (your key is fresh and kept in memory), and quitting
 * closes the bots, then the server, so no process or file outlives the demo.
 */
export async function demoHandler(options: DemoOptions): Promise<void> {
  const server = await startServer(demoServerOptions(options));
  const cast = DEMO_BOTS.slice(0, options.bots);
  const fleet = new BotFleet({
    host: HOST,
    port: server.port,
    bots: botSpecs(
      cast.map(([name]) => name),
      cast.map(([, stake]) => stake),
    ),
    rounds: null,
  });
  try {
    await fleet.connect();
    fleet.start();
    await runDashboard({
      host: HOST,
      port: server.port,
      stake: options.stake,
      name: options.name,
      auto: options.auto,
      keys: loadIdentity().keys,
    });
  } finally {
    await fleet.close();
    await server.close();
  }
  // After Ink has given the terminal back, so the line stays on screen.
  process.stdout.write(
    `pos-tui demo: stopped the server on ${HOST}:${server.port} (${server.consensus.length - 1} blocks) and ${cast.length} bots; nothing was saved\n`,
  );
}
