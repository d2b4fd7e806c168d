import { Command } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "../address.js";

export function watchCommand(): Command {
  return new Command("watch")
    .description("the same dashboard as a spectator (no stake, no prompt)")
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .action(async (address: string, _options: object, self: Command) => {
      checkAddress(address, self);
      const { watchHandler } = await import("./handler.js");
      await watchHandler(address);
    });
}
