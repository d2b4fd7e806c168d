import { randomBytes, randomInt } from "node:crypto";
import { type Bench, type BenchRow, median, ms, timeRuns } from "../../../scripts/bench-kit.js";
import { toHex } from "./hex.js";
import { type Candidate, draw } from "./lottery.js";
import { MAX_STAKE } from "./parse.js";

const CANDIDATES = 100_000;
const RUNS = 9;
const WARMUP = 2;

const randomSeed = (): bigint => BigInt(`0x${toHex(randomBytes(32))}`);
const randomValidators = (n: number): string[] => Array.from({ length: n }, () => toHex(randomBytes(32)));
/** Uniform enough for a benchmark: 64 random bits folded onto 1..max. */
const randomStake = (max: bigint): bigint => (BigInt(`0x${toHex(randomBytes(8))}`) % max) + 1n;

const withStakes = (validators: readonly string[], max: bigint): Candidate[] =>
  validators.map((validator) => ({ validator, stake: randomStake(max) }));

/**
 * Times several functions in the same runs, alternating them so that drift (GC, CPU frequency) hits
 * them alike. Returns the median milliseconds of each.
 */
async function sideBySide(runs: number, fns: readonly (() => unknown)[]): Promise<number[]> {
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < WARMUP; i++) for (const fn of fns) fn();
  for (let run = 0; run < runs; run++) {
    // Alternate who goes first, so neither always pays for the other's garbage.
    const order = run % 2 ? [...fns.keys()].reverse() : [...fns.keys()];
    for (const k of order) times[k]!.push(...(await timeRuns(1, fns[k]!)));
  }
  return times.map(median);
}

const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** The tutorial's lottery: one pool entry per staked token, then a random index into the pool. */
function poolDraw(candidates: readonly { validator: string; stake: number }[]): string {
  const pool: string[] = [];
  for (const { validator, stake } of candidates) for (let t = 0; t < stake; t++) pool.push(validator);
  return pool[randomInt(pool.length)]!;
}

const bench: Bench = {
  title: "Lottery draw (range search over sorted stakes vs one-entry-per-token pool)",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const validators = randomValidators(CANDIDATES);

    // (a) One draw among 100,000 candidates with stakes up to 10^18.
    const huge = withStakes(validators, MAX_STAKE);
    const cpuTimes: number[] = [];
    const [hugeMs] = await sideBySide(RUNS, [
      () => {
        const before = process.cpuUsage();
        draw(huge, randomSeed());
        const used = process.cpuUsage(before);
        cpuTimes.push((used.user + used.system) / 1000);
      },
    ]);
    // CPU time next to wall time tells a slow draw from a busy machine.
    console.log(
      `draw among ${CANDIDATES} candidates, stakes up to 10^18: median ${ms(hugeMs!)} wall, ` +
        `${ms(median(cpuTimes))} CPU (process, incl. GC threads), ${RUNS} runs`,
    );
    rows.push({
      name: "draw, 100k candidates, stakes <= 10^18",
      median: ms(hugeMs!),
      target: "< 100 ms",
      met: hugeMs! < 100,
    });

    // (b) Same validators, tiny stakes vs huge stakes, timed in the same runs: cost must not follow stake.
    const tiny = withStakes(validators, 10n);
    const [tinyMs, bigMs] = await sideBySide(RUNS, [
      () => draw(tiny, randomSeed()),
      () => draw(huge, randomSeed()),
    ]);
    const stakeRatio = bigMs! / tinyMs!;
    console.log(
      `same 100k draw, stakes 1..10: ${ms(tinyMs!)}, stakes up to 10^18: ${ms(bigMs!)}, ratio ${ratio(stakeRatio)}`,
    );
    rows.push({
      name: "draw 100k, time(stakes <= 10^18) / time(stakes 1..10)",
      median: `${ratio(stakeRatio)} (${ms(bigMs!)} / ${ms(tinyMs!)})`,
      target: "0.5x .. 2x",
      met: stakeRatio >= 0.5 && stakeRatio <= 2,
    });

    // (c) The tutorial's pool against ours on 1,000 validators x 1,000 tokens (a million pool entries).
    const small = randomValidators(1_000);
    const ours: Candidate[] = small.map((validator) => ({ validator, stake: 1_000n }));
    const tutorial = small.map((validator) => ({ validator, stake: 1_000 }));
    const [poolMs, drawMs] = await sideBySide(RUNS, [
      () => poolDraw(tutorial),
      () => draw(ours, randomSeed()),
    ]);
    const poolRatio = poolMs! / drawMs!;
    console.log(
      `1,000 validators x 1,000 tokens: pool ${ms(poolMs!)}, range draw ${ms(drawMs!)}, pool / draw = ${ratio(poolRatio)}`,
    );
    rows.push({
      name: "1k x 1k tokens: time(tutorial pool) / time(draw)",
      median: `${ratio(poolRatio)} (${ms(poolMs!)} / ${ms(drawMs!)})`,
      target: "> 1x (draw faster)",
      met: poolRatio > 1,
    });

    return rows;
  },
};

export default bench;
