import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import {
  type ClientMessage,
  candidateTimestamp,
  decodeServerMessage,
  encodeMessage,
  type KeyPair,
  keyPairFromSeed,
  LineFramer,
  type MessageOf,
  type ServerMessage,
  signBlock,
} from "@pos-tui/core";
// The one client transport lives with the TUI; tests speak through it rather than a copy of it.
import {
  type HelloSpec,
  type ServerMessageType,
  SessionSocket,
} from "../../tui/src/client/session-socket.js";

type Waiter = {
  match: (line: string) => boolean;
  resolve: (line: string) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

// The JSON client reads what it waits for itself: its session parses nothing but the challenge, so a
// benchmark with hundreds of them in the server's process measures the server.
const UNPARSED = Object.keys({
  welcome: true,
  round: true,
  accepted: true,
  block: true,
  validators: true,
  proof: true,
  inclusion: true,
  chain: true,
  "validators-page": true,
  error: true,
  bye: true,
} satisfies Record<Exclude<ServerMessageType, "challenge">, true>) as ServerMessageType[];

/**
 * A minimal line client for tests and benchmarks: every received line is kept, and `next` waits for a
 * line matching a predicate (scanning from a cursor, so no line is missed between two waits). `open`
 * is a raw socket, what an `nc` user sees; `JsonClient` records a session socket's lines.
 */
export class LineClient {
  readonly lines: string[] = [];
  private cursor = 0;
  private waiters: Waiter[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("error", () => {});
    socket.on("close", () => {
      this.closed = true;
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error("connection closed while waiting"));
      }
      this.waiters = [];
    });
  }

  static open(port: number, host = "127.0.0.1"): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => {
        socket.off("error", reject);
        resolve(client);
      });
      const client = new LineClient(socket);
      const framer = new LineFramer(1 << 24);
      socket.on("data", (chunk: Buffer) => {
        for (const event of framer.push(chunk)) if (event.type === "line") client.push(event.line);
      });
      socket.once("error", reject);
    });
  }

  /** Keeps every line a session socket receives, from its greeting on; sends go to its socket as typed. */
  static record(session: SessionSocket): LineClient {
    session.start();
    const client = new LineClient(session.socket!);
    session.on("line", (line) => client.push(line));
    return client;
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** The next line (after the cursor) that matches; moves the cursor past it. */
  next(match: (line: string) => boolean = () => true, timeoutMs = 10_000): Promise<string> {
    while (this.cursor < this.lines.length) {
      const line = this.lines[this.cursor++]!;
      if (match(line)) return Promise.resolve(line);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`timed out waiting for a line; last lines:\n${this.lines.slice(-5).join("\n")}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  nextStartingWith(prefix: string, timeoutMs?: number): Promise<string> {
    return this.next((line) => line.startsWith(prefix), timeoutMs);
  }

  close(): void {
    this.socket.destroy();
  }

  waitClosed(timeoutMs = 5000): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("still open")), timeoutMs);
      this.socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private push(line: string): void {
    this.lines.push(line);
    const waiter = this.waiters[0];
    if (waiter?.match(line)) {
      this.cursor = this.lines.length;
      this.waiters.shift();
      clearTimeout(waiter.timer);
      waiter.resolve(line);
    } else if (waiter) {
      // Not it: keep scanning; the cursor moves on so the next wait starts after this line.
      this.cursor = this.lines.length;
    }
  }
}

/** A JSON-dialect client that has completed the handshake. */
export class JsonClient {
  private constructor(
    readonly client: LineClient,
    readonly keys: KeyPair | null,
    readonly welcome: MessageOf<ServerMessage, "welcome">,
  ) {}

  static validator(port: number, stake: string, name?: string, keys?: KeyPair): Promise<JsonClient> {
    const k = keys ?? keyPairFromSeed(new Uint8Array(randomBytes(32)));
    return JsonClient.open(port, { role: "validator", stake: BigInt(stake), name, keys: k }, k);
  }

  static watcher(port: number): Promise<JsonClient> {
    return JsonClient.open(port, { role: "watcher" }, null);
  }

  private static async open(port: number, hello: HelloSpec, keys: KeyPair | null): Promise<JsonClient> {
    const session = new SessionSocket({ host: "127.0.0.1", port, hello, lean: { raw: UNPARSED } });
    const client = LineClient.record(session);
    return new JsonClient(client, keys, await JsonClient.expect(client, "welcome"));
  }

  static async expect<T extends ServerMessage["type"]>(
    client: LineClient,
    type: T,
    timeoutMs?: number,
  ): Promise<MessageOf<ServerMessage, T>> {
    const line = await client.next(
      (l) => l.startsWith("{") && decodeServerMessage(l).ok && JSON.parse(l).type === type,
      timeoutMs,
    );
    const decoded = decodeServerMessage(line);
    if (!decoded.ok) throw decoded.error;
    return decoded.value as MessageOf<ServerMessage, T>;
  }

  send(message: ClientMessage): void {
    this.client.send(encodeMessage(message));
  }

  /** Submits a signed candidate extending the tip the round was opened on. */
  submitFor(
    round: { round: number; tipIndex: number; tipHash: string; opensAt?: string; closesAt: string },
    bpm = 70,
  ): void {
    const fields = {
      Index: round.tipIndex + 1,
      Timestamp: candidateTimestamp(round, Date.now()),
      BPM: bpm,
      PrevHash: round.tipHash,
    };
    this.send({ type: "submit", round: round.round, block: signBlock(fields, this.keys!) });
  }

  expect<T extends ServerMessage["type"]>(type: T, timeoutMs?: number): Promise<MessageOf<ServerMessage, T>> {
    return JsonClient.expect(this.client, type, timeoutMs);
  }

  close(): void {
    this.client.close();
  }
}
