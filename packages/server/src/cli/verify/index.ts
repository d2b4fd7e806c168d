import { Command } from "commander";
import { verifyHandler } from "./handler.js";
import { verifyOptions } from "./options.js";

export function verifyCommand(): Command {
  const command = new Command("verify")
    .description("re-check a chain log: hashes, links, signatures and every proposer, under its block's rule")
    .addHelpText(
      "after",
      "\nExit status: 0 the chain is valid (a torn last record, which the next start cuts, is only a warning),\n" +
        "1 a record is bad (the first one is reported with its block index and byte offset), 2 no log could be read.\n" +
        "Safe to run while a server uses the directory: it only reads.",
    )
    .action(verifyHandler);
  for (const option of verifyOptions) command.addOption(option);
  return command;
}
