import { execFile } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT } from "../net/text-session.js";
import { LineClient } from "../testing/line-client.js";
import { SERVER_BIN, spawnServer } from "../testing/spawn-server.js";

const run = promisify(execFile);

describe("pos-server CLI", () => {
  it("explains itself with --help and refuses bad flags with a reason", async () => {
    const help = await run(process.execPath, [SERVER_BIN, "start", "--help"]);
    for (const flag of [
      "--host",
      "--port",
      "--round",
      "--max-clients",
      "--log-format",
      "--log-level",
      "--data",
      "--memory",
    ])
      expect(help.stdout).toContain(flag);
    const top = await run(process.execPath, [SERVER_BIN, "--help"]);
    expect(top.stdout).toMatch(/start/);
    expect(top.stdout).toMatch(/verify/);
    await expect(run(process.execPath, [SERVER_BIN, "--round", "10", "--memory"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/duration with its unit/),
    });
    await expect(run(process.execPath, [SERVER_BIN, "--port", "99999", "--memory"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/0 to 65535/),
    });
  });

  it("a port in use gets one line saying what to do, no stack trace", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const failure = await run(process.execPath, [SERVER_BIN, "--memory", "--port", String(port)]).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 1 });
      expect(failure!.stderr.trim()).toBe(
        `pos-server: port ${port} is in use: pick another with --port (or stop what uses it)`,
      );
      expect(failure!.stdout + failure!.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it("on SIGTERM says goodbye to clients and exits 0 within 5 s", async () => {
    const server = await spawnServer(["--memory", "--round", "200ms"]);
    const client = await LineClient.open(server.port);
    expect(await client.next()).toBe(BALANCE_PROMPT);
    const started = Date.now();
    server.child.kill("SIGTERM");
    expect(await client.next((l) => l.includes("shutting down"))).toMatch(/goodbye/);
    const { code } = await server.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
