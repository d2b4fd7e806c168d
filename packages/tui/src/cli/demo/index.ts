import { Command } from "commander";
import { type DemoOptions, demoOptions } from "./options.js";

export function demoCommand(): Command {
  const command = new Command("demo")
    .description("an embedded server, bot validators and your validator dashboard in one command")
    .action(async (options: DemoOptions) => {
      const { demoHandler } = await import("./handler.js");
      await demoHandler(options);
    });
  for (const option of demoOptions) command.addOption(option);
  return command;
}
