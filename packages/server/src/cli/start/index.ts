import { ErrorCode } from "@pos-tui/core";
import { Command } from "commander";
import { ADVERSARY_MODES, DEFAULT_REWRITE_EVERY } from "../../adversary/modes.js";
import { startHandler } from "./handler.js";
import { RULES_HELP, type StartOptions, startOptions } from "./options.js";

const TRY_IT =
  `\n${RULES_HELP}\n` +
  "\nTry it: pos-server --round 5s, then in other terminals `nc localhost 9090` or `pos-tui connect`.\n" +
  "For a class: pos-server --host 0.0.0.0 prints the lines students type to join.";

const LIES =
  "\n\nLies for a class to catch (--adversary, only with --memory; the server's log says\n" +
  "ADVERSARY at start and at every lie, the clients are told nothing):\n" +
  Object.entries(ADVERSARY_MODES)
    .map(([mode, lie]) => `  ${mode.padEnd(8)} ${lie}`)
    .join("\n") +
  `\n  (rewrite: every ${DEFAULT_REWRITE_EVERY} blocks unless --rewrite-every says otherwise)`;

/** A lie is for a throw-away chain: it must never reach a log that an honest run would load and trust. */
function adversaryIssue(options: StartOptions): { message: string; code: string } | null {
  if (options.adversary !== undefined && !options.memory)
    return {
      code: ErrorCode.AdversaryNeedsMemory,
      message:
        `error: ${ErrorCode.AdversaryNeedsMemory}: --adversary runs only with --memory, so a lying chain is never ` +
        `stored where an honest server would load it: add --memory`,
    };
  // The lies redraw the lottery: under another rule they would write records that rule cannot replay.
  if (options.adversary !== undefined && options.rule !== undefined && options.rule !== "lottery")
    return {
      code: ErrorCode.BadOption,
      message: `error: ${ErrorCode.BadOption}: --adversary lies about the lottery's draw: leave --rule out (or --rule lottery)`,
    };
  if (options.rewriteEvery !== undefined && options.adversary !== "rewrite")
    return {
      code: "commander.invalidArgument",
      message: "error: --rewrite-every goes with --adversary rewrite: add that, or leave --rewrite-every out",
    };
  return null;
}

/** Gives a command the server's options and makes it run the server. */
export function withStartOptions(command: Command): Command {
  for (const option of startOptions()) command.addOption(option);
  return command
    .addHelpText("after", TRY_IT + LIES)
    .allowExcessArguments()
    .action((options: StartOptions, self: Command) => {
      // A mistyped command would otherwise read as "too many arguments".
      if (self.args.length > 0)
        self.error(`error: unknown command '${self.args[0]}' (pos-server --help lists them)`, {
          exitCode: 2,
        });
      const issue = adversaryIssue(options);
      if (issue) self.error(issue.message, { exitCode: 2, code: issue.code });
      return startHandler(options);
    });
}

/** `pos-server start`: the same as `pos-server` with no command, kept for scripts that name it. */
export function startCommand(): Command {
  return withStartOptions(
    new Command("start").description("run the consensus server (what pos-server does with no command)"),
  );
}
