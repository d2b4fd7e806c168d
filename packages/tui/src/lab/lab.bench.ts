import { createRule, type RuleName } from "@pos-tui/core";
import { type Bench, type BenchRow, median } from "../../../../scripts/bench-kit.js";
import { heapProbe } from "./heap-probe.js";
import { labValidators } from "./lab-validators.js";
import { runRule } from "./run-rule.js";

// The lab as people run it: 100,000 rounds of stakes 10, 30 and 60 per rule (seeds, foresight and
// tallies included), then what the pool and the lottery keep in memory at a total stake of 10^7.
const ROUNDS = 100_000;
const RUNS = 3;
const RULES: RuleName[] = ["lottery", "round-robin", "pool"];
const MB = 1024 * 1024;

function validators(stakes: bigint[]) {
  const made = labValidators(stakes, 1);
  if (!made.ok) throw made.error;
  return made.value;
}

const bench: Bench = {
  title: "Proposer-rule lab: rounds per second per rule, pool vs lottery memory",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const probe = heapProbe();
    const three = validators([10n, 30n, 60n]);
    for (const name of RULES) {
      const rates: number[] = [];
      const picks: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const result = runRule(
          () => createRule(name),
          three,
          { rounds: ROUNDS, seed: `bench ${run}`, reward: 0n },
          probe,
        );
        rates.push(ROUNDS / ((performance.now() - start) / 1000));
        picks.push(result.microsPerDraw);
      }
      const rate = median(rates);
      console.log(
        `${name}: ${Math.round(rate)} rounds/s, pick alone ${median(picks).toFixed(2)} µs, ${RUNS} runs`,
      );
      rows.push({
        name: `lab rounds/s, ${name}, 3 validators`,
        median: `${Math.round(rate).toLocaleString("en-US")}/s (pick ${median(picks).toFixed(2)} µs)`,
        target: ">= 20,000/s (100k rounds < 5 s)",
        met: rate >= 20_000,
      });
    }

    // Ten validators of 10^6 tokens: the largest total the pool accepts.
    const big = validators(Array.from({ length: 10 }, () => 1_000_000n));
    const memory = (name: RuleName) =>
      runRule(() => createRule(name), big, { rounds: 200, seed: "bench memory", reward: 0n }, probe);
    const pool = memory("pool");
    const lottery = memory("lottery");
    console.log(
      `total stake 10^7: pool keeps ${(pool.memoryBytes / MB).toFixed(1)} MB, lottery ${(lottery.memoryBytes / 1024).toFixed(1)} KB; ` +
        `building the pool makes a pick average ${pool.microsPerDraw.toFixed(0)} µs over 200 rounds`,
    );
    rows.push({
      name: "memory kept at total stake 10^7, pool",
      median: `${(pool.memoryBytes / MB).toFixed(1)} MB (${(pool.memoryBytes / 1e7).toFixed(1)} B/token)`,
      target: "~8 B per token (one reference each)",
      met: pool.memoryBytes >= 7.5e7,
    });
    rows.push({
      name: "memory kept at total stake 10^7, lottery",
      median: `${(lottery.memoryBytes / 1024).toFixed(1)} KB`,
      target: "< 1 MB (follows validators, not tokens)",
      met: lottery.memoryBytes < MB,
    });
    return rows;
  },
};

export default bench;
