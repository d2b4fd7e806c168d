import { Command } from "commander";
import { demoHandler } from "./handler.js";
import { type DemoOptions, demoOptions } from "./options.js";

export function demoCommand(): Command {
  const command = new Command("demo")
    .description("an embedded server, bot validators and your validator dashboard in one command")
    .action(async (options: DemoOptions) => {
      await demoHandler(options);
    });
  for (const option of demoOptions) command.addOption(option);
  return command;
}
