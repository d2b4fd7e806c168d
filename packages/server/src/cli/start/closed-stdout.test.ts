import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_BIN } from "../../testing/spawn-server.js";

/** Starts the built server, reads its first log lines, then closes the reading end of its stdout. */
async function serverWithClosedStdout(format: "json" | "pretty") {
  const child = spawn(
    process.execPath,
    [SERVER_BIN, "--memory", "--port", "0", "--round", "200ms", "--log-format", format],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${seen}`)), 10_000);
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  // Like `pos-server | head -3` once head has its lines: every later write to stdout fails with EPIPE.
  child.stdout.destroy();
  return { child, exited };
}

describe("a closed stdout", () => {
  it.each(["json", "pretty"] as const)(
    "%s logs: SIGTERM still stops the server within 5 s",
    async (format) => {
      const { child, exited } = await serverWithClosedStdout(format);
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Give it a few log lines to fail on first (rounds open every 200 ms).
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("hung"), 5000))]);
      if (code === "hung") child.kill("SIGKILL");
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stderr).not.toMatch(/EPIPE/);
    },
    15_000,
  );
});
