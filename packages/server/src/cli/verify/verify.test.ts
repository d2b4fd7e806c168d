import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildChain } from "@pos-tui/testkit/chain";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { runCli, SERVER_BIN } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";
import { encodeRecord, LOG_FILE } from "../../store/log-format.js";
import { verifyLog } from "../../store/verify.js";

const cleanups = cleanupsPerTest();

/** A data directory whose log holds genesis and `blocks` good blocks; `tamper` edits record i first. */
async function logDir(blocks: number, tamper?: { index: number; bpm: number }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pos-verify-progress-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const records = buildChain(blocks);
  if (tamper) records[tamper.index]!.block.BPM = tamper.bpm;
  await writeFile(join(dir, LOG_FILE), Buffer.concat(records.map(encodeRecord)));
  return dir;
}

const progressLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("verify: "));

describe("pos-server verify progress", () => {
  it("reports bytes and blocks after each record, then the whole log", async () => {
    const dir = await logDir(20);
    const seen: [number, number][] = [];
    const report = await verifyLog(join(dir, LOG_FILE), { onProgress: (bytes, n) => seen.push([bytes, n]) });
    expect(report.ok).toBe(true);
    const size = (await stat(join(dir, LOG_FILE))).size;
    expect(seen).toHaveLength(22);
    expect(seen.map(([, n]) => n)).toEqual([...Array.from({ length: 21 }, (_, i) => i + 1), 21]);
    expect(seen.at(-1)).toEqual([size, 21]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
  });

  it("off a terminal, with --progress: one line per 10% on stderr, stdout unchanged", async () => {
    const dir = await logDir(40);
    const run = await runCli(SERVER_BIN, ["verify", "--data", dir, "--progress"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = progressLines(run.stderr);
    expect(lines.map((line) => /^verify: (\d+)%/.exec(line)![1])).toEqual([
      "10",
      "20",
      "30",
      "40",
      "50",
      "60",
      "70",
      "80",
      "90",
      "100",
    ]);
    expect(lines.at(-1)).toMatch(/^verify: 100% \(41 blocks, (\d+) of \1 KiB\)$/);
    expect(run.stdout).toMatch(/: valid\n/);
    expect(run.stdout).not.toContain("verify: ");
  });

  it("a short log shows no progress by default, and --no-progress never does", async () => {
    const dir = await logDir(40);
    const quiet = await runCli(SERVER_BIN, ["verify", "--data", dir]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    const json = await runCli(SERVER_BIN, ["verify", "--data", dir, "--json", "--no-progress"]);
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout).blocks).toBe(41);
  });

  it("stops the lines at the bad record, which is still named", async () => {
    const dir = await logDir(40, { index: 30, bpm: 61 });
    const run = await runCli(SERVER_BIN, ["verify", "--data", dir, "--progress"]);
    expect(run.code).toBe(1);
    const tenths = progressLines(run.stderr).map((line) => Number(/^verify: (\d+)%/.exec(line)![1]));
    expect(tenths.length).toBeGreaterThan(0);
    expect(Math.max(...tenths)).toBeLessThan(100);
    expect(run.stderr).toMatch(/error: block 30 at byte offset \d+ is bad: .*\[BAD_HASH\]/);
  });
});
