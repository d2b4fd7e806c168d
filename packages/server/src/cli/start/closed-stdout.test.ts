import { spawnServer } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";

/** Starts the built server, reads its first log lines, then closes the reading end of its stdout. */
async function serverWithClosedStdout(format: "json" | "pretty") {
  const server = await spawnServer(["--memory", "--round", "200ms", "--log-format", format]);
  // Like `pos-server | head -3` once head has its lines: every later write to stdout fails with EPIPE.
  server.child.stdout!.destroy();
  return server;
}

describe("a closed stdout", () => {
  it.each(["json", "pretty"] as const)(
    "%s logs: SIGTERM still stops the server within 5 s",
    async (format) => {
      const { child, exited } = await serverWithClosedStdout(format);
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Give it a few log lines to fail on first (rounds open every 200 ms).
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      child.kill("SIGTERM");
      const code = await Promise.race([
        exited.then((exit) => exit.code),
        new Promise((r) => setTimeout(() => r("hung"), 5000)),
      ]);
      if (code === "hung") child.kill("SIGKILL");
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(stderr).not.toMatch(/EPIPE/);
    },
    15_000,
  );
});
