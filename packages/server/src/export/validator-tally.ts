import type { BlockRecord } from "@pos-tui/core";
import { cleanName } from "./block-row.js";

/** One validator over the whole log. */
export interface ValidatorRow {
  validator: string;
  name: string | null;
  /** The stake it held in the last round it took part in. */
  stake: string;
  /** Rounds it was a candidate in. */
  rounds: number;
  wins: number;
  /** Sum over those rounds of stake / total: what a fair lottery gives on average. */
  expected_wins: number;
  /** Its stake over the sum of every validator's stake. */
  stake_share: number;
  /** Its wins over all blocks with a lottery. */
  win_share: number;
}

export const VALIDATOR_COLUMNS: ReadonlyArray<keyof ValidatorRow> = [
  "validator",
  "name",
  "stake",
  "rounds",
  "wins",
  "expected_wins",
  "stake_share",
  "win_share",
];

interface Tally {
  name: string | null;
  stake: bigint;
  rounds: number;
  wins: number;
  expected: number;
}

/** Adds up each validator's rounds, wins and expected wins, one record at a time. */
export class ValidatorTally {
  private readonly byKey = new Map<string, Tally>();
  private blocks = 0;

  add({ block, proof }: BlockRecord): void {
    if (proof === null) return;
    this.blocks++;
    const total = Number(proof.total);
    for (const c of proof.candidates) {
      let tally = this.byKey.get(c.validator);
      if (!tally) {
        tally = { name: null, stake: 0n, rounds: 0, wins: 0, expected: 0 };
        this.byKey.set(c.validator, tally);
      }
      tally.name = c.name ?? tally.name;
      tally.stake = BigInt(c.stake);
      tally.rounds++;
      tally.expected += Number(c.stake) / total;
      if (c.validator === block.Validator) tally.wins++;
    }
  }

  /** Most wins first, then the larger stake, then the key, so the order never depends on the log's. */
  rows(): ValidatorRow[] {
    let stakes = 0n;
    for (const t of this.byKey.values()) stakes += t.stake;
    return [...this.byKey.entries()]
      .map(([validator, t]) => ({
        validator,
        name: cleanName(t.name),
        stake: t.stake.toString(),
        rounds: t.rounds,
        wins: t.wins,
        expected_wins: round(t.expected, 4),
        stake_share: stakes === 0n ? 0 : round(Number(t.stake) / Number(stakes), 6),
        win_share: this.blocks === 0 ? 0 : round(t.wins / this.blocks, 6),
      }))
      .sort(
        (a, b) =>
          b.wins - a.wins ||
          (BigInt(b.stake) > BigInt(a.stake) ? 1 : BigInt(b.stake) < BigInt(a.stake) ? -1 : 0) ||
          (a.validator < b.validator ? -1 : 1),
      );
  }
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
