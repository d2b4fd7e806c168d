import type { Command } from "commander";
import { serverCommand } from "../server-command.js";
import { type WatchOptions, watchOptions } from "./options.js";

export function watchCommand(): Command {
  return serverCommand<WatchOptions>(
    "watch",
    "the same dashboard as a spectator (no stake, no prompt); --board for a projector",
    watchOptions,
    async (address, options) => (await import("./handler.js")).watchHandler(address, options),
  );
}
