import "./no-color.js";
import { Command } from "commander";
import { botsCommand } from "./bots/index.js";
import { connectCommand } from "./connect/index.js";
import { demoCommand } from "./demo/index.js";
import { labCommand } from "./lab/index.js";
import { verifyCommand } from "./verify/index.js";
import { watchCommand } from "./watch/index.js";

const program = new Command("pos-tui")
  .description("Watch and take part in a proof-of-stake network from the terminal.")
  .version("0.1.0");

program.addCommand(connectCommand());
program.addCommand(watchCommand());
program.addCommand(demoCommand());
program.addCommand(botsCommand());
program.addCommand(labCommand());
program.addCommand(verifyCommand());

await program.parseAsync();
