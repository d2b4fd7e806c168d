import { EventEmitter } from "node:events";
import { createConnection, type Socket } from "node:net";
import {
  authMessage,
  type ClientMessage,
  decodeServerMessage,
  encodeMessage,
  LineFramer,
  type ServerMessage,
  sanitizeText,
  signBytes,
} from "@pos-tui/core";
import type { ConnectionState } from "./connection-state.js";
import { type HelloSpec, helloMessage } from "./hello.js";
import { DEFAULT_RECONNECT_POLICY, type ReconnectPolicy, reconnectDelay } from "./reconnect-delay.js";

export type { HelloSpec } from "./hello.js";

export type ServerMessageType = ServerMessage["type"];

export interface ReconnectOptions {
  policy?: ReconnectPolicy;
  /** [0, 1), for the jitter; passed in so tests are exact. */
  random?: () => number;
  /** Past this many failed attempts in a row the session gives up and closes; default: never. */
  maxAttempts?: number;
}

/**
 * The bots' mode, for fleets of hundreds in one process: the server is asked for nothing the caller
 * does not read. Message types are recognised by their first bytes (`{"type":"...`), which is how the
 * server writes them; a line written otherwise is parsed, only slower.
 */
export interface LeanOptions {
  /** Pushes dropped unread (e.g. `validators`, which a fleet never looks at). */
  skip?: readonly ServerMessageType[];
  /**
   * Messages handed over unparsed in a `raw` event instead of `message`, for a caller that reads a few
   * fields of a big one (a welcome lists every validator: a thousand of them is ~200 KB).
   */
  raw?: readonly ServerMessageType[];
}

export interface SessionSocketOptions {
  host: string;
  port: number;
  hello: HelloSpec;
  /** Retry a lost session with capped exponential backoff; off (the default): one session, then closed. */
  reconnect?: boolean | ReconnectOptions;
  lean?: LeanOptions;
}

export interface SessionSocketEvents {
  state: [ConnectionState];
  message: [ServerMessage];
  /** A message of a type listed in `lean.raw`, as the line the server sent. */
  raw: [type: ServerMessageType, line: string];
  /** Every line as it arrived, greeting included: for recorders in tests. */
  line: [string];
}

// A `chain` answer of 1000 blocks is ~350 KB and a welcome to a fleet ~200 KB, past the 64 KiB cap
// that guards against peers; the server is trusted more than peers are, but still bounded.
const MAX_INCOMING_LINE = 8 * 1024 * 1024;
const REASON_CHARS = 200;
const TYPE_PREFIX = '{"type":"';

/**
 * One JSON-mode session: TCP connect, line framing, hello -> (challenge -> auth) -> welcome, typed
 * events, close. The dashboard, the bots and the tests all speak through it. No React here, so it can
 * open before the screen loads. With `reconnect`, a lost socket is retried with capped exponential
 * backoff and jitter, and the same key comes back as the same validator.
 */
export class SessionSocket extends EventEmitter<SessionSocketEvents> {
  private current: Socket | null = null;
  private framer = new LineFramer(MAX_INCOMING_LINE);
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private welcomed = false;
  private reopenNow = false;
  private lastReason = "";
  private status: ConnectionState = { kind: "idle" };
  private hello: HelloSpec;
  private readonly random: () => number;
  private readonly policy: ReconnectPolicy;
  private readonly maxAttempts: number;
  private readonly skip: ReadonlySet<string> | null;
  private readonly raw: ReadonlySet<string> | null;

  constructor(private readonly options: SessionSocketOptions) {
    super();
    this.hello = options.hello;
    const reconnect = options.reconnect === true ? {} : options.reconnect || null;
    this.random = reconnect?.random ?? Math.random;
    this.policy = reconnect?.policy ?? DEFAULT_RECONNECT_POLICY;
    this.maxAttempts = reconnect === null ? 0 : (reconnect.maxAttempts ?? Number.POSITIVE_INFINITY);
    this.skip = leanSet(options.lean?.skip);
    this.raw = leanSet(options.lean?.raw);
  }

  get state(): ConnectionState {
    return this.status;
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

  /** The TCP socket of the current attempt, null between attempts: for byte counters in benchmarks. */
  get socket(): Socket | null {
    return this.current;
  }

  /** True between the welcome and the end of that socket. */
  get ready(): boolean {
    return this.welcomed;
  }

  start(): void {
    if (this.current !== null || this.timer !== null || this.stopped) return;
    this.open();
  }

  /**
   * Starts if need be and resolves once welcomed; rejects with the reason once the session is closed
   * for good (with `reconnect`, only when the attempts run out).
   */
  connected(): Promise<void> {
    this.start();
    return new Promise((resolve, reject) => {
      const settle = (state: ConnectionState): boolean => {
        if (state.kind === "connected") resolve();
        else if (state.kind === "closed") reject(new Error(state.reason));
        else return false;
        return true;
      };
      if (settle(this.status)) return;
      const onState = (state: ConnectionState) => {
        if (settle(state)) this.off("state", onState);
      };
      this.on("state", onState);
    });
  }

  /** Sends a request; false when there is no welcomed session to send it on. */
  send(message: ClientMessage): boolean {
    if (this.current === null || !this.welcomed) return false;
    this.current.write(encodeMessage(message));
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
    } else if (this.current !== null) {
      this.reopenNow = true;
      this.current.destroy();
    } else this.open();
  }

  /** Closes for good; resolves once the socket is gone. */
  close(reason = "you quit"): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.current;
    if (socket === null || socket.destroyed) {
      if (this.status.kind !== "closed") this.setState({ kind: "closed", reason });
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
    this.current = socket;
    socket.setNoDelay(true);
    socket.on("connect", () => socket.write(encodeMessage(helloMessage(this.hello))));
    socket.on("data", (chunk: Buffer) => {
      if (this.current !== socket) return;
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

  private handleLine(socket: Socket, line: string): void {
    this.emit("line", line);
    // Every connection is greeted with the text prompt; only lines starting with `{` are messages.
    if (!line.startsWith("{")) return;
    if (this.skip !== null || this.raw !== null) {
      const type = typeOf(line);
      if (type !== null && this.skip?.has(type)) return;
      if (type !== null && this.raw?.has(type)) return this.handleRaw(type as ServerMessageType, line);
    }
    const decoded = decodeServerMessage(line);
    if (!decoded.ok) {
      // Before the handshake a text broadcast (a block as a JSON line) can arrive: not a message. A lean
      // caller pairs answers with requests in order, so a line it cannot read must not pose as one.
      if (!this.welcomed || this.skip !== null || this.raw !== null) return;
      this.emit("message", { type: "error", code: decoded.error.code, message: decoded.error.message });
      return;
    }
    const message = decoded.value;
    if (this.skip?.has(message.type)) return;
    if (this.raw?.has(message.type)) return this.handleRaw(message.type, line);
    if (message.type === "challenge") {
      if (this.hello.role === "validator") {
        const signature = signBytes(this.hello.keys.privateKey, authMessage(message.nonce));
        socket.write(encodeMessage({ type: "auth", signature }));
      }
      return;
    }
    this.noteHandshake(message);
    this.emit("message", message);
  }

  private handleRaw(type: ServerMessageType, line: string): void {
    if (type === "welcome") this.onWelcome();
    this.emit("raw", type, line);
  }

  private noteHandshake(message: ServerMessage): void {
    if (message.type === "welcome") this.onWelcome();
    else if (message.type === "bye")
      this.lastReason = `the server said bye: ${sanitizeText(message.reason, REASON_CHARS)}`;
    else if (message.type === "error" && !this.welcomed)
      this.lastReason = `${sanitizeText(message.code, 40)}: ${sanitizeText(message.message, REASON_CHARS)}`;
  }

  private onWelcome(): void {
    this.welcomed = true;
    this.failures = 0;
    this.lastReason = "";
    this.setState({ kind: "connected" });
  }

  private onClosed(socket: Socket): void {
    if (this.current !== socket) return;
    this.current = null;
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
    if (this.failures > this.maxAttempts) {
      this.stopped = true;
      this.setState({ kind: "closed", reason });
      return;
    }
    const delay = reconnectDelay(this.failures, this.random, this.policy);
    this.setState({ kind: "reconnecting", attempt: this.failures, retryAt: Date.now() + delay, reason });
    this.timer = setTimeout(() => this.open(), delay);
  }

  private setState(state: ConnectionState): void {
    this.status = state;
    this.emit("state", state);
  }
}

/** The handshake is this socket's job: a challenge is always read and answered. */
function leanSet(types: readonly ServerMessageType[] | undefined): ReadonlySet<string> | null {
  const set = new Set<string>(types?.filter((type) => type !== "challenge"));
  return set.size === 0 ? null : set;
}

/** The `type` of a line the server wrote type-first, without parsing the rest; null otherwise. */
function typeOf(line: string): string | null {
  if (!line.startsWith(TYPE_PREFIX)) return null;
  const end = line.indexOf('"', TYPE_PREFIX.length);
  return end < 0 ? null : line.slice(TYPE_PREFIX.length, end);
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  if (error.code === "ECONNREFUSED") return "connection refused (is pos-server running?)";
  if (error.code === "ECONNRESET") return "the connection was reset";
  if (error.code === "ENOTFOUND") return "unknown host";
  return sanitizeText(error.message, REASON_CHARS);
}
