import "./no-color.js";
import { Command } from "commander";
import { connectCommand } from "./connect/index.js";
import { watchCommand } from "./watch/index.js";

const program = new Command("pos-tui")
  .description("Watch and take part in a proof-of-stake network from the terminal.")
  .version("0.1.0");

program.addCommand(connectCommand());
program.addCommand(watchCommand());

for (const [name, what] of [
  ["demo", "an embedded server, bots and your validator in one command"],
  ["bots", "headless bot validators and a fairness report"],
] as const) {
  program
    .command(name)
    .description(what)
    .action(() => {
      console.error(`pos-tui ${name}: not yet`);
    });
}

await program.parseAsync();
