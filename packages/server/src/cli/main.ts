import { Command } from "commander";
import { exportCommand } from "./export/index.js";
import { startCommand, withStartOptions } from "./start/index.js";
import { verifyCommand } from "./verify/index.js";

// Commander wraps the description to the terminal itself: no hard line breaks in it.
const program = new Command("pos-server")
  .description(
    "A proof-of-stake consensus server. Nodes connect over TCP (a person with nc, or a program speaking NDJSON), " +
      "stake tokens and submit BPM readings; each round a verifiable stake-weighted lottery picks the block. " +
      "With no command it runs the server with the options below.",
  )
  .version("0.1.0")
  // The server's options belong to the top level; a command's own options come after its name.
  .enablePositionalOptions();
withStartOptions(program);
program.addCommand(startCommand());
program.addCommand(verifyCommand());
program.addCommand(exportCommand());

program.parseAsync().catch((error: unknown) => {
  console.error(`pos-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
