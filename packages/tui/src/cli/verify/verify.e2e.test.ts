import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BlockRecord } from "@pos-tui/core";
import { rewriteJson, startLyingProxy } from "@pos-tui/testkit/lying-proxy";
import { cleanupsPerTest } from "@pos-tui/testkit/per-test";
import { runCli, spawnServer, stopServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { beforeAll, describe, expect, it } from "vitest";
import { BotFleet } from "../../bots/fleet.js";
import { botSpecs } from "../../bots/specs.js";
import type { AuditReport } from "./audit-report.js";

const verify = (args: string[]) => runCli(TUI_BIN, ["verify", ...args]);
const cleanups = cleanupsPerTest();

const BLOCKS = 25;
let port = 0;
let records: BlockRecord[] = [];

// One real server (built CLI, port 0, a chain log on disk) that three bots give 25 blocks, then leave:
// rounds go on without blocks, so the chain stays put while each test audits it, directly or through
// a proxy that lies.
beforeAll(async () => {
  const data = await mkdtemp(join(tmpdir(), "pos-tui-verify-"));
  const server = await spawnServer(["--data", data, "--round", "50ms", "--log-level", "warn"]);
  port = server.port;
  const fleet = new BotFleet({
    host: "127.0.0.1",
    port,
    bots: botSpecs(["ann", "bob", "cy"], [10n, 30n, 60n]),
    rounds: BLOCKS,
  });
  await fleet.connect();
  fleet.start();
  await fleet.finished;
  await fleet.close();
  const log = await readFile(join(data, "chain.ndjson"), "utf8");
  records = log
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as BlockRecord);
  return async () => {
    await stopServer(server);
    await rm(data, { recursive: true, force: true });
  };
}, 60_000);

/** A proxy in front of the server whose `chain` answers carry block `index` with another BPM. */
async function bpmLiar(index: number): Promise<number> {
  const proxy = await startLyingProxy({
    port,
    rewrite: rewriteJson((message, { direction }) => {
      if (direction !== "toClient" || message.type !== "chain") return message;
      const blocks = message.blocks as { Index: number; BPM: number }[];
      for (const block of blocks)
        if (block.Index === index) block.BPM = block.BPM === 300 ? 299 : block.BPM + 1;
      return message;
    }),
  });
  cleanups.push(() => proxy.close());
  return proxy.port;
}

describe("pos-tui verify against a real pos-server", { timeout: 60_000 }, () => {
  it("passes a clean chain: exit 0, the counts exact", async () => {
    expect(records).toHaveLength(BLOCKS + 1);
    const run = await verify([`127.0.0.1:${port}`, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as AuditReport;
    const tip = records.at(-1)!;
    const lastRound = tip.proof!.round;
    expect(report).toEqual({
      ok: true,
      server: `127.0.0.1:${port}`,
      tip: { index: BLOCKS, hash: tip.block.Hash },
      blocks: BLOCKS + 1,
      candidates: records.reduce((sum, r) => sum + (r.proof?.candidates.length ?? 0), 0),
      rounds: lastRound,
      emptyRounds: lastRound - BLOCKS,
      checks: ["hash", "signature", "index", "link", "time", "reveal", "ticket", "range"],
      ms: expect.any(Number),
      failure: null,
    });
    // Not a terminal: one progress line per 10% on stderr.
    const progress = run.stderr.trim().split("\n");
    expect(progress.map((line) => /^verify: (\d+)%/.exec(line)?.[1])).toEqual([
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
    expect(progress.at(-1)).toMatch(
      new RegExp(`^verify: 100% \\(26 of 26 blocks, ${report.candidates} candidates\\)$`),
    );
  });

  it("prints a summary for people, and --no-progress keeps stderr quiet", async () => {
    const run = await verify([`127.0.0.1:${port}`, "--no-progress"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe(`127.0.0.1:${port}: every block verified`);
    expect(lines[1]).toBe(
      `  chain        blocks 0..${BLOCKS} (tip ${records.at(-1)!.block.Hash.slice(0, 16)}...)`,
    );
    expect(lines[2]).toBe(
      "  checked      26 blocks passed every check: hash, signature, index, link, time, reveal, ticket, range",
    );
    expect(lines[3]).toMatch(
      /^ {2}draws {8}\d+ candidates replayed in rounds 1\.\.\d+ \(\d+ without a block\)$/,
    );
    expect(lines[4]).toMatch(/^ {2}took {9}\d+\.\d\d s \(\d+ blocks\/s\)$/);
  });

  it("catches a block whose BPM a proxy changed: exit 1, naming the block and the hash check", async () => {
    const liar = await bpmLiar(9);
    const run = await verify([`127.0.0.1:${liar}`, "--no-progress"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`127.0.0.1:${liar}: FAILED at block 9 (hash)`);
    expect(run.stderr).toMatch(/error: block 9 fails the hash check: Hash does not match the block's fields/);
    expect(run.stderr).toContain("blocks 0..8 passed");
    const json = await verify([`127.0.0.1:${liar}`, "--json", "--no-progress"]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as AuditReport;
    expect(report).toMatchObject({ ok: false, blocks: 9, failure: { index: 9, check: "hash" } });
  });

  it("catches a proof whose reveal a proxy replaced", async () => {
    const proxy = await startLyingProxy({
      port,
      rewrite: rewriteJson((message) =>
        message.type === "proof" && message.blockIndex === 4
          ? { ...message, reveal: "ab".repeat(32) }
          : message,
      ),
    });
    cleanups.push(() => proxy.close());
    const run = await verify([`127.0.0.1:${proxy.port}`, "--json", "--no-progress"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ blocks: 4, failure: { index: 4, check: "reveal" } });
  });

  it("a page answered with an error fails on history; the server's words reach the terminal cleaned", async () => {
    const proxy = await startLyingProxy({
      port,
      rewrite: rewriteJson((message, { direction }) =>
        direction === "toClient" && message.type === "chain"
          ? { type: "error", code: "BUSY", message: "come back \u001b[2J\u001b]0;pwned\u0007later" }
          : message,
      ),
    });
    cleanups.push(() => proxy.close());
    const run = await verify([`127.0.0.1:${proxy.port}`, "--no-progress"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: block 0 fails the history check: asked for blocks 0..");
    expect(run.stderr).toContain("BUSY: come back");
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("exits 2 when the server is gone or the connection drops mid-audit", async () => {
    const gone = await verify(["127.0.0.1:1", "--no-progress"]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/^error: could not reach 127\.0\.0\.1:1: connection refused/);

    const proxy = await startLyingProxy({
      port,
      rewrite: (line) => {
        // The first proof answer never arrives: the connection is cut instead.
        if (line.startsWith('{"type":"proof"')) {
          setImmediate(() => proxy.dropClients());
          return null;
        }
        return line;
      },
    });
    cleanups.push(() => proxy.close());
    const run = await verify([`127.0.0.1:${proxy.port}`, "--no-progress"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`^error: the audit of 127\\.0\\.0\\.1:${proxy.port} did not finish: `),
    );
    expect(run.stdout).toBe("");
  });
});
