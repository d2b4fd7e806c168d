import { describe, expect, it } from "vitest";
import { Tally } from "./tally.js";

const tallyOf = (validators: number, winners: readonly number[]) => {
  const tally = new Tally(validators);
  for (const w of winners) tally.add(w);
  return tally;
};

describe("Tally", () => {
  it("counts wins and the longest run of consecutive wins per validator", () => {
    const tally = tallyOf(3, [0, 0, 1, 0, 0, 0, 2, 1, 1]);
    expect(tally.wins).toEqual([5, 3, 1]);
    expect(tally.longestStreak).toEqual([3, 2, 1]);
  });

  it("counts droughts from the start, between wins and up to the end", () => {
    // 0 wins rounds 0 and 5 (gap 4), then 3 rounds to the end. 1 waits 1 round twice, 2 never wins.
    const tally = tallyOf(3, [0, 1, 1, 1, 1, 0, 1, 1, 1]);
    expect(tally.longestDrought()).toEqual([4, 1, 9]);
  });

  it("has no streaks and full-length droughts before any round", () => {
    const tally = new Tally(2);
    expect(tally.longestStreak).toEqual([0, 0]);
    expect(tally.longestDrought()).toEqual([0, 0]);
  });
});
