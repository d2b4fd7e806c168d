// Narrow imports: the CLI loads this for its option parsers, before any command needs all of core.
import { ErrorCode, fail, ok, PosError, type Result } from "@pos-tui/core/errors";
import { parseStake } from "@pos-tui/core/parse";

export type StakeChoice = { kind: "list"; stakes: bigint[] } | { kind: "range"; low: bigint; high: bigint };

const stakeError = (message: string) => fail(new PosError(ErrorCode.BadStake, message));

/** `10,30,60`: each item a stake as the server would take it (no exponents, signs or spaces). */
export function parseStakeList(text: string): Result<bigint[]> {
  const items = text.split(",");
  const stakes: bigint[] = [];
  for (const [i, item] of items.entries()) {
    const parsed = parseStake(item);
    if (!parsed.ok)
      return stakeError(`stake ${i + 1} of the list ("${item.slice(0, 40)}"): ${parsed.error.message}`);
    stakes.push(parsed.value);
  }
  return ok(stakes);
}

/** `1..1000`: both ends included, low <= high. */
export function parseStakeRange(text: string): Result<{ low: bigint; high: bigint }> {
  const parts = text.split("..");
  if (parts.length !== 2) return stakeError('give the range as LOW..HIGH, e.g. "1..1000"');
  const [lowText, highText] = parts as [string, string];
  const low = parseStake(lowText);
  if (!low.ok) return stakeError(`the low end of the range: ${low.error.message}`);
  const high = parseStake(highText);
  if (!high.ok) return stakeError(`the high end of the range: ${high.error.message}`);
  if (low.value > high.value)
    return stakeError(`the range is backwards: ${low.value} is above ${high.value}; write LOW..HIGH`);
  return ok({ low: low.value, high: high.value });
}

/**
 * One stake per bot. A list shorter than the count is cycled (10,30,60 for 5 bots: 10,30,60,10,30),
 * so a few stakes describe a big fleet; a list longer than the count is a mistake and refused.
 * A range draws each stake uniformly from its ends, both included.
 */
export function assignStakes(
  count: number,
  choice: StakeChoice,
  randomBelow: (bound: bigint) => bigint,
): Result<bigint[]> {
  if (choice.kind === "list") {
    if (choice.stakes.length > count)
      return stakeError(
        `${choice.stakes.length} stakes given for ${count} bots: give at most one stake per bot (a shorter list is cycled)`,
      );
    return ok(Array.from({ length: count }, (_, i) => choice.stakes[i % choice.stakes.length]!));
  }
  const span = choice.high - choice.low + 1n;
  return ok(Array.from({ length: count }, () => choice.low + randomBelow(span)));
}
