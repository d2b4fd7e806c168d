/**
 * Win counts, streaks and droughts of one rule's run, fed one winner (by position) per round.
 * A drought is a run of rounds without a win, counted from the start and up to the end too.
 */
export class Tally {
  readonly wins: number[];
  /** Each validator's longest run of consecutive wins. */
  readonly longestStreak: number[];
  /** Each validator's longest run of rounds without a win (so far, including the current one). */
  private readonly longestGap: number[];
  /** The round after each validator's last win (0 before any). */
  private readonly since: number[];
  private rounds = 0;
  private last = -1;
  private streak = 0;

  constructor(validators: number) {
    this.wins = new Array<number>(validators).fill(0);
    this.longestStreak = new Array<number>(validators).fill(0);
    this.longestGap = new Array<number>(validators).fill(0);
    this.since = new Array<number>(validators).fill(0);
  }

  add(winner: number): void {
    const gap = this.rounds - this.since[winner]!;
    if (gap > this.longestGap[winner]!) this.longestGap[winner] = gap;
    this.since[winner] = this.rounds + 1;
    this.streak = winner === this.last ? this.streak + 1 : 1;
    this.last = winner;
    if (this.streak > this.longestStreak[winner]!) this.longestStreak[winner] = this.streak;
    this.wins[winner]!++;
    this.rounds++;
  }

  /** Each validator's longest drought, the one still running at the end included. */
  longestDrought(): number[] {
    return this.longestGap.map((gap, i) => Math.max(gap, this.rounds - this.since[i]!));
  }
}
