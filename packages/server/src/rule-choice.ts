import { ErrorCode, fail, ok, PosError, type Result, type RuleName } from "@pos-tui/core";

/**
 * The rule this run picks proposers by: the one asked for, else the log's (the lottery for a new
 * chain). Asking for another rule than a log's is refused unless the change is wanted (`changeRule`):
 * a rule that changes unannounced would make the log's history read as one game when it was two.
 */
export function chooseRule(
  asked: RuleName | undefined,
  logRule: RuleName | null,
  changeRule = false,
): Result<{ rule: RuleName; changed: RuleName | null }> {
  const rule = asked ?? logRule ?? "lottery";
  if (logRule === null || rule === logRule) return ok({ rule, changed: null });
  if (changeRule) return ok({ rule, changed: logRule });
  return fail(
    new PosError(
      ErrorCode.RuleMismatch,
      `the chain log's blocks were chosen by --rule ${logRule}, not ${rule}: start with --rule ${logRule} (or no --rule) to go on, ` +
        `add --change-rule to switch to ${rule} from the next block (the log records where), or start a new chain in another --data directory`,
    ),
  );
}
