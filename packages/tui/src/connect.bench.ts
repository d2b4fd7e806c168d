import { MemoryStore, startServer } from "@pos-tui/server";
import { buildChain, testKeys } from "@pos-tui/testkit/chain";
import { procStats } from "@pos-tui/testkit/proc-stats";
import { tmuxDashboards } from "@pos-tui/testkit/tmux-dashboard";
import { render } from "ink-testing-library";
import { createElement } from "react";
import { type Bench, type BenchRow, median, ms } from "../../../scripts/bench-kit.js";
import { App, SessionSocket } from "./index.js";

const CHAIN_LENGTH = Number(process.env.BENCH_CHAIN ?? 100_000);
const TIME_TARGET_MS = 1000;
const RSS_TARGET_MB = 150;
const RUNS = 7;

/** A full frame: the chain panel at the tip, the stake panel and the round header are all drawn. */
const isFullFrame = (frame: string) =>
  frame.includes(`tip #${CHAIN_LENGTH}`) &&
  /Stake · \d+ (validators|online)/.test(frame) &&
  /round \d+ · closes in/.test(frame);

async function inProcessRun(port: number, seed: number): Promise<number> {
  const keys = testKeys(seed);
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port,
    hello: { role: "validator", name: `bench${seed}`, stake: 10n, keys },
    reconnect: true,
  });
  const app = render(
    createElement(App, {
      connection,
      keys,
      name: `bench${seed}`,
      stake: 10n,
      auto: false,
      size: { columns: 100, rows: 30 },
    }),
  );
  const start = performance.now();
  connection.start();
  try {
    for (;;) {
      if (isFullFrame(app.lastFrame() ?? "")) return performance.now() - start;
      if (performance.now() - start > 10_000)
        throw new Error(`no full frame within 10 s; last frame:\n${app.lastFrame() ?? ""}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    app.unmount();
    await connection.close();
  }
}

/** The real CLI in a terminal (tmux): time from spawn to a full frame on screen, and its RSS there. */
async function cliRun(port: number): Promise<{ spawnToFrameMs: number; rssMb: number; rssLaterMb: number }> {
  const panes = tmuxDashboards(`pos-tui-bench-connect-${process.pid}`);
  try {
    const start = performance.now();
    const pane = panes.start(["connect", `127.0.0.1:${port}`, "--stake", "10", "--auto"], {
      columns: 100,
      rows: 30,
    });
    for (;;) {
      if (isFullFrame(pane.screen())) break;
      if (performance.now() - start > 15_000)
        throw new Error(`the CLI drew no full frame within 15 s:\n${pane.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const spawnToFrameMs = performance.now() - start;
    const rss = procStats(pane.pid)?.rssMb ?? Number.NaN;
    // A few rounds later (blocks arriving, auto submitting): memory must not climb.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    return { spawnToFrameMs, rssMb: rss, rssLaterMb: procStats(pane.pid)?.rssMb ?? Number.NaN };
  } finally {
    panes.close();
  }
}

const bench: Bench = {
  title: `pos-tui connect against a ${CHAIN_LENGTH.toLocaleString("en")}-block chain`,
  async run(): Promise<BenchRow[]> {
    const built = performance.now();
    const records = buildChain(CHAIN_LENGTH, { keys: [1, 2, 3].map(testKeys), candidatesPerRound: 3 });
    console.log(`built ${records.length} signed blocks in ${ms(performance.now() - built)}`);
    const server = await startServer({
      host: "127.0.0.1",
      port: 0,
      roundMs: 500,
      logLevel: "silent",
      store: new MemoryStore(records),
    });
    try {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await inProcessRun(server.port, 50 + i));
      console.log(`connect -> first full frame (in process): ${times.map((t) => ms(t)).join(", ")}`);
      const cli = await cliRun(server.port);
      console.log(
        `CLI process: spawn -> full frame ${ms(cli.spawnToFrameMs)}, RSS ${cli.rssMb.toFixed(1)} MB, ` +
          `3 s later ${cli.rssLaterMb.toFixed(1)} MB`,
      );
      const t = median(times);
      const rss = Math.max(cli.rssMb, cli.rssLaterMb);
      return [
        {
          name: `connect -> first full frame (${CHAIN_LENGTH.toLocaleString("en")} blocks)`,
          median: ms(t),
          target: `< ${TIME_TARGET_MS} ms`,
          met: t < TIME_TARGET_MS,
        },
        {
          name: `CLI spawn -> first full frame (${CHAIN_LENGTH.toLocaleString("en")} blocks)`,
          median: ms(cli.spawnToFrameMs),
          target: "(includes Node startup)",
          met: true,
        },
        {
          name: `TUI process RSS (${CHAIN_LENGTH.toLocaleString("en")} blocks)`,
          median: `${rss.toFixed(1)} MB`,
          target: `< ${RSS_TARGET_MB} MB`,
          met: rss < RSS_TARGET_MB,
        },
      ];
    } finally {
      await server.close();
    }
  },
};

export default bench;
