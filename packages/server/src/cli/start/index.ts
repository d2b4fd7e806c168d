import { Command } from "commander";
import { startHandler } from "./handler.js";
import { RULES_HELP, type StartOptions, startOptions } from "./options.js";

const TRY_IT =
  `\n${RULES_HELP}\n` +
  "\nTry it: pos-server --round 5s, then in other terminals `nc localhost 9090` or `pos-tui connect`.\n" +
  "For a class: pos-server --host 0.0.0.0 prints the lines students type to join.";

/** Gives a command the server's options and makes it run the server. */
export function withStartOptions(command: Command): Command {
  for (const option of startOptions()) command.addOption(option);
  return command
    .addHelpText("after", TRY_IT)
    .allowExcessArguments()
    .action((options: StartOptions, self: Command) => {
      // A mistyped command would otherwise read as "too many arguments".
      if (self.args.length > 0)
        self.error(`error: unknown command '${self.args[0]}' (pos-server --help lists them)`, {
          exitCode: 2,
        });
      return startHandler(options);
    });
}

/** `pos-server start`: the same as `pos-server` with no command, kept for scripts that name it. */
export function startCommand(): Command {
  return withStartOptions(
    new Command("start").description("run the consensus server (what pos-server does with no command)"),
  );
}
