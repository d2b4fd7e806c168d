import { ErrorCode, fail, ok, PosError, type Result, sha256Hex } from "@pos-tui/core";

/** One identity in the lab: a name for people, a key for the rules, a stake. */
export interface LabValidator {
  name: string;
  key: string;
  stake: bigint;
  /** Which validator of the command line this identity is (sybil identities share the first's group). */
  group: number;
}

export const MAX_SYBIL = 1000;

const keyOf = (name: string) => sha256Hex(`pos-tui lab validator|${name}`);

/**
 * The lab's validators, v1..vN, with the first split into `sybil` identities v1.1..v1.K that share
 * its stake equally (the first identity takes the remainder, so the total is unchanged).
 */
export function labValidators(stakes: readonly bigint[], sybil: number): Result<LabValidator[]> {
  if (stakes.length === 0)
    return fail(new PosError(ErrorCode.BadOption, "the lab needs at least one validator's stake"));
  const validators: LabValidator[] = [];
  const [first, ...rest] = stakes as [bigint, ...bigint[]];
  if (sybil <= 1) validators.push({ name: "v1", key: keyOf("v1"), stake: first, group: 0 });
  else {
    const part = first / BigInt(sybil);
    if (part === 0n)
      return fail(
        new PosError(
          ErrorCode.BadOption,
          `--sybil ${sybil} would split v1's stake of ${first} into identities of less than one token: ` +
            `give --sybil at most ${first}, or a larger first stake`,
        ),
      );
    for (let i = 1; i <= sybil; i++) {
      const name = `v1.${i}`;
      const stake = i === 1 ? part + (first % BigInt(sybil)) : part;
      validators.push({ name, key: keyOf(name), stake, group: 0 });
    }
  }
  rest.forEach((stake, i) => {
    const name = `v${i + 2}`;
    validators.push({ name, key: keyOf(name), stake, group: i + 1 });
  });
  return ok(validators);
}

/**
 * `count` stakes drawn uniformly from [low, high], reproducible from the lab's seed: the same
 * --seed gives the same validators, so a run can be repeated exactly.
 */
export function stakesInRange(low: bigint, high: bigint, count: number, seed: string): bigint[] {
  const span = high - low + 1n;
  // 256 random bits against a span of at most 10^18 (< 2^60): the modulo bias is below 2^-196.
  return Array.from(
    { length: count },
    (_, i) => low + (BigInt(`0x${sha256Hex(`pos-tui lab stake|${seed}|${i}`)}`) % span),
  );
}

/** Round `round`'s randomness in the lab: what a commit-reveal round's seed would be, from --seed. */
export function labSeed(seed: string, round: number): bigint {
  return BigInt(`0x${sha256Hex(`pos-tui lab round|${seed}|${round}`)}`);
}
