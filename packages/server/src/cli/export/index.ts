import { Command } from "commander";
import { exportHandler } from "./handler.js";
import { exportOptions } from "./options.js";

export function exportCommand(): Command {
  const command = new Command("export")
    .description("write the chain as rows for a spreadsheet or a notebook: one per block, or per validator")
    .addHelpText(
      "after",
      "\nBlock columns: index, time, round, winner, winner_name, bpm, winner_stake, total_stake (of the round's\n" +
        "candidates), candidates, ticket, range_start, range_end, hash. Genesis has no lottery columns.\n" +
        "Validator columns: validator, name, stake, rounds, wins, expected_wins (sum of stake/total over the\n" +
        "rounds it took part in), stake_share, win_share.\n" +
        "Safe to run while a server uses the directory: it only reads, and leaves out a record still being written.\n" +
        "Exit status: 0 done, 1 the log has a bad record (the rows before it are written), 2 no log could be read.",
    )
    .action(exportHandler);
  for (const option of exportOptions) command.addOption(option);
  return command;
}
