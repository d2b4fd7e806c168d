import { sortCandidates } from "@pos-tui/core";

export interface RangeCandidate {
  validator: string;
  stake: bigint;
}

export interface RangeSegment {
  validator: string;
  stake: bigint;
  /** The candidate's range on [0, total): [start, end). */
  start: bigint;
  end: bigint;
  winner: boolean;
  /** Which of the alternating styles draws it (the winner has its own). */
  style: number;
}

export interface RangePicture {
  /** In draw order: the order the ranges are laid side by side. */
  segments: RangeSegment[];
  /** For each cell of the bar, the index of the segment it shows. */
  cells: number[];
  /** The cell under which the ticket's caret goes (always one of the winner's cells). */
  caret: number;
}

/**
 * The lottery as a picture: every candidate's range side by side on one bar of `width` cells, each as
 * wide as its stake, with the ticket's cell marked. A cell shows whoever owns the middle of the stretch
 * it covers, so a stake too small for a cell of its own may not show; the ticket's cell always shows
 * the winner.
 */
export function rangePicture(
  candidates: readonly RangeCandidate[],
  winner: string,
  ticket: bigint,
  width: number,
): RangePicture | null {
  const sorted = sortCandidates(candidates);
  const segments: RangeSegment[] = [];
  let total = 0n;
  for (const { validator, stake } of sorted) {
    const start = total;
    if (stake > 0n) total += stake;
    segments.push({ validator, stake, start, end: total, winner: validator === winner, style: 0 });
  }
  const cellsWide = Math.max(1, Math.floor(width));
  if (total === 0n) return null;
  const w = BigInt(cellsWide);
  const cells: number[] = [];
  let owner = 0;
  for (let c = 0n; c < w; c++) {
    const middle = ((2n * c + 1n) * total) / (2n * w);
    while (owner < segments.length - 1 && segments[owner]!.end <= middle) owner++;
    cells.push(owner);
  }
  const caret = Math.min(cellsWide - 1, Number(((ticket < 0n ? 0n : ticket) * w) / total));
  const winnerIndex = segments.findIndex((s) => s.winner);
  if (winnerIndex !== -1) cells[caret] = winnerIndex;
  // Alternate the styles in the order the segments appear, so two neighbours never look alike.
  let next = 0;
  const seen = new Set<number>();
  for (const index of cells) {
    if (seen.has(index) || segments[index]!.winner) continue;
    seen.add(index);
    segments[index]!.style = next++;
  }
  return { segments, cells, caret };
}
