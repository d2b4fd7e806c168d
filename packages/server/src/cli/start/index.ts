import { Command } from "commander";
import { startHandler } from "./handler.js";
import { startOptions } from "./options.js";

export function startCommand(): Command {
  const command = new Command("start")
    .description("run the consensus server (the default command)")
    .addHelpText(
      "after",
      "\nTry it: pos-server --round 5s, then in other terminals `nc localhost 9090` or `pos-tui connect`.",
    )
    .action(startHandler);
  for (const option of startOptions) command.addOption(option);
  return command;
}
