import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlockRecord } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { pino } from "pino";
import { type Bench, median, timeRuns } from "../../../../scripts/bench-kit.js";
import { FileStore } from "./file-store.js";
import { encodeRecord, LOG_FILE } from "./log-format.js";
import { scanLog } from "./log-reader.js";
import { SignaturePool } from "./signature-pool.js";

const BLOCKS = 100_000;
const RUNS = 3;
const TARGET_RATIO = 0.7;

/** ed25519 verifications per second, nothing else: keys parsed once, bytes decoded up front. */
function rawVerifyRate(records: readonly BlockRecord[], count: number): number {
  const keys = new Map<string, ReturnType<typeof createPublicKey>>();
  const items = records.slice(1, count + 1).map(({ block }) => {
    let key = keys.get(block.Validator);
    if (!key) {
      key = createPublicKey({
        key: Buffer.concat([
          Buffer.from("302a300506032b6570032100", "hex"),
          Buffer.from(block.Validator, "hex"),
        ]),
        format: "der",
        type: "spki",
      });
      keys.set(block.Validator, key);
    }
    return { key, message: Buffer.from(block.Hash, "hex"), signature: Buffer.from(block.Signature, "hex") };
  });
  const start = performance.now();
  for (const item of items)
    if (!verify(null, item.message, item.key, item.signature))
      throw new Error("fixture signature does not verify");
  return (items.length * 1000) / (performance.now() - start);
}

const bench: Bench = {
  title: `chain log: load + verify ${BLOCKS.toLocaleString("en")} blocks vs raw ed25519 verify`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "pos-chain-bench-"));
    try {
      let started = performance.now();
      const records = buildChain(BLOCKS - 1, { keys: fixtureKeys(5, "bench"), candidatesPerRound: 3 });
      const parts: Buffer[] = records.map(encodeRecord);
      const bytes = Buffer.concat(parts);
      writeFileSync(join(dir, LOG_FILE), bytes);
      console.log(
        `built ${BLOCKS} signed blocks with lottery proofs (${(bytes.length / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const logger = pino({ level: "silent" });
      const rates: number[] = [];
      const loads: number[] = [];
      // Interleave the two measurements so a noisy neighbour hits both alike.
      for (let run = 0; run < RUNS; run++) {
        rates.push(rawVerifyRate(records, 20_000));
        const [ms] = await timeRuns(1, async () => {
          const store = await FileStore.open({ dir, repair: false, logger });
          const loaded = await store.load();
          await store.close();
          if (loaded.length !== BLOCKS) throw new Error(`loaded ${loaded.length} blocks, expected ${BLOCKS}`);
        });
        loads.push(ms!);
        console.log(
          `run ${run + 1}: raw verify ${Math.round(rates[run]!)}/s, load+verify ${(ms! / 1000).toFixed(2)} s = ${Math.round((BLOCKS * 1000) / ms!)} blocks/s`,
        );
      }
      // For reference: the same checks with every signature on this thread (one core).
      const oneRate = rawVerifyRate(records, 20_000);
      const [oneMs] = await timeRuns(1, async () => {
        const scan = await scanLog(join(dir, LOG_FILE), { parallel: false });
        if (scan.count !== BLOCKS) throw new Error(`scanned ${scan.count} blocks, expected ${BLOCKS}`);
      });
      const oneCore = (BLOCKS * 1000) / oneMs!;
      console.log(
        `one core: raw verify ${Math.round(oneRate)}/s, load+verify ${Math.round(oneCore)} blocks/s, ratio ${(oneCore / oneRate).toFixed(2)}`,
      );
      started = median(loads);
      const blocksPerSecond = (BLOCKS * 1000) / started;
      const raw = median(rates);
      const ratio = blocksPerSecond / raw;
      return [
        {
          name: "chain load+verify (100k blocks)",
          median: `${Math.round(blocksPerSecond)} blocks/s (${(started / 1000).toFixed(2)} s)`,
          target: "-",
          met: true,
        },
        {
          name: "raw crypto.verify (same run)",
          median: `${Math.round(raw)} verifies/s`,
          target: "-",
          met: true,
        },
        {
          name: `chain load / raw verify ratio (${SignaturePool.defaultSize()} workers)`,
          median: ratio.toFixed(2),
          target: `>= ${TARGET_RATIO}`,
          met: ratio >= TARGET_RATIO,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
