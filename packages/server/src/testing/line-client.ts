import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import {
  authMessage,
  type ClientMessage,
  candidateTimestamp,
  decodeServerMessage,
  encodeMessage,
  type KeyPair,
  keyPairFromSeed,
  LineFramer,
  type MessageOf,
  PROTOCOL_VERSION,
  type ServerMessage,
  signBlock,
  signBytes,
} from "@pos-tui/core";

type Waiter = {
  match: (line: string) => boolean;
  resolve: (line: string) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * A minimal line client for tests and benchmarks: every received line is kept, and `next` waits for a
 * line matching a predicate (scanning from a cursor, so no line is missed between two waits).
 */
export class LineClient {
  readonly lines: string[] = [];
  private cursor = 0;
  private waiters: Waiter[] = [];
  private readonly framer = new LineFramer(1 << 24);
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      for (const event of this.framer.push(chunk)) if (event.type === "line") this.push(event.line);
    });
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
        resolve(new LineClient(socket));
      });
      socket.once("error", reject);
    });
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

  static async validator(port: number, stake: string, name?: string, keys?: KeyPair): Promise<JsonClient> {
    const k = keys ?? keyPairFromSeed(new Uint8Array(randomBytes(32)));
    const client = await LineClient.open(port);
    client.send(
      encodeMessage({
        type: "hello",
        version: PROTOCOL_VERSION,
        role: "validator",
        stake,
        publicKey: k.publicKey,
        ...(name ? { name } : {}),
      }),
    );
    const challenge = await JsonClient.expect(client, "challenge");
    client.send(
      encodeMessage({ type: "auth", signature: signBytes(k.privateKey, authMessage(challenge.nonce)) }),
    );
    return new JsonClient(client, k, await JsonClient.expect(client, "welcome"));
  }

  static async watcher(port: number): Promise<JsonClient> {
    const client = await LineClient.open(port);
    client.send(encodeMessage({ type: "hello", version: PROTOCOL_VERSION, role: "watcher" }));
    return new JsonClient(client, null, await JsonClient.expect(client, "welcome"));
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
