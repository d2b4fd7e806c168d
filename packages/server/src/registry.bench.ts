import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { candidateRounds } from "@pos-tui/testkit/chain";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { spawnServer } from "@pos-tui/testkit/spawn-server";
import { throwAwayKeys } from "@pos-tui/testkit/throw-away-keys";
import { pino } from "pino";
import { type Bench, type BenchRow, median, ms } from "../../../scripts/bench-kit.js";
import { FileStore } from "./store/file-store.js";

const KEYS = 10_000;

/** Connect -> welcome of a new watcher, five times: median time and the welcome's size. */
async function welcomeTimes(port: number): Promise<{ median: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const watcher = await JsonClient.watcher(port);
    times.push(performance.now() - start);
    bytes = Buffer.byteLength(watcher.client.lines.find((l) => l.startsWith('{"type":"welcome"'))!);
    watcher.close();
  }
  return { median: median(times), bytes };
}

function row(name: string, result: { median: number; bytes: number }): BenchRow {
  console.log(`${name}: ${ms(result.median)} median, welcome ${result.bytes} bytes`);
  return {
    name,
    median: `${ms(result.median)} (${(result.bytes / 1024).toFixed(1)} KiB)`,
    target: "< 1 s",
    met: result.median < 1000,
  };
}

const bench: Bench = {
  title: "pos-server: welcome after 10,000 throw-away keys",
  async run() {
    const rows: BenchRow[] = [];
    const memory = await spawnServer(["--memory", "--round", "10s", "--log-level", "info"]);
    try {
      const start = performance.now();
      await throwAwayKeys(memory.port, KEYS, 100);
      console.log(`${KEYS} keys said hello, were welcomed and left in ${ms(performance.now() - start)}`);
      rows.push(
        row(`new client's welcome after ${KEYS} throw-away keys (memory)`, await welcomeTimes(memory.port)),
      );
    } finally {
      memory.child.kill("SIGKILL");
    }

    // The same keys as candidates in stored proofs, then a restart on that data directory.
    const dir = await mkdtemp(join(tmpdir(), "pos-registry-bench-"));
    try {
      const store = await FileStore.open({ dir, repair: false, logger: pino({ level: "silent" }) });
      for (const record of candidateRounds(10, KEYS / 10)) await store.append(record);
      await store.close();
      const restarted = await spawnServer(["--data", dir, "--round", "10s", "--log-level", "info"], {
        timeoutMs: 60_000,
      });
      try {
        rows.push(
          row(
            `new client's welcome after a restart with ${KEYS} past candidates (data directory)`,
            await welcomeTimes(restarted.port),
          ),
        );
      } finally {
        restarted.child.kill("SIGKILL");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
export default bench;
