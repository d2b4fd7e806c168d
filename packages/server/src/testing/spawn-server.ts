import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const SERVER_BIN = fileURLToPath(new URL("../../bin/pos-server.js", import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  port: number;
  /** Every log line printed so far (JSON). */
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built CLI on a free port and resolves once it logs that it is listening. */
export function spawnServer(args: string[], timeoutMs = 10_000): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [SERVER_BIN, "--port", "0", "--log-format", "json", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join("\n")}`)), timeoutMs);
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        logs.push(line);
        if (line.includes('"listening on')) {
          clearTimeout(timer);
          resolve({ child, port: (JSON.parse(line) as { port: number }).port, logs, exited });
        }
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join("\n")}`));
    });
  });
}
