import { spawn } from "node:child_process";
import { procStats } from "@pos-tui/testkit/proc-stats";
import { spawnServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { type Bench, type BenchRow, median } from "../../../scripts/bench-kit.js";
import type { FairnessReport } from "./bots/fairness.js";

// 1,000 bots in one process against a server in another (both the built CLIs, as people run them),
// 1 s rounds, 60 rounds with a block. The bots' own report says how many blocks each one saw.
const BOTS = Number(process.env.BENCH_BOTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);

const bench: Bench = {
  title: `${BOTS} bots, 1 s rounds, ${ROUNDS} rounds`,
  async run(): Promise<BenchRow[]> {
    const server = await spawnServer(["--round", "1s", "--memory", "--max-clients", String(BOTS + 1000)]);
    try {
      const start = performance.now();
      const child = spawn(
        process.execPath,
        [
          TUI_BIN,
          "bots",
          `127.0.0.1:${server.port}`,
          "--count",
          String(BOTS),
          "--rounds",
          String(ROUNDS),
          "--stake-range",
          "1..1000",
          "--json",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      let connectedAt = Number.NaN;
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (Number.isNaN(connectedAt) && stderr.includes("submitting every round"))
          connectedAt = performance.now();
      });
      let peakRss = 0;
      let cpu = 0;
      const sampler = setInterval(() => {
        const stats = child.pid === undefined ? null : procStats(child.pid);
        if (stats) {
          peakRss = Math.max(peakRss, stats.rssMb);
          cpu = stats.cpuMs;
        }
      }, 250);
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      clearInterval(sampler);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) throw new Error(`pos-tui bots exited with ${code}:\n${stderr}`);
      const report = JSON.parse(stdout) as FairnessReport;
      const seen = report.validators.map((v) => v.blocksSeen);
      const missed = seen.filter((n) => n < report.blocks).length;
      const connectS = (connectedAt - start) / 1000;
      console.log(stderr.trim());
      console.log(
        `${report.validators.length} bots, ${report.blocks} blocks in ${seconds.toFixed(1)} s ` +
          `(joining took ${connectS.toFixed(1)} s); blocks seen per bot: min ${report.blocksSeen.min}, ` +
          `median ${median(seen)}, max ${report.blocksSeen.max}; bots that missed a block: ${missed}`,
      );
      console.log(
        `bots process: peak RSS ${peakRss.toFixed(0)} MB, CPU ${(cpu / 1000).toFixed(1)} s ` +
          `(${((cpu / 1000 / seconds) * 100).toFixed(0)}% of one core); verdict: ${report.verdict}`,
      );
      return [
        {
          name: `${BOTS} bots: blocks seen per bot (min/median/max)`,
          median: `${report.blocksSeen.min}/${median(seen)}/${report.blocksSeen.max} of ${report.blocks}`,
          target: `every bot sees all ${ROUNDS}`,
          met: report.blocks === ROUNDS && missed === 0,
        },
        {
          name: `${BOTS} bots: peak RSS of the bots process`,
          median: `${peakRss.toFixed(0)} MB`,
          target: "< 300 MB",
          met: peakRss < 300,
        },
        {
          name: `${BOTS} bots: time to join`,
          median: `${connectS.toFixed(1)} s`,
          target: "< 30 s",
          met: connectS < 30,
        },
      ];
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  },
};

export default bench;
