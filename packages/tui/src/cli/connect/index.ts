import { Command } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "../address.js";
import { type ConnectOptions, connectOptions } from "./options.js";

export function connectCommand(): Command {
  const command = new Command("connect")
    .description("join a server as a validator: stake, submit BPMs, watch the chain")
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .action(async (address: string, options: ConnectOptions, self: Command) => {
      checkAddress(address, self);
      const { connectHandler } = await import("./handler.js");
      await connectHandler(address, options);
    });
  for (const option of connectOptions) command.addOption(option);
  return command;
}
