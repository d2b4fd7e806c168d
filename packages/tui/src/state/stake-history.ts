import { type Concentration, concentration, type ValidatorInfo } from "@pos-tui/core";

/** The stakes as they stood once a block was the tip. */
export interface StakeSample {
  /** The tip's block index. */
  index: number;
  /** Gini of the online validators' stakes (the lottery's field). */
  gini: number;
  /** Each of the largest holders' share of all stake, 0..1; the rest are left out to keep it small. */
  shares: ReadonlyMap<string, number>;
}

/** Holders kept per sample: the chart draws fewer, and hostile joins must not grow the state. */
export const SAMPLE_HOLDERS = 16;

/** Concentration among those who can win the next round: online, with a stake. */
export function onlineConcentration(validators: ReadonlyMap<string, ValidatorInfo>): Concentration {
  const stakes: bigint[] = [];
  for (const v of validators.values()) if (v.online) stakes.push(BigInt(v.stake));
  return concentration(stakes);
}

function shareOf(part: bigint, whole: bigint): number {
  return whole === 0n ? 0 : Number((part * 1_000_000n) / whole) / 1_000_000;
}

function sample(index: number, validators: ReadonlyMap<string, ValidatorInfo>, gini: number): StakeSample {
  const held = [...validators.values()]
    .map((v) => ({ key: v.validator, stake: BigInt(v.stake) }))
    .filter((v) => v.stake > 0n);
  const total = held.reduce((sum, v) => sum + v.stake, 0n);
  held.sort((a, b) => (a.stake === b.stake ? (a.key < b.key ? -1 : 1) : a.stake > b.stake ? -1 : 1));
  const shares = new Map(held.slice(0, SAMPLE_HOLDERS).map((v) => [v.key, shareOf(v.stake, total)]));
  return { index, gini, shares };
}

/**
 * The history with the stakes now recorded against tip `index`: a new tip adds a sample, the same tip
 * replaces its own (a reward is announced just after its block, and belongs to it). At most `cap`.
 */
export function recordStakes(
  history: readonly StakeSample[],
  index: number,
  validators: ReadonlyMap<string, ValidatorInfo>,
  gini: number,
  cap: number,
): StakeSample[] {
  const next = sample(index, validators, gini);
  const last = history.at(-1);
  // A tip behind the last sample is another chain (a server started afresh): its past is not ours.
  if (last !== undefined && index < last.index) return [next];
  const kept = last?.index === index ? history.slice(0, -1) : history;
  const out = [...kept, next];
  return out.length > cap ? out.slice(out.length - cap) : out;
}
