import { Command } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "../address.js";
import { type WatchOptions, watchOptions } from "./options.js";

export function watchCommand(): Command {
  const command = new Command("watch")
    .description("the same dashboard as a spectator (no stake, no prompt); --board for a projector")
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .action(async (address: string, options: WatchOptions, self: Command) => {
      checkAddress(address, self);
      const { watchHandler } = await import("./handler.js");
      await watchHandler(address, options);
    });
  for (const option of watchOptions) command.addOption(option);
  return command;
}
