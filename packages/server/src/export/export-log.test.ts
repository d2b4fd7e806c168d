import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { BlockRecord } from "@pos-tui/core";
import { buildChain } from "@pos-tui/testkit/chain";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { encodeRecord } from "../store/log-format.js";
import { type ExportRequest, exportLog } from "./export-log.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function logOf(records: BlockRecord[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pos-export-log-"));
  dirs.push(dir);
  const path = join(dir, "chain.ndjson");
  await writeFile(path, Buffer.concat(records.map(encodeRecord)));
  return path;
}

async function exported(logPath: string, options: Partial<ExportRequest> = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const result = await exportLog({ logPath, format: "csv", validators: false, out, ...options });
  return { ...result, text: Buffer.concat(chunks).toString("utf8") };
}

describe("exportLog", () => {
  it("one block row per record with the lottery's figures", async () => {
    const records = buildChain(29);
    const { text, rows, scan } = await exported(await logOf(records));
    expect(rows).toBe(30);
    expect(scan.bad).toBeNull();
    const parsed = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(parsed).toHaveLength(30);
    for (const [i, row] of parsed.entries()) {
      const { block, proof } = records[i]!;
      expect(row.hash).toBe(block.Hash);
      expect(row.round).toBe(proof ? String(proof.round) : "");
      expect(row.total_stake).toBe(proof?.total ?? "");
      expect(row.candidates).toBe(proof ? String(proof.candidates.length) : "");
      const winner = proof?.candidates.find((c) => c.validator === block.Validator);
      expect(row.winner_stake).toBe(winner?.stake ?? "");
      expect(row.winner_name).toBe(winner?.name ?? "");
    }
  });

  it("validator rows: wins and expected wins add up over the rounds each took part in", async () => {
    const records = buildChain(39);
    const { text } = await exported(await logOf(records), { validators: true, format: "json" });
    const rows = JSON.parse(text) as Array<{
      validator: string;
      wins: number;
      expected_wins: number;
      rounds: number;
    }>;
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      let expected = 0;
      let wins = 0;
      let rounds = 0;
      for (const { block, proof } of records) {
        const mine = proof?.candidates.find((c) => c.validator === row.validator);
        if (!proof || !mine) continue;
        rounds++;
        expected += Number(mine.stake) / Number(proof.total);
        if (block.Validator === row.validator) wins++;
      }
      expect(row).toMatchObject({ wins, rounds });
      expect(row.expected_wins).toBeCloseTo(expected, 3);
    }
    expect(rows.reduce((sum, r) => sum + r.expected_wins, 0)).toBeCloseTo(39, 2);
  });

  it("stops at a bad record and leaves out a torn tail, saying so in the result", async () => {
    const records = buildChain(9);
    const path = await logOf(records);
    await appendFile(path, '{"crc32":"0000');
    const torn = await exported(path);
    expect(torn.rows).toBe(10);
    const whole = Buffer.concat(records.map(encodeRecord)).length;
    expect(torn.scan.torn).toEqual({
      offset: whole,
      bytes: '{"crc32":"0000'.length,
      reason: "the last record has no newline: its write never finished",
    });

    const damaged = records.map(encodeRecord);
    damaged[6] = Buffer.from(damaged[6]!.toString("utf8").replace(/"BPM":\d+/, '"BPM":299'));
    await writeFile(path, Buffer.concat(damaged));
    const bad = await exported(path);
    expect(bad.scan.bad?.index).toBe(6);
    expect(bad.rows).toBe(6);
    expect(parse(bad.text, { columns: true })).toHaveLength(6);
  });
});
