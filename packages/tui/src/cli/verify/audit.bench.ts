import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlockRecord } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { procStats } from "@pos-tui/testkit/proc-stats";
import { spawnServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import type { Bench, BenchRow } from "../../../../../scripts/bench-kit.js";
// The server's own log writer, so the bench's log is byte for byte what a server would have written.
import { encodeRecord, LOG_FILE } from "../../../../server/src/store/log-format.js";
import type { AuditReport } from "./audit-report.js";

// `pos-tui verify` (the built CLI) against a pos-server (the built CLI) that loaded a chain log of
// 10,000, then of 100,000 blocks with 3 candidates each: the auditor's peak memory must not follow
// the chain's length (it streams pages and proofs, keeping only the block before).
const LONG = Number(process.env.BENCH_AUDIT_BLOCKS ?? 100_000);
const SHORT = LONG / 10;

interface Audit {
  report: AuditReport;
  seconds: number;
  peakRssMb: number;
  cpuMs: number;
}

/** The chain log as the server's store writes it (log format 1: no stake ledger to build). */
function writeLog(dir: string, records: readonly BlockRecord[]): void {
  writeFileSync(join(dir, LOG_FILE), Buffer.concat(records.map(encodeRecord)));
}

async function audit(records: readonly BlockRecord[]): Promise<Audit> {
  const dir = mkdtempSync(join(tmpdir(), "pos-audit-bench-"));
  writeLog(dir, records);
  const server = await spawnServer(["--data", dir, "--round", "10s", "--log-level", "warn"], {
    timeoutMs: 300_000,
  });
  try {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      [TUI_BIN, "verify", `127.0.0.1:${server.port}`, "--json", "--no-progress"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let peakRssMb = 0;
    let cpuMs = 0;
    const sampler = setInterval(() => {
      const stats = child.pid === undefined ? null : procStats(child.pid);
      if (stats) {
        peakRssMb = Math.max(peakRssMb, stats.rssMb);
        cpuMs = stats.cpuMs;
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(sampler);
    if (code !== 0) throw new Error(`pos-tui verify exited with ${code}:\n${stderr}${stdout}`);
    const report = JSON.parse(stdout) as AuditReport;
    if (report.blocks !== records.length)
      throw new Error(`audited ${report.blocks} of ${records.length} blocks`);
    return { report, seconds: (performance.now() - start) / 1000, peakRssMb, cpuMs };
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = {
  title: `pos-tui verify: a live server's ${SHORT.toLocaleString("en")} and ${LONG.toLocaleString("en")}-block chains`,
  async run(): Promise<BenchRow[]> {
    const built = performance.now();
    const records = buildChain(LONG - 1, { keys: fixtureKeys(5, "audit-bench"), candidatesPerRound: 3 });
    console.log(`built ${LONG} signed blocks in ${((performance.now() - built) / 1000).toFixed(1)} s`);
    const short = await audit(records.slice(0, SHORT));
    const long = await audit(records);
    for (const [n, a] of [
      [SHORT, short],
      [LONG, long],
    ] as const)
      console.log(
        `${n} blocks: ${a.seconds.toFixed(1)} s (${Math.round(n / a.seconds)} blocks/s), ` +
          `${a.report.rounds} rounds asked, peak RSS ${a.peakRssMb.toFixed(0)} MB, CPU ${(a.cpuMs / 1000).toFixed(1)} s`,
      );
    const growth = long.peakRssMb - short.peakRssMb;
    return [
      {
        name: `verify ${LONG.toLocaleString("en")} blocks: audit rate`,
        median: `${Math.round(LONG / long.seconds)} blocks/s (${long.seconds.toFixed(1)} s)`,
        target: "-",
        met: true,
      },
      {
        name: `verify: peak RSS, ${SHORT.toLocaleString("en")} -> ${LONG.toLocaleString("en")} blocks`,
        median: `${short.peakRssMb.toFixed(0)} -> ${long.peakRssMb.toFixed(0)} MB`,
        target: "grows < 20 MB",
        met: growth < 20,
      },
    ];
  },
};

export default bench;
