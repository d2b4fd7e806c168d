import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built server CLI (run `pnpm build` first: the bin runs dist). */
export const SERVER_BIN = fileURLToPath(new URL("../../server/bin/pos-server.js", import.meta.url));

/** The built dashboard CLI (the bin runs the bundle, so build first too). */
export const TUI_BIN = fileURLToPath(new URL("../../tui/bin/pos-tui.js", import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedServer {
  child: ChildProcess;
  /** The port the server itself reports it listens on (it was started on port 0: no race for a free one). */
  port: number;
  /** The chain's tip index at start, from the listening line. */
  tip: number;
  /** Every line printed so far on stdout and stderr (JSON unless --log-format says otherwise). */
  logs: string[];
  exited: Promise<Exit>;
}

export interface SpawnOptions {
  timeoutMs?: number;
  /** Runs the server under `ulimit -n` (Linux shells) to test the open-file limit. */
  openFileLimit?: number;
}

const LISTENING = /listening on \S+:(\d+)/;

/** Runs the built CLI on port 0 and resolves once it says where it listens. */
export function spawnServer(args: string[], options: SpawnOptions = {}): Promise<SpawnedServer> {
  const argv = [SERVER_BIN, "--port", "0", "--log-format", "json", ...args];
  const child =
    options.openFileLimit === undefined
      ? spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "pipe"] })
      : spawn(
          "sh",
          ["-c", `ulimit -n ${options.openFileLimit} && exec "$0" "$@"`, process.execPath, ...argv],
          {
            stdio: ["ignore", "pipe", "pipe"],
          },
        );
  const logs: string[] = [];
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${logs.join("\n")}`)),
      options.timeoutMs ?? 10_000,
    );
    const onLines = () => {
      let buffered = "";
      return (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        for (const line of lines) {
          logs.push(line);
          const port = LISTENING.exec(line)?.[1];
          if (port === undefined) continue;
          clearTimeout(timer);
          const tip = line.startsWith("{") ? (JSON.parse(line) as { tip: number }).tip : Number.NaN;
          resolve({ child, port: Number(port), tip, logs, exited });
        }
      };
    };
    child.stdout!.on("data", onLines());
    child.stderr!.on("data", onLines());
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join("\n")}`));
    });
  });
}

/** Stops a spawned server with SIGTERM and waits for it to exit. */
export async function stopServer(server: SpawnedServer): Promise<Exit> {
  server.child.kill("SIGTERM");
  return server.exited;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI (a bin path) with Node to its end, keeping what it printed. */
export function runCli(bin: string, args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
