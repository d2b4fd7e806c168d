import { Command, type Option } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "./address.js";

/**
 * A command that talks to one server given as HOST:PORT. The address is checked before the handler
 * is imported, so a typo is reported without loading the dashboard.
 */
export function serverCommand<Options>(
  name: string,
  description: string,
  options: readonly Option[],
  run: (address: string, options: Options) => Promise<void>,
): Command {
  const command = new Command(name)
    .description(description)
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .action(async (address: string, parsed: Options, self: Command) => {
      checkAddress(address, self);
      await run(address, parsed);
    });
  for (const option of options) command.addOption(option);
  return command;
}
