import { mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { pino } from "pino";
import { type Bench, median, ms, percentile } from "../../../../scripts/bench-kit.js";
import { FileStore } from "./file-store.js";
import { encodeRecord } from "./log-format.js";

const BLOCKS = 300;

/**
 * What one durable block costs: the log's write + fdatasync alone (the floor), against
 * FileStore.append, which also checks the record and rewrites the fsynced tip marker.
 */
const bench: Bench = {
  title: `durable append: ${BLOCKS} blocks, log only vs log + tip marker`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "pos-append-bench-"));
    try {
      const records = buildChain(BLOCKS - 1, { keys: fixtureKeys(5, "append-bench"), candidatesPerRound: 3 });
      const raw: number[] = [];
      const handle = await open(join(dir, "raw.ndjson"), "a");
      for (const record of records) {
        const bytes = encodeRecord(record);
        const start = performance.now();
        await handle.write(bytes, 0, bytes.length);
        await handle.datasync();
        raw.push(performance.now() - start);
      }
      await handle.close();
      const store = await FileStore.open({
        dir: join(dir, "data"),
        repair: false,
        logger: pino({ level: "silent" }),
      });
      const full: number[] = [];
      for (const record of records) {
        const start = performance.now();
        await store.append(record);
        full.push(performance.now() - start);
      }
      await store.close();
      console.log(
        `log write+fdatasync: median ${ms(median(raw))}, p95 ${ms(percentile(raw, 95))}; ` +
          `FileStore.append (log + tip marker): median ${ms(median(full))}, p95 ${ms(percentile(full, 95))}`,
      );
      return [
        { name: "append: log write + fdatasync (floor)", median: ms(median(raw)), target: "-", met: true },
        {
          name: "append: log + tip marker (FileStore)",
          median: ms(median(full)),
          target: "< 50 ms (a 50 ms round)",
          met: median(full) < 50,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
