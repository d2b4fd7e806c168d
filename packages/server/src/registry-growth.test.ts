import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_VALIDATORS_PAGE, OFFLINE_IN_WELCOME } from "@pos-tui/core";
import { buildChain, candidateRounds, fixtureKeys } from "@pos-tui/testkit/chain";
import { JsonClient } from "@pos-tui/testkit/line-client";
import { throwAwayKeys } from "@pos-tui/testkit/throw-away-keys";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryStore } from "./chain/store.js";
import { type RunningServer, startServer } from "./server.js";
import { FileStore } from "./store/file-store.js";

let server: RunningServer | undefined;
const open: JsonClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const silent = pino({ level: "silent" });

async function watcher(): Promise<{ client: JsonClient; bytes: number }> {
  const client = await JsonClient.watcher(server!.port);
  open.push(client);
  const line = client.client.lines.find((l) => l.startsWith('{"type":"welcome"'))!;
  return { client, bytes: Buffer.byteLength(line) };
}

async function allPages(client: JsonClient, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    client.send({ type: "validators-page", limit, ...(after === undefined ? {} : { after }) });
    const page = await client.expect("validators-page");
    expect(page.validators.length).toBeLessThanOrEqual(limit);
    keys.push(...page.validators.map((v) => v.validator));
    if (page.next === null) return keys;
    after = page.next;
  }
}

describe("registry growth", () => {
  // registry.bench.ts runs the same with 10,000 keys and times the welcome.
  it("after 400 throw-away keys a new client's welcome is as small as on a fresh server", async () => {
    server = await startServer({ port: 0, roundMs: 600_000, logLevel: "silent" });
    const fresh = await watcher();
    await throwAwayKeys(server.port, 400);
    const after = await watcher();
    expect(after.client.welcome.validators).toEqual([]);
    expect(after.bytes).toBe(fresh.bytes);
    expect(server.consensus.validators.size).toBe(0);
  }, 60_000);

  it("welcome: online validators plus the top offline winners; validators-page lists everyone once", async () => {
    // 120 past winners, each the only candidate of its round.
    const records = buildChain(120, { keys: fixtureKeys(120), candidatesPerRound: 1 });
    server = await startServer({
      port: 0,
      roundMs: 600_000,
      logLevel: "silent",
      store: new MemoryStore(records),
    });
    const online = [];
    for (let i = 0; i < 3; i++) online.push(await JsonClient.validator(server.port, "5", `on${i}`));
    open.push(...online);
    const { client } = await watcher();
    const { validators, validatorCount } = client.welcome;
    expect(validators.filter((v) => v.online)).toHaveLength(3);
    expect(validators.filter((v) => !v.online)).toHaveLength(OFFLINE_IN_WELCOME);
    expect(validatorCount).toBe(123);

    const paged = await allPages(client, 17);
    expect(paged).toHaveLength(123);
    expect(new Set(paged).size).toBe(123);
    expect(paged).toEqual([...paged].sort());

    client.client.send(`{"type":"validators-page","limit":${MAX_VALIDATORS_PAGE + 1}}\n`);
    expect((await client.expect("error")).code).toBe("BAD_MESSAGE");
  });

  it("on a data directory, 500 past candidates do not come back after a restart: only the winners", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pos-registry-"));
    dirs.push(dir);
    const records = candidateRounds(5, 100);
    const first = await FileStore.open({ dir, repair: false, logger: silent });
    for (const record of records) await first.append(record);
    await first.close();

    server = await startServer({
      port: 0,
      roundMs: 600_000,
      logLevel: "silent",
      store: await FileStore.open({ dir, repair: false, logger: silent }),
    });
    const { client, bytes } = await watcher();
    const winners = new Set(records.slice(1).map((r) => r.block.Validator));
    expect(new Set(client.welcome.validators.map((v) => v.validator))).toEqual(winners);
    expect(bytes).toBeLessThan(64 * 1024);
  }, 60_000);
});
