import { EventEmitter } from "node:events";
import { createConnection, type Socket } from "node:net";
import {
  authMessage,
  type ClientMessage,
  decodeServerMessage,
  encodeMessage,
  type KeyPair,
  LineFramer,
  PROTOCOL_VERSION,
  type ServerMessage,
  sanitizeText,
  signBytes,
} from "@pos-tui/core";
import type { ConnectionState } from "./connection-state.js";
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from "./reconnect-delay.js";

export type HelloSpec =
  | { role: "watcher"; name?: string | undefined }
  | { role: "validator"; name?: string | undefined; stake: bigint; keys: KeyPair };

export interface ConnectionOptions {
  host: string;
  port: number;
  hello: HelloSpec;
  random?: () => number;
  policy?: ReconnectPolicy;
  /** Past this many failed attempts in a row the connection gives up and closes; default: never. */
  maxAttempts?: number;
}

export interface ConnectionEvents {
  state: [ConnectionState];
  message: [ServerMessage];
}

// A `chain` answer of 1000 blocks is ~350 KB, past the server's 64 KiB request cap; the server is
// trusted more than peers are, but still bounded.
const MAX_INCOMING_LINE = 8 * 1024 * 1024;

/**
 * One JSON-mode session with reconnect. No React here: the TUI, the bots and the tests all use it.
 * hello -> (challenge -> auth) -> welcome, then pushes. A lost socket is retried with capped
 * exponential backoff and jitter; the same key comes back as the same validator.
 */
export class Connection extends EventEmitter<ConnectionEvents> {
  private socket: Socket | null = null;
  private framer = new LineFramer(MAX_INCOMING_LINE);
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private welcomed = false;
  private reopenNow = false;
  private lastReason = "";
  private current: ConnectionState = { kind: "idle" };
  private hello: HelloSpec;
  private readonly random: () => number;
  private readonly policy: ReconnectPolicy;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.hello = options.hello;
    this.random = options.random ?? Math.random;
    this.policy = options.policy ?? DEFAULT_RECONNECT_POLICY;
  }

  get state(): ConnectionState {
    return this.current;
  }

  get role(): HelloSpec["role"] {
    return this.hello.role;
  }

  get host(): string {
    return this.options.host;
  }

  get port(): number {
    return this.options.port;
  }

  start(): void {
    if (this.socket !== null || this.timer !== null || this.stopped) return;
    this.open();
  }

  /** Sends a request; false when there is no authenticated session to send it on. */
  send(message: ClientMessage): boolean {
    if (this.socket === null || !this.welcomed) return false;
    this.socket.write(encodeMessage(message));
    return true;
  }

  /**
   * A new hello (e.g. a watcher that has just chosen a stake becomes a validator): the session is
   * dropped and reopened at once, without backoff.
   */
  rehello(hello: HelloSpec): void {
    this.hello = hello;
    if (this.stopped) return;
    this.failures = 0;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.open();
    } else if (this.socket !== null) {
      this.reopenNow = true;
      this.socket.destroy();
    } else this.open();
  }

  /** Closes for good; resolves once the socket is gone. */
  close(reason = "you quit"): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    if (socket === null || socket.destroyed) {
      this.setState({ kind: "closed", reason });
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      socket.once("close", () => resolve());
      this.lastReason = reason;
      socket.end();
      // A server that never answers our FIN must not keep the process alive.
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  private open(): void {
    this.timer = null;
    this.welcomed = false;
    this.framer = new LineFramer(MAX_INCOMING_LINE);
    this.setState({ kind: "connecting", attempt: this.failures });
    const socket = createConnection({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on("connect", () => socket.write(encodeMessage(this.helloMessage())));
    socket.on("data", (chunk: Buffer) => {
      if (this.socket !== socket) return;
      for (const event of this.framer.push(chunk)) {
        if (event.type === "overflow") this.lastReason = `the server sent a line over ${event.limit} bytes`;
        else this.handleLine(socket, event.line);
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      this.lastReason = describeSocketError(error);
    });
    socket.on("close", () => this.onClosed(socket));
  }

  private helloMessage(): ClientMessage {
    const hello = this.hello;
    const name = hello.name === undefined ? {} : { name: hello.name };
    if (hello.role === "watcher")
      return { type: "hello", version: PROTOCOL_VERSION, role: "watcher", ...name };
    return {
      type: "hello",
      version: PROTOCOL_VERSION,
      role: "validator",
      ...name,
      stake: hello.stake.toString(),
      publicKey: hello.keys.publicKey,
    };
  }

  private handleLine(socket: Socket, line: string): void {
    // Every connection is greeted with the text prompt; only lines starting with `{` are messages.
    if (!line.startsWith("{")) return;
    const decoded = decodeServerMessage(line);
    if (!decoded.ok) {
      // Before the handshake a text broadcast (a block as a JSON line) can arrive: not a message.
      if (!this.welcomed) return;
      this.emit("message", { type: "error", code: decoded.error.code, message: decoded.error.message });
      return;
    }
    const message = decoded.value;
    if (message.type === "challenge" && this.hello.role === "validator") {
      const signature = signBytes(this.hello.keys.privateKey, authMessage(message.nonce));
      socket.write(encodeMessage({ type: "auth", signature }));
      return;
    }
    if (message.type === "welcome") {
      this.welcomed = true;
      this.failures = 0;
      this.lastReason = "";
      this.setState({ kind: "connected" });
    } else if (message.type === "bye") {
      this.lastReason = `server said bye: ${sanitizeText(message.reason, 200)}`;
    } else if (message.type === "error" && !this.welcomed) {
      this.lastReason = `${message.code}: ${sanitizeText(message.message, 200)}`;
    }
    this.emit("message", message);
  }

  private onClosed(socket: Socket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.welcomed = false;
    if (this.stopped) {
      this.setState({ kind: "closed", reason: this.lastReason || "closed" });
      return;
    }
    if (this.reopenNow) {
      this.reopenNow = false;
      this.open();
      return;
    }
    this.failures++;
    const reason = this.lastReason || "the server closed the connection";
    if (this.options.maxAttempts !== undefined && this.failures > this.options.maxAttempts) {
      this.stopped = true;
      this.setState({ kind: "closed", reason });
      return;
    }
    const delay = reconnectDelay(this.failures, this.random, this.policy);
    this.setState({ kind: "reconnecting", attempt: this.failures, retryAt: Date.now() + delay, reason });
    this.timer = setTimeout(() => this.open(), delay);
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.emit("state", state);
  }
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  if (error.code === "ECONNREFUSED") return "connection refused (is pos-server running?)";
  if (error.code === "ECONNRESET") return "the connection was reset";
  if (error.code === "ENOTFOUND") return "unknown host";
  return sanitizeText(error.message, 200);
}
