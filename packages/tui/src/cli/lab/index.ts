import { Command } from "commander";
import { type LabOptions, labExamples, labOptions } from "./options.js";

export function labCommand(): Command {
  const command = new Command("lab")
    .description("offline: the same stakes and seeds through several proposer rules, side by side")
    .action(async (options: LabOptions) => {
      const { labHandler } = await import("./handler.js");
      process.exitCode = await labHandler(options);
    });
  for (const option of labOptions) command.addOption(option);
  command.addHelpText("after", labExamples);
  return command;
}
