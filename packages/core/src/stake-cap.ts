import { ErrorCode, PosError } from "./errors.js";

/** A teacher's cap keeps one student from buying every block; null means no cap. */
export function checkStakeCap(stake: bigint, cap: bigint | null): PosError<ErrorCode.StakeTooHigh> | null {
  if (cap === null || stake <= cap) return null;
  return new PosError(
    ErrorCode.StakeTooHigh,
    `the stake ${stake} is above this server's cap of ${cap} tokens: stake at most ${cap}`,
    { limit: cap.toString() },
  );
}
