import { Command } from "commander";
import { startCommand } from "./start/index.js";
import { verifyCommand } from "./verify/index.js";

const program = new Command("pos-server")
  .description(
    "A proof-of-stake consensus server. Nodes connect over TCP (a person with nc, or a program speaking\nNDJSON), stake tokens and submit BPM readings; each round a verifiable stake-weighted lottery\npicks the block.",
  )
  .version("0.1.0");

program.addCommand(startCommand(), { isDefault: true });
program.addCommand(verifyCommand());

program.parseAsync().catch((error: unknown) => {
  console.error(`pos-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
