import { Command } from "commander";

const program = new Command("pos-server")
  .description(
    "A proof-of-stake consensus server: nodes connect over TCP (nc or JSON), stake tokens and submit BPM readings; each round a stake-weighted lottery picks the block.",
  )
  .version("0.1.0");

program
  .command("start", { isDefault: true })
  .description("run the server (the default command)")
  .action(() => {
    console.error("pos-server start: not built yet");
    process.exitCode = 1;
  });
program
  .command("verify")
  .description("re-check a chain log: hashes, links, signatures and every lottery")
  .action(() => {
    console.error("pos-server verify: not built yet");
    process.exitCode = 1;
  });

await program.parseAsync();
