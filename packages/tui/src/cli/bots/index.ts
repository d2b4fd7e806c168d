import { Command } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "../address.js";
import { type BotsOptions, botsOptions } from "./options.js";

export function botsCommand(): Command {
  const command = new Command("bots")
    .description("headless bot validators that submit every round, then a fairness report")
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .action(async (address: string, options: BotsOptions, self: Command) => {
      checkAddress(address, self);
      const { botsHandler } = await import("./handler.js");
      process.exitCode = await botsHandler(address, options);
    });
  for (const option of botsOptions) command.addOption(option);
  return command;
}
