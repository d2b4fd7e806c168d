import { Command } from "commander";
import { type DemoOptions, demoOptions } from "./options.js";

export function demoCommand(): Command {
  const command = new Command("demo")
    .description("an embedded server, bot validators and your validator dashboard in one command")
    .addHelpText(
      "after",
      "\nEach block's winner gets --reward tokens (default 10) added to its stake, so stakes and their\nconcentration (Gini, Nakamoto, the chart on c) move as you watch. --reward 0 keeps every stake fixed.",
    )
    .action(async (options: DemoOptions) => {
      const { demoHandler } = await import("./handler.js");
      await demoHandler(options);
    });
  for (const option of demoOptions) command.addOption(option);
  return command;
}
