import { Command } from "commander";
import { checkAddress, DEFAULT_ADDRESS } from "../address.js";
import { type VerifyOptions, verifyOptions } from "./options.js";

export function verifyCommand(): Command {
  const command = new Command("verify")
    .description(
      "audit a live server's whole chain from outside: every block's hash, signature, index, link and time, every lottery replayed from its round's full proof",
    )
    .argument("[address]", "the server, HOST:PORT", DEFAULT_ADDRESS)
    .addHelpText(
      "after",
      "\nExit status: 0 every block up to the tip the server announced passed every check; 1 a block failed\n" +
        "(the first one is named with its check); 2 a bad command line, or the server could not be reached\n" +
        "or stopped answering before the audit ended. Progress goes to stderr, the summary to stdout\n" +
        "(to stderr when a block failed).",
    )
    // Usage errors exit 2, like a server that cannot be reached: 1 means the chain failed.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .action(async (address: string, options: VerifyOptions, self: Command) => {
      checkAddress(address, self);
      const { verifyHandler } = await import("./handler.js");
      process.exitCode = await verifyHandler(address, options);
    });
  for (const option of verifyOptions) command.addOption(option);
  return command;
}
