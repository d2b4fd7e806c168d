import { createConnection, createServer, type Server, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { type LineContext, rewriteJson, startLyingProxy } from "./lying-proxy.js";
import { cleanupsPerTest } from "./per-test.js";
import { waitFor } from "./wait-for.js";

const cleanups = cleanupsPerTest();

/** A server that greets each connection with two lines and echoes every line it gets as `echo: ...`. */
async function echoServer(): Promise<{ port: number; heard: string[] }> {
  const heard: string[] = [];
  const server: Server = createServer((socket) => {
    socket.setEncoding("utf8");
    socket.write('hello\n{"type":"block","BPM":60}\n');
    let pending = "";
    socket.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop()!;
      for (const line of lines) {
        heard.push(line);
        socket.write(`echo: ${line}\n`);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, heard };
}

function client(port: number): { socket: Socket; text: () => string } {
  const socket = createConnection({ host: "127.0.0.1", port });
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    received += chunk;
  });
  socket.on("error", () => {});
  cleanups.push(() => socket.destroy());
  return { socket, text: () => received };
}

describe("lying proxy", () => {
  it("passes lines both ways and lets the rewrite change, split or drop each one", async () => {
    const real = await echoServer();
    const seen: [string, LineContext][] = [];
    const proxy = await startLyingProxy({
      port: real.port,
      rewrite: (line, context) => {
        seen.push([line, context]);
        if (line === "secret") return null;
        if (line === "two") return ["one", "two"];
        return line === "hello" ? "HELLO" : line;
      },
    });
    cleanups.push(() => proxy.close());
    const c = client(proxy.port);
    c.socket.write("secret\ntwo\nthree\n");
    await waitFor(() => c.text().endsWith("echo: three\n"), 5000, "the echoes", c.text);
    expect(c.text()).toBe('HELLO\n{"type":"block","BPM":60}\necho: one\necho: two\necho: three\n');
    expect(real.heard).toEqual(["one", "two", "three"]);
    expect(seen.find(([line]) => line === "secret")?.[1]).toEqual({ direction: "toServer", connection: 1 });
    expect(seen.find(([line]) => line === "hello")?.[1]).toEqual({ direction: "toClient", connection: 1 });
  });

  it("edits JSON messages and leaves text lines alone", async () => {
    const real = await echoServer();
    const proxy = await startLyingProxy({
      port: real.port,
      rewrite: rewriteJson((message) => (message.type === "block" ? { ...message, BPM: 61 } : message)),
    });
    cleanups.push(() => proxy.close());
    const c = client(proxy.port);
    await waitFor(() => c.text().split("\n").length > 2, 5000, "the greeting", c.text);
    expect(c.text()).toBe('hello\n{"type":"block","BPM":61}\n');
  });

  it("numbers connections, and after dropClients a reconnect is the next one", async () => {
    const real = await echoServer();
    const connections: number[] = [];
    const proxy = await startLyingProxy({
      port: real.port,
      rewrite: (line, context) => {
        if (context.direction === "toClient" && line === "hello") connections.push(context.connection);
        return line;
      },
    });
    cleanups.push(() => proxy.close());
    const first = client(proxy.port);
    await waitFor(() => first.text().startsWith("hello\n"), 5000, "the first greeting");
    const closed = new Promise((resolve) => first.socket.once("close", resolve));
    proxy.dropClients();
    await closed;
    const second = client(proxy.port);
    await waitFor(() => second.text().startsWith("hello\n"), 5000, "the second greeting");
    expect(connections).toEqual([1, 2]);
    expect(proxy.connections).toBe(2);
  });
});
