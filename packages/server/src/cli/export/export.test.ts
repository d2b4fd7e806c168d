import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildChain } from "@pos-tui/testkit/chain";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { SERVER_BIN, type SpawnedServer, spawnServer } from "@pos-tui/testkit/spawn-server";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { BALANCE_PROMPT, BPM_PROMPT } from "../../net/text-session.js";
import { encodeRecord } from "../../store/log-format.js";

const run = promisify(execFile);
const BLOCKS = 3;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function student(port: number, name: string, stake: string): Promise<LineClient> {
  const client = await LineClient.open(port);
  cleanups.push(() => client.close());
  await client.nextStartingWith(BALANCE_PROMPT);
  client.send(`name ${name}\n${stake}\n`);
  await client.nextStartingWith("welcome, validator");
  await client.nextStartingWith(BPM_PROMPT);
  return client;
}

/** A running server whose log holds genesis and BLOCKS blocks by two named nc students. */
async function classChain(): Promise<{ dir: string; server: SpawnedServer }> {
  const dir = await mkdtemp(join(tmpdir(), "pos-export-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const server = await spawnServer(["--data", dir, "--round", "500ms"]);
  cleanups.push(async () => {
    server.child.kill("SIGTERM");
    await server.exited;
  });
  // Peer-supplied names a spreadsheet could misread: a formula, and a comma with a quote.
  const students = [
    await student(server.port, "=HYPERLINK(1)", "10"),
    await student(server.port, 'bo,"b', "30"),
  ];
  // Both submit just after a round opens, so both are candidates in the same round, every time.
  const watcher = await JsonClient.watcher(server.port);
  cleanups.push(() => watcher.close());
  await watcher.expect("round", 5000);
  for (let block = 1; block <= BLOCKS; block++) {
    for (const s of students) s.send("70\n");
    for (const s of students) {
      await s.next((l) => l.startsWith("winning validator: ") && l.includes(`(block ${block},`), 5000);
    }
  }
  return { dir, server };
}

async function exportRun(args: string[]) {
  return run(process.execPath, [SERVER_BIN, "export", ...args]);
}

describe("pos-server export", () => {
  it("while the server runs: one CSV row per block, as many as verify counts, names safe for a spreadsheet", async () => {
    const { dir } = await classChain();
    const verify = JSON.parse(
      (await run(process.execPath, [SERVER_BIN, "verify", "--data", dir, "--json"])).stdout,
    );
    const { stdout } = await exportRun(["--data", dir]);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(verify.blocks);
    expect(rows).toHaveLength(BLOCKS + 1);
    expect(Object.keys(rows[0]!)).toEqual([
      "index",
      "time",
      "round",
      "winner",
      "winner_name",
      "bpm",
      "winner_stake",
      "total_stake",
      "candidates",
      "rule",
      "ticket",
      "range_start",
      "range_end",
      "hash",
    ]);
    expect(rows[0]).toMatchObject({ index: "0", round: "", winner: "", bpm: "0" });
    expect(rows.at(-1)!.hash).toBe(verify.tip.hash);
    for (const [i, row] of rows.slice(1).entries()) {
      expect(row.index).toBe(String(i + 1));
      expect(row.winner).toMatch(/^[0-9a-f]{64}$/);
      expect(row.bpm).toBe("70");
      expect(row.total_stake).toBe("40");
      expect(row.candidates).toBe("2");
      expect(row.rule).toBe("lottery");
      expect(["'=HYPERLINK(1)", 'bo,"b']).toContain(row.winner_name);
      expect(row.winner_stake).toBe(row.winner_name === 'bo,"b' ? "30" : "10");
      const [ticket, start, end] = [row.ticket, row.range_start, row.range_end].map((v) => BigInt(v ?? ""));
      expect(ticket! >= start! && ticket! < end!).toBe(true);
    }
    // The formula is text in the file, never a bare cell starting with =.
    expect(stdout).not.toMatch(/(^|,)=/m);
  });

  it("--validators: one row per validator with wins and expected wins, in CSV and JSON", async () => {
    const { dir } = await classChain();
    const csv = parse((await exportRun(["--data", dir, "--validators"])).stdout, { columns: true }) as Array<
      Record<string, string>
    >;
    expect(csv.map((r) => r.name).sort()).toEqual(["'=HYPERLINK(1)", 'bo,"b']);
    expect(Object.keys(csv[0]!)).toEqual([
      "validator",
      "name",
      "stake",
      "rounds",
      "wins",
      "expected_wins",
      "stake_share",
      "win_share",
    ]);

    const out = join(dir, "validators.json");
    const { stderr } = await exportRun(["--data", dir, "--validators", "--format", "json", "--out", out]);
    expect(stderr).toMatch(/wrote 2 validator rows/);
    await expect(exportRun(["--data", dir, "--out", join(dir, "chain.ndjson")])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/is the chain log itself/),
    });
    const rows = JSON.parse(await readFile(out, "utf8")) as Array<Record<string, number | string>>;
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('bo,"b')).toMatchObject({
      stake: "30",
      rounds: BLOCKS,
      expected_wins: 2.25,
      stake_share: 0.75,
    });
    expect(byName.get("=HYPERLINK(1)")).toMatchObject({ stake: "10", rounds: BLOCKS, expected_wins: 0.75 });
    expect(rows.reduce((sum, r) => sum + Number(r.wins), 0)).toBe(BLOCKS);
    expect(rows.reduce((sum, r) => sum + Number(r.win_share), 0)).toBeCloseTo(1);
  });

  it("a bad record stops the rows before it, with exit 1 and the block named", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pos-export-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const lines = buildChain(7).map(encodeRecord);
    lines[5] = Buffer.from(lines[5]!.toString("utf8").replace(/"BPM":\d+/, '"BPM":299'));
    await writeFile(join(dir, "chain.ndjson"), Buffer.concat(lines));
    const failed = await exportRun(["--data", dir]).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/block 5 at byte offset \d+ is bad: .*blocks 0\.\.4 only/);
    expect(parse(failed!.stdout, { columns: true })).toHaveLength(5);
  });

  it("refuses a missing log with the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pos-export-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await expect(exportRun(["--data", dir])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/there is no chain log at .*chain\.ndjson/),
    });
  });
});
