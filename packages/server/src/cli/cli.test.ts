import { execFile } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { promisify } from "node:util";
import { LineClient } from "@pos-tui/testkit/line-client";
import { SERVER_BIN, spawnServer } from "@pos-tui/testkit/spawn-server";
import { waitFor } from "@pos-tui/testkit/wait-for";
import { describe, expect, it } from "vitest";
import { BALANCE_PROMPT } from "../net/text-session.js";

const run = promisify(execFile);

describe("pos-server CLI", () => {
  it("explains itself with --help and refuses bad flags with a reason", async () => {
    const top = await run(process.execPath, [SERVER_BIN, "--help"]);
    const start = await run(process.execPath, [SERVER_BIN, "start", "--help"]);
    for (const help of [top, start])
      for (const flag of [
        "--host",
        "--port",
        "--round",
        "--max-clients",
        "--log-format",
        "--log-level",
        "--data",
        "--memory",
        "--max-stake",
      ])
        expect(help.stdout).toContain(flag);
    // The description is one paragraph wrapped by commander: no line of it is cut short mid-sentence.
    const description = top.stdout.split("\n\n")[1]!.split("\n");
    for (const line of description.slice(0, -1)) expect(line.length).toBeGreaterThan(60);
    expect(description.join(" ")).toMatch(/a program speaking NDJSON\), stake tokens/);
    expect(top.stdout).toMatch(/start/);
    expect(top.stdout).toMatch(/verify/);
    await expect(run(process.execPath, [SERVER_BIN, "--round", "10", "--memory"])).rejects.toMatchObject({
      stderr: expect.stringMatching(/duration with its unit/),
    });
    await expect(run(process.execPath, [SERVER_BIN, "--max-stake", "1e3", "--memory"])).rejects.toMatchObject(
      {
        stderr: expect.stringMatching(/exponent notation is not accepted/),
      },
    );
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

  it("bound to 0.0.0.0, prints a pos-tui and an nc line per external IPv4 address, and they work", async () => {
    const external = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((i) => i.family === "IPv4" && !i.internal)
      .map((i) => i.address);
    const server = await spawnServer(["--memory", "--host", "0.0.0.0"]);
    try {
      const port = server.port;
      const banner = await waitFor(
        () => {
          const text = server.logs.filter((l) => !l.startsWith("{")).join("\n");
          return /To join:/.test(text) && text;
        },
        5000,
        "the join banner",
      );
      for (const address of external) {
        expect(banner).toContain(`pos-tui connect ${address}:${port}`);
        expect(banner).toContain(`nc ${address} ${port}`);
      }
      if (external.length === 0) expect(banner).toMatch(/no network interface is up/);
      // What a student types reaches the server.
      const ncLine = /nc (\S+) (\d+)/.exec(banner);
      const client = await LineClient.open(
        Number(ncLine?.[2] ?? port),
        external.length > 0 ? ncLine![1] : "127.0.0.1",
      );
      expect(await client.next()).toBe(BALANCE_PROMPT);
      client.close();
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
