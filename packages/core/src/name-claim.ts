import { ErrorCode, PosError } from "./errors.js";
import type { ValidatorRegistry } from "./validators.js";

/** Null when `key` (null: not joined yet) may take `name`; the refusal otherwise. */
export function nameClaimError(
  registry: ValidatorRegistry,
  key: string | null,
  name: string,
): PosError<ErrorCode.NameTaken> | null {
  const holder = registry.nameHolder(name);
  if (holder === undefined || holder === key) return null;
  return new PosError(
    ErrorCode.NameTaken,
    `the name ${JSON.stringify(name)} belongs to validator ${holder.slice(0, 8)}: pick another name`,
  );
}
