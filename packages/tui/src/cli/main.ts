import { Command } from "commander";

const program = new Command("pos-tui")
  .description("Watch and take part in a proof-of-stake network from the terminal.")
  .version("0.1.0");

for (const [name, what] of [
  ["connect", "join a server as a validator: stake, submit BPMs, watch the chain"],
  ["watch", "the same dashboard as a spectator (no stake)"],
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
