import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Block } from "@pos-tui/core";
import { runCli, SERVER_BIN, spawnServer } from "@pos-tui/testkit/spawn-server";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOG_FILE } from "./log-format.js";
import { scanLog } from "./log-reader.js";
import { verifyLog } from "./verify.js";

// End to end against the built CLI (run `npx tsc -b` first; `pnpm test` does).
const RUNS = Number(process.env.CRASH_RUNS ?? 30);

const startServer = (dir: string, extra: string[] = []) =>
  spawnServer(["--round", "50ms", "--data", dir, ...extra]);

/** A text client (the `nc` dialogue): stakes, then offers a BPM several times a round; keeps every block it is shown. */
function textClient(port: number, stake: number) {
  const received: Block[] = [];
  const socket: Socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  socket.write(`${stake}\n`);
  const timer = setInterval(() => socket.write(`${60 + Math.floor(Math.random() * 100)}\n`), 20);
  createInterface({ input: socket })
    .on("line", (line) => {
      if (line.startsWith('{"Index"')) received.push(JSON.parse(line) as Block);
    })
    .on("error", () => {}); // the server is killed under it: a reset is expected
  socket.once("close", () => clearInterval(timer));
  return {
    received,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

const serverCli = (args: string[]) => runCli(SERVER_BIN, args);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function chainOnDisk(dir: string): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  await scanLog(join(dir, LOG_FILE), { onRecord: ({ block }) => hashes.set(block.Index, block.Hash) });
  return hashes;
}

let dir: string;
beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url))))
    throw new Error("build first: npx tsc -b");
  dir = mkdtempSync(join(tmpdir(), "pos-crash-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pos-server with --data, end to end", () => {
  it(`survives ${RUNS} kill -9 at random moments: every restart works, verify passes, no announced block is lost`, async () => {
    const data = join(dir, "crash");
    const everReceived = new Map<number, string>();
    let tornTails = 0;
    let blocksSeen = 0;
    for (let run = 0; run < RUNS; run++) {
      const server = await startServer(data);
      const onDiskAtStart = await chainOnDisk(data);
      expect(server.tip, `run ${run}: the restart resumes from the stored tip`).toBe(onDiskAtStart.size - 1);
      if (server.logs.some((line) => line.includes('"msg":"cut a torn'))) tornTails++;
      const clients = [textClient(server.port, 100), textClient(server.port, 300)];
      await sleep(Math.random() * 500);
      server.child.kill("SIGKILL");
      await server.exited;
      for (const c of clients) c.stop();
      for (const c of clients) for (const b of c.received) everReceived.set(b.Index, b.Hash);
      blocksSeen += clients.reduce((n, c) => n + c.received.length, 0);

      // The log as the crash left it: verify passes (a torn tail is only a warning) ...
      const report = await verifyLog(join(data, LOG_FILE));
      expect(report.error, `run ${run}: ${JSON.stringify(report.error)}`).toBeNull();
      expect(report.ok).toBe(true);
      // ... and holds every block any client was shown, with the same hash.
      const onDisk = await chainOnDisk(data);
      for (const [index, hash] of everReceived)
        expect(onDisk.get(index), `run ${run}: block ${index} was announced, so it must be stored`).toBe(
          hash,
        );
      // The CLI verify too (not every run, to keep the loop short).
      if (run % 10 === 9) {
        const cli = await serverCli(["verify", "--data", data, "--json"]);
        expect(cli.code, cli.stderr).toBe(0);
        expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, blocks: onDisk.size });
      }
    }
    const final = await serverCli(["verify", "--data", data]);
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout).toContain("valid");
    console.log(
      `crash loop: ${RUNS} kills, ${everReceived.size} distinct blocks announced (${blocksSeen} deliveries), ` +
        `${(await chainOnDisk(data)).size} blocks stored, ${tornTails} torn tails cut on restart`,
    );
    expect(everReceived.size).toBeGreaterThan(RUNS);
  }, 150_000);

  it("graceful stop (SIGTERM) then start shows the same tip", async () => {
    const data = join(dir, "graceful");
    const server = await startServer(data);
    const client = textClient(server.port, 50);
    await waitFor(() => client.received.length >= 3, 10_000, "three blocks");
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
    client.stop();
    const stored = await chainOnDisk(data);
    const tipIndex = stored.size - 1;
    const lastAnnounced = client.received.at(-1)!;
    expect(stored.get(lastAnnounced.Index)).toBe(lastAnnounced.Hash);
    expect(existsSync(join(data, "LOCK")), "a clean stop releases the lock").toBe(false);

    const again = await startServer(data);
    expect(again.tip).toBe(tipIndex);
    const socket = connect(again.port, "127.0.0.1");
    const lines = createInterface({ input: socket }).on("error", () => {});
    socket.write("chain 1\n");
    const tip = await new Promise<Block>((resolve) =>
      lines.on("line", (line) => {
        if (line.startsWith("[")) resolve((JSON.parse(line) as Block[])[0]!);
      }),
    );
    expect(tip.Index).toBe(tipIndex);
    expect(tip.Hash).toBe(stored.get(tipIndex));
    socket.destroy();
    again.child.kill("SIGTERM");
    expect((await again.exited).code).toBe(0);
  });

  it("a second server on the same directory refuses to start and says why", async () => {
    const data = join(dir, "locked");
    const first = await startServer(data);
    const second = await serverCli(["--port", "0", "--data", data, "--log-format", "json"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by another pos-server (process ${first.child.pid}`);
    first.child.kill("SIGTERM");
    await first.exited;
  });

  it("a damaged log stops the start with the offset; --repair keeps the valid prefix and a backup", async () => {
    const data = join(dir, "damaged");
    const server = await startServer(data);
    const client = textClient(server.port, 10);
    await waitFor(() => client.received.length >= 4, 10_000, "four blocks");
    server.child.kill("SIGTERM");
    await server.exited;
    client.stop();
    const { readFileSync, writeFileSync, readdirSync } = await import("node:fs");
    const path = join(data, LOG_FILE);
    const bytes = readFileSync(path);
    // Damage block 2: its line starts after the first two newlines.
    const start = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
    bytes[start + 100] = bytes[start + 100]! ^ 0x04;
    writeFileSync(path, bytes);

    const refused = await serverCli(["--port", "0", "--data", data, "--log-format", "json"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`byte offset ${start} (block 2)`);
    expect(refused.stderr).toContain("--repair");
    const check = await serverCli(["verify", "--data", data, "--json"]);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).error).toMatchObject({ index: 2, offset: start });

    const repaired = await startServer(data, ["--repair"]);
    expect(repaired.tip).toBe(1);
    repaired.child.kill("SIGTERM");
    await repaired.exited;
    const backups = readdirSync(data).filter((f) => f.startsWith(`${LOG_FILE}.bak-`));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(data, backups[0]!)).equals(bytes)).toBe(true);
    expect((await serverCli(["verify", "--data", data])).code).toBe(0);
  });
});
