import { setTimeout as sleep } from "node:timers/promises";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { cpuMs, rssBytes } from "@pos-tui/testkit/proc-stats";
import { spawnServer } from "@pos-tui/testkit/spawn-server";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { type Bench, type BenchRow, median, ms, percentile } from "../../../scripts/bench-kit.js";

const ROUNDS = 15;

/**
 * Time from a round's scheduled close until the LAST of N clients holds the new block. Half the clients
 * speak text (they see `winning validator:`), half JSON (they get the `block` push). The server runs
 * in its own process; the clients share this one, so the figure includes their own event-loop delay.
 */
async function broadcastLatency(n: number): Promise<{ perRound: number[]; all: number[] }> {
  const server = await spawnServer([
    "--memory",
    "--round",
    "400ms",
    "--log-level",
    "info",
    "--max-clients",
    "5000",
  ]);
  try {
    const bot = await JsonClient.validator(server.port, "100", "bot");
    const closesAt = new Map<number, number>();
    const arrivals = new Map<number, number[]>();
    const arrived = (round: number) => {
      const list = arrivals.get(round) ?? [];
      list.push(performance.timeOrigin + performance.now());
      arrivals.set(round, list);
    };
    const listeners: LineClient[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 2) {
        const watcher = await JsonClient.watcher(server.port);
        watcher.client.socket.on("data", (chunk: Buffer) => {
          const text = chunk.toString();
          const at = text.indexOf('{"type":"block"');
          if (at >= 0) arrived(Number(/"lottery":\{"round":(\d+)/.exec(text.slice(at))?.[1]));
        });
        listeners.push(watcher.client);
      } else {
        const client = await LineClient.open(server.port);
        client.socket.on("data", (chunk: Buffer) => {
          const round = /^winning validator: .* round (\d+):/m.exec(chunk.toString());
          if (round) arrived(Number(round[1]));
        });
        listeners.push(client);
      }
    }
    let stop = false;
    let first = Number.POSITIVE_INFINITY;
    const loop = (async () => {
      while (!stop) {
        const round = await bot.expect("round", 5000).catch(() => null);
        if (!round) break;
        closesAt.set(round.round, Date.parse(round.closesAt));
        // The first round may have opened before every client was connected: skip it.
        first = Math.min(first, round.round + 1);
        bot.submitFor(round);
      }
    })();
    await waitFor(
      () => [...arrivals.keys()].filter((r) => r > first && arrivals.get(r)!.length === n).length >= ROUNDS,
      ROUNDS * 60_000,
      `${ROUNDS} rounds delivered to every client`,
      undefined,
      50,
    );
    stop = true;
    const perRound: number[] = [];
    const all: number[] = [];
    for (const [round, times] of arrivals) {
      const close = closesAt.get(round);
      if (round <= first || close === undefined || times.length !== n) continue;
      perRound.push(Math.max(...times) - close);
      all.push(...times.map((t) => t - close));
    }
    for (const l of listeners) l.close();
    bot.close();
    await loop;
    return { perRound, all };
  } finally {
    server.child.kill("SIGKILL");
  }
}

async function idleCpuAndMemory(): Promise<{ cpuPercent: number; bytesPerClient: number }> {
  const server = await spawnServer([
    "--memory",
    "--round",
    "10s",
    "--log-level",
    "info",
    "--max-clients",
    "5000",
  ]);
  try {
    const pid = server.child.pid!;
    const idle: LineClient[] = [];
    for (let i = 0; i < 100; i++) idle.push(await LineClient.open(server.port));
    // Let connection set-up and JIT settle: the figure is about staying idle, not about connecting.
    await sleep(3000);
    const cpuBefore = cpuMs(pid);
    const wallBefore = performance.now();
    await sleep(10_000);
    const cpuPercent = ((cpuMs(pid) - cpuBefore) / (performance.now() - wallBefore)) * 100;

    for (const c of idle) c.close();
    await sleep(500);
    const base = rssBytes(pid);
    const clients: LineClient[] = [];
    for (let i = 0; i < 1000; i++) {
      const c = await LineClient.open(server.port);
      // Half of them become validators, so the figure includes a session with a key.
      if (i % 2) c.send(`${i + 1}\n`);
      clients.push(c);
    }
    await sleep(1500);
    const bytesPerClient = (rssBytes(pid) - base) / 1000;
    for (const c of clients) c.close();
    return { cpuPercent, bytesPerClient };
  } finally {
    server.child.kill("SIGKILL");
  }
}

const bench: Bench = {
  title: "pos-server: broadcast latency, idle CPU, memory per client",
  async run() {
    const rows: BenchRow[] = [];
    for (const n of [100, 1000]) {
      const { perRound, all } = await broadcastLatency(n);
      const p99 = percentile(perRound, 99);
      console.log(
        `N=${n}: last client has the block ${ms(median(perRound))} median, ${ms(p99)} p99 after the round closes ` +
          `(${perRound.length} rounds); over all deliveries median ${ms(median(all))}, p99 ${ms(percentile(all, 99))}`,
      );
      rows.push({
        name: `round close -> last of ${n} clients has the block (p99)`,
        median: `${ms(median(perRound))} (p99 ${ms(p99)})`,
        target: n === 1000 ? "p99 < 100 ms" : "-",
        met: n === 1000 ? p99 < 100 : true,
      });
    }
    const { cpuPercent, bytesPerClient } = await idleCpuAndMemory();
    console.log(
      `idle CPU with 100 clients: ${cpuPercent.toFixed(2)}% of a core (the tutorial's picker: ~50%)`,
    );
    console.log(`memory per connected client at 1000 clients: ${(bytesPerClient / 1024).toFixed(1)} KB`);
    rows.push({
      name: "server CPU, 100 idle clients, 10 s",
      median: `${cpuPercent.toFixed(2)}% of a core`,
      target: "< 1%",
      met: cpuPercent < 1,
    });
    rows.push({
      name: "server memory per client at 1000 clients",
      median: `${(bytesPerClient / 1024).toFixed(1)} KB`,
      target: "< 20 KB",
      met: bytesPerClient < 20 * 1024,
    });
    return rows;
  },
};
export default bench;
