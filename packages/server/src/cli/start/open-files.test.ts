import { LineClient } from "@pos-tui/testkit/line-client";
import { spawnServer, stopServer } from "@pos-tui/testkit/spawn-server";
import { describe, expect, it } from "vitest";
import { clientCapacity, openFileLimit, SPARE_DESCRIPTORS } from "./open-files.js";

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            256                  4096                 files
Max locked memory         8388608              8388608              bytes
`;

describe("the open-file limit", () => {
  it("reads the soft limit from /proc/self/limits, and nothing where there is none", () => {
    expect(openFileLimit(() => LIMITS)).toBe(256);
    expect(openFileLimit(() => LIMITS.replace("256 ", "unlimited "))).toBeNull();
    expect(
      openFileLimit(() => {
        throw new Error("ENOENT");
      }),
    ).toBeNull();
  });

  it("caps --max-clients below the limit and says the numbers and the fix", () => {
    const open = 20;
    const capped = clientCapacity(1000, 256, open);
    expect(capped.maxClients).toBe(256 - open - SPARE_DESCRIPTORS);
    expect(capped.warning).toContain("ulimit -n) is 256");
    expect(capped.warning).toContain("--max-clients 1000");
    expect(capped.warning).toContain(`at most ${capped.maxClients} clients`);
    expect(capped.warning).toContain(`ulimit -n ${1000 + open + SPARE_DESCRIPTORS}`);
    expect(clientCapacity(100, 4096, open)).toEqual({ maxClients: 100, warning: null });
    expect(clientCapacity(100, null, null)).toEqual({ maxClients: 100, warning: null });
  });

  it.runIf(process.platform === "linux")(
    "end to end: with ulimit -n below --max-clients, the server warns at start and answers `server full`",
    async () => {
      const server = await spawnServer(["--memory", "--max-clients", "500"], { openFileLimit: 100 });
      const logs = server.logs.map((line) => JSON.parse(line) as { msg: string; maxClients?: number });
      const port = server.port;
      const clients: LineClient[] = [];
      try {
        const warning = logs.find((l) => l.msg.includes("open-file limit"));
        expect(warning?.msg).toContain("ulimit -n) is 100, too low for --max-clients 500");
        const cap = warning!.maxClients!;
        expect(cap).toBeGreaterThan(0);
        expect(cap).toBeLessThan(100);
        // Every connection past the cap hears why, none is closed without a word.
        for (let i = 0; i < cap + 10; i++) clients.push(await LineClient.open(port));
        const first = await Promise.all(clients.map((c) => c.next(() => true, 5000)));
        expect(first.filter((l) => l.includes("server full"))).toHaveLength(10);
      } finally {
        for (const c of clients) c.close();
        await stopServer(server);
      }
    },
    30_000,
  );
});
