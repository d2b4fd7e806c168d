import type { ValidatorInfo } from "@pos-tui/core";
import { shortHex } from "@pos-tui/core";
import { cleanName } from "./names.js";

export interface StakeRow {
  validator: string;
  label: string;
  stake: bigint;
  /**
   * Chance to win the next round, 0..1: the stake's share among those who can win it (online, with a
   * stake). Null for an offline validator, who cannot.
   */
  expectedShare: number | null;
  wins: number;
  /** Share of all wins so far, 0..1 (0 before the first block). */
  winShare: number;
  online: boolean;
  mine: boolean;
}

function ratio(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}

const canWin = (v: ValidatorInfo) => v.online && BigInt(v.stake) > 0n;

/**
 * Online validators first, then offline ones; each group by stake, largest first (ties by key so the
 * order never jitters between frames).
 */
export function stakeRows(validators: ReadonlyMap<string, ValidatorInfo>, me: string | null): StakeRow[] {
  const all = [...validators.values()];
  const inDraw = all.filter(canWin).reduce((sum, v) => sum + BigInt(v.stake), 0n);
  const totalWins = all.reduce((sum, v) => sum + v.wins, 0);
  return all
    .map((v) => {
      const stake = BigInt(v.stake);
      return {
        validator: v.validator,
        label: cleanName(v.name) ?? shortHex(v.validator),
        stake,
        expectedShare: canWin(v) ? ratio(stake, inDraw) : null,
        wins: v.wins,
        winShare: totalWins === 0 ? 0 : v.wins / totalWins,
        online: v.online,
        mine: v.validator === me,
      };
    })
    .sort((a, b) => {
      if (a.online !== b.online) return a.online ? -1 : 1;
      if (a.stake !== b.stake) return a.stake > b.stake ? -1 : 1;
      return a.validator < b.validator ? -1 : 1;
    });
}
