import { spawn, spawnSync } from "node:child_process";
import { procStats } from "@pos-tui/testkit/proc-stats";
import { spawnServer, TUI_BIN } from "@pos-tui/testkit/spawn-server";
import { tmuxDashboards } from "@pos-tui/testkit/tmux-dashboard";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { type Bench, type BenchRow, median, ms } from "../../../scripts/bench-kit.js";

// The dashboard as people run it: the built CLI in a real pseudo-terminal (tmux), against a server
// in its own process. SOAK_MINUTES sets the soak's length (the goal is an hour: SOAK_MINUTES=60; 0
// skips it). DASHBOARD_COMPARE=path/to/another/checkout's/bin/pos-tui.js measures that build's first
// frame and idle CPU too, in turn with this one's, so both see the same machine (IDLE_RUNS each).
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 1);
const COMPARE_BIN = process.env.DASHBOARD_COMPARE;
const BUILDS = [
  { label: "", bin: TUI_BIN },
  ...(COMPARE_BIN === undefined ? [] : [{ label: " [compared build]", bin: COMPARE_BIN }]),
];
const IDLE_RUNS = Number(process.env.IDLE_RUNS ?? (COMPARE_BIN === undefined ? 1 : 3));
const SOAK_BOTS = 10;
const RSS_TARGET_MB = 150;
const IDLE_SECONDS = 10;
const IDLE_TARGET = 1; // % of one core
const HELP_RUNS = 9;
const HELP_TARGET = 2.5;
const FRAME_RUNS = 5;
const FRAME_TARGET_MS = 800;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A full frame: the header's round, the chain panel and the stake panel are all drawn. */
const isFullFrame = (screen: string) =>
  /Chain · tip #\d+/.test(screen) &&
  /Stake · \d+ (validator|online)/.test(screen) &&
  /round \d+ · closes in/.test(screen);

function timeOnce(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited with ${result.status}`);
  return performance.now() - start;
}

/** `pos-tui --help` against `node -e 0`, run in turn so both see the same machine load. */
function helpRatio(): BenchRow[] {
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < HELP_RUNS; i++) {
    node.push(timeOnce(["-e", "0"]));
    help.push(timeOnce([TUI_BIN, "--help"]));
  }
  const ratio = median(help) / median(node);
  console.log(`node -e 0: ${ms(median(node))}, pos-tui --help: ${ms(median(help))}`);
  return [
    {
      name: "pos-tui --help / node -e 0",
      median: `${ratio.toFixed(2)}x (${ms(median(help))})`,
      target: `<= ${HELP_TARGET}x`,
      met: ratio <= HELP_TARGET,
    },
  ];
}

async function firstFrame(port: number): Promise<BenchRow[]> {
  const times = BUILDS.map((): number[] => []);
  for (let i = 0; i < FRAME_RUNS; i++) {
    for (const [b, { bin }] of BUILDS.entries()) {
      const panes = tmuxDashboards(`pos-tui-bench-frame-${process.pid}-${i}-${b}`);
      try {
        const start = performance.now();
        const pane = panes.start(
          ["connect", `127.0.0.1:${port}`, "--stake", "10", "--name", `frame${i}b${b}`],
          undefined,
          undefined,
          bin,
        );
        times[b]!.push(
          await waitFor(
            () => isFullFrame(pane.screen()) && performance.now() - start,
            15_000,
            "a full frame",
            undefined,
            10,
          ),
        );
      } finally {
        panes.close();
      }
    }
  }
  return BUILDS.map(({ label }, b) => {
    console.log(`spawn -> first full frame${label}: ${times[b]!.map((t) => ms(t)).join(", ")}`);
    const t = median(times[b]!);
    return {
      name: `pos-tui connect: spawn -> first full frame (tty)${label}`,
      median: ms(t),
      target: `<= ${FRAME_TARGET_MS} ms`,
      met: t <= FRAME_TARGET_MS,
    };
  });
}

/** One dashboard's CPU (% of a core) over IDLE_SECONDS once drawn, and its RSS (MB) at the end. */
async function idleOnce(bin: string, args: string[], socket: string) {
  // A tmux server per dashboard: one whose last session just ended may still be shutting down.
  const panes = tmuxDashboards(socket);
  try {
    const pane = panes.start(args, undefined, undefined, bin);
    await waitFor(() => isFullFrame(pane.screen()), 15_000, "a full frame", undefined, 10);
    await sleep(1000); // start-up work done
    const before = procStats(pane.pid);
    const start = performance.now();
    await sleep(IDLE_SECONDS * 1000);
    const after = procStats(pane.pid);
    if (before === null || after === null) throw new Error("the dashboard exited");
    return {
      percent: ((after.cpuMs - before.cpuMs) / (performance.now() - start)) * 100,
      rssMb: after.rssMb,
    };
  } finally {
    panes.close();
  }
}

async function idleCpu(port: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [i, command] of ["watch", "connect"].entries()) {
    const percents = BUILDS.map((): number[] => []);
    const rss = BUILDS.map((): number[] => []);
    for (let run = 0; run < IDLE_RUNS; run++) {
      for (const [b, { bin }] of BUILDS.entries()) {
        const args = [command, `127.0.0.1:${port}`];
        if (command === "connect") args.push("--stake", "10", "--name", `idler${run}b${b}`);
        const { percent, rssMb } = await idleOnce(
          bin,
          args,
          `pos-tui-bench-idle-${process.pid}-${i}-${run}-${b}`,
        );
        percents[b]!.push(percent);
        rss[b]!.push(rssMb);
      }
    }
    for (const [b, { label }] of BUILDS.entries()) {
      const percent = median(percents[b]!);
      console.log(
        `idle ${command}${label}: ${percents[b]!.map((p) => `${p.toFixed(2)}%`).join(", ")} of a core ` +
          `over ${IDLE_SECONDS} s; RSS ${rss[b]!.map((mb) => mb.toFixed(1)).join(", ")} MB`,
      );
      rows.push({
        name: `idle dashboard CPU (${command}, ${IDLE_SECONDS} s, quiet server)${label}`,
        median: `${percent.toFixed(2)}% (RSS ${median(rss[b]!).toFixed(1)} MB)`,
        target: `<= ${IDLE_TARGET}% of a core`,
        met: percent <= IDLE_TARGET,
      });
    }
  }
  return rows;
}

/** 200 ms rounds and 10 bots for SOAK_MINUTES; a spectator and an auto validator are watched. */
async function soak(): Promise<BenchRow[]> {
  const server = await spawnServer(["--round", "200ms", "--memory"]);
  const bots = spawn(
    process.execPath,
    [TUI_BIN, "bots", `127.0.0.1:${server.port}`, "--count", String(SOAK_BOTS)],
    { stdio: "ignore" },
  );
  const panes = tmuxDashboards(`pos-tui-bench-soak-${process.pid}`);
  try {
    const address = `127.0.0.1:${server.port}`;
    const watched = [
      { label: "watch", pane: panes.start(["watch", address]) },
      {
        label: "connect --auto",
        pane: panes.start(["connect", address, "--stake", "50", "--name", "soak", "--auto"]),
      },
    ];
    for (const { pane } of watched)
      await waitFor(() => isFullFrame(pane.screen()), 15_000, "a full frame", undefined, 10);
    const start = performance.now();
    const atMinute = new Map<string, number>();
    const peak = new Map<string, number>();
    const end = start + SOAK_MINUTES * 60_000;
    while (performance.now() < end) {
      await sleep(Math.min(5_000, end - performance.now()));
      const elapsed = performance.now() - start;
      for (const { label, pane } of watched) {
        const stats = procStats(pane.pid);
        if (stats === null)
          throw new Error(`the ${label} dashboard exited during the soak:\n${pane.screen()}`);
        peak.set(label, Math.max(peak.get(label) ?? 0, stats.rssMb));
        if (!atMinute.has(label) && elapsed >= 60_000 - 2_500) atMinute.set(label, stats.rssMb);
      }
      if (Math.round(elapsed / 1000) % 60 < 5)
        console.log(
          `soak ${(elapsed / 60_000).toFixed(1)} min: ` +
            watched
              .map(({ label, pane }) => `${label} ${procStats(pane.pid)?.rssMb.toFixed(1)} MB`)
              .join(", "),
        );
    }
    const tip = /tip #(\d+)/.exec(watched[0]!.pane.screen())?.[1] ?? "?";
    return watched.map(({ label, pane }) => {
      const last = procStats(pane.pid)?.rssMb ?? Number.NaN;
      const first = atMinute.get(label) ?? last;
      const top = peak.get(label) ?? last;
      return {
        name: `soak RSS ${label}: 1 min -> ${SOAK_MINUTES} min (200 ms rounds, ${SOAK_BOTS} bots, tip #${tip})`,
        median: `${first.toFixed(1)} -> ${last.toFixed(1)} MB (peak ${top.toFixed(1)})`,
        target: `<= ${RSS_TARGET_MB} MB`,
        met: top <= RSS_TARGET_MB,
      };
    });
  } finally {
    panes.close();
    bots.kill("SIGTERM");
    server.child.kill("SIGTERM");
    await server.exited;
  }
}

const bench: Bench = {
  title: `pos-tui dashboard in a terminal: start-up, idle CPU, ${SOAK_MINUTES}-minute soak`,
  async run(): Promise<BenchRow[]> {
    const rows = helpRatio();
    // A quiet server: long rounds, nobody submitting.
    const quiet = await spawnServer(["--round", "30s", "--memory"]);
    try {
      rows.push(...(await firstFrame(quiet.port)));
      rows.push(...(await idleCpu(quiet.port)));
    } finally {
      quiet.child.kill("SIGTERM");
      await quiet.exited;
    }
    if (SOAK_MINUTES > 0) rows.push(...(await soak()));
    return rows;
  },
};

export default bench;
