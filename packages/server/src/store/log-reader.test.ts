import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlockRecord } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { afterAll, describe, expect, it } from "vitest";
import { encodeRecord } from "./log-format.js";
import { scanLog } from "./log-reader.js";
import { verifyLog } from "./verify.js";

const dir = mkdtempSync(join(tmpdir(), "pos-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const chain = buildChain(699, { keys: fixtureKeys(3, "reader") });

function write(name: string, records: readonly BlockRecord[], tail: Uint8Array = Buffer.alloc(0)): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([...records.map(encodeRecord), tail]));
  return path;
}

async function scan(path: string, parallel: boolean) {
  const seen: number[] = [];
  const result = await scanLog(path, { parallel, onRecord: (r, i) => seen.push(r.block.Index - i) });
  return { ...result, first: null, last: result.last?.block.Index, seen };
}

describe("scanLog", () => {
  it("reads a log on one thread and with worker threads alike, in order", async () => {
    const path = write("good.ndjson", chain, encodeRecord(chain[5]!).subarray(0, 77));
    const one = await scan(path, false);
    const many = await scan(path, true);
    expect(one.count).toBe(chain.length);
    expect(one.seen.every((d) => d === 0)).toBe(true);
    expect(one.torn).toMatchObject({ bytes: 77 });
    expect(many).toEqual(one);
  });

  it.each([0, 1, 255, 256, 257, 500, 699])(
    "finds the same first bad signature (block %i) on one thread and in parallel",
    async (bad) => {
      const damaged = chain.map((r) => r);
      const sig = chain[bad]!.block.Signature;
      damaged[bad] = {
        ...chain[bad]!,
        block: {
          ...chain[bad]!.block,
          Signature: `${sig.slice(0, 10)}${sig[10] === "a" ? "b" : "a"}${sig.slice(11)}`,
        },
      };
      const path = write(`bad-${bad}.ndjson`, damaged);
      const one = await scan(path, false);
      const many = await scan(path, true);
      expect(one.bad?.index).toBe(bad);
      expect(one.bad?.code).toBe(bad === 0 ? "BAD_BLOCK" : "BAD_SIGNATURE");
      expect(one.count).toBe(bad);
      expect(many).toEqual(one);
    },
  );

  it("reports a later bad link after earlier good signatures, in parallel too", async () => {
    const damaged = [...chain.slice(0, 400), ...chain.slice(401)];
    const path = write("gap.ndjson", damaged);
    const one = await scan(path, false);
    expect(one.bad).toMatchObject({ index: 400, code: "BAD_INDEX" });
    expect(await scan(path, true)).toEqual(one);
  });

  it("a changed byte in the last, newline-terminated record is a bad record for verify, not a torn tail", async () => {
    const short = chain.slice(0, 5);
    const path = write("last-damaged.ndjson", short);
    const bytes = readFileSync(path);
    const lastStart = bytes.length - encodeRecord(short.at(-1)!).length;
    bytes[lastStart] = 0x78; // the line is no longer JSON at all
    writeFileSync(path, bytes);
    const report = await verifyLog(path);
    expect(report).toMatchObject({ ok: false, tornTail: null, blocks: 4 });
    expect(report.error).toMatchObject({ index: 4, offset: lastStart });
  });

  it("says a missing file does not exist", async () => {
    expect((await scanLog(join(dir, "nope.ndjson"))).exists).toBe(false);
  });
});
