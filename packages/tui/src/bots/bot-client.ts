import { createConnection, type Socket } from "node:net";
import {
  authMessage,
  type Block,
  type ClientMessage,
  decodeServerMessage,
  encodeMessage,
  type KeyPair,
  LineFramer,
  type MessageOf,
  PROTOCOL_VERSION,
  type ProofMessage,
  type RoundMessage,
  roundMessageSchema,
  type ServerMessage,
  sanitizeText,
  signBytes,
} from "@pos-tui/core";

export interface BotSpec {
  name: string;
  stake: bigint;
  keys: KeyPair;
}

export type BlockPush = MessageOf<ServerMessage, "block">;

/** What a bot tells its fleet; the fleet keeps every tally so each bot stays a few fields big. */
export interface BotHooks {
  round(bot: BotClient, round: RoundMessage): void;
  accepted(bot: BotClient, round: number): void;
  rejected(bot: BotClient, round: number, code: string, message: string): void;
  block(bot: BotClient, push: BlockPush): void;
  closed(bot: BotClient, reason: string): void;
}

const WELCOME = '{"type":"welcome"';
// A welcome lists every validator (~200 bytes each): 1,000 bots make it ~200 KB, past the 64 KiB
// default that guards against peers. The server is trusted more than peers are, but still bounded.
const MAX_INCOMING_LINE = 8 * 1024 * 1024;
// `validators` pushes (joins, batched by the server, to every client) are much of the traffic while a
// fleet connects, and bots never read them: recognise them by their first bytes instead of parsing them.
const VALIDATORS_PUSH = '{"type":"validators"';

type Pending =
  | { kind: "submit"; round: number }
  | { kind: "proof"; done: (proof: ProofMessage | null) => void };

/**
 * A lean JSON-mode validator for fleets of hundreds: one socket, no timers, no reconnect, no React.
 * It answers the challenge, then on every `round` push asks its fleet whether to submit a candidate.
 * Requests are answered in order on a connection, so a FIFO pairs answers with requests.
 */
export class BotClient {
  /** Block pushes received since the welcome. */
  blocksSeen = 0;
  /** The chain tip when this bot was welcomed, -1 before. */
  welcomeTip = -1;
  /** The round open at the welcome: joined during it, the bot's stake counts from the next one. */
  welcomeRound = -1;
  /** The highest block index seen in a push (or the welcome tip). */
  lastBlockIndex = -1;
  ready = false;
  private socket: Socket | null = null;
  private framer = new LineFramer(MAX_INCOMING_LINE);
  private pending: Pending[] = [];
  private closedReason: string | null = null;
  private welcomed: ((error: Error | null) => void) | null = null;

  constructor(
    readonly index: number,
    readonly spec: BotSpec,
    private readonly hooks: BotHooks,
  ) {}

  get closed(): boolean {
    return this.closedReason !== null;
  }

  /** Why the bot is gone (or is going), null while it is fine. */
  get closeReason(): string | null {
    return this.closedReason;
  }

  /** Resolves once welcomed; rejects with the server's reason if the handshake fails. */
  connect(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.welcomed = (error) => (error ? reject(error) : resolve());
      const socket = createConnection({ host, port });
      this.socket = socket;
      socket.setNoDelay(true);
      let lastError = "";
      socket.on("connect", () => this.write(this.hello()));
      socket.on("data", (chunk: Buffer) => {
        for (const event of this.framer.push(chunk)) {
          if (event.type === "line") this.line(event.line);
          else lastError = `the server sent a line over ${event.limit} bytes`;
        }
      });
      socket.on("error", (error: NodeJS.ErrnoException) => {
        lastError =
          error.code === "ECONNREFUSED" ? "connection refused (is pos-server running?)" : error.message;
      });
      socket.on("close", () => this.onClose(lastError || "the server closed the connection"));
    });
  }

  submit(round: RoundMessage, block: Block): void {
    this.pending.push({ kind: "submit", round: round.round });
    this.write({ type: "submit", round: round.round, block });
  }

  /** The full candidate list of a round; null when the server does not know it or the bot is gone. */
  proof(round: number): Promise<ProofMessage | null> {
    if (!this.ready) return Promise.resolve(null);
    return new Promise((done) => {
      this.pending.push({ kind: "proof", done });
      this.write({ type: "proof", round });
    });
  }

  /** True while a submit or proof request still waits for its answer. */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (socket === null || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once("close", () => resolve());
      socket.end();
      // A server that never answers our FIN must not keep the process alive.
      setTimeout(() => socket.destroy(), 500).unref();
    });
  }

  private hello(): ClientMessage {
    return {
      type: "hello",
      version: PROTOCOL_VERSION,
      role: "validator",
      name: this.spec.name,
      stake: this.spec.stake.toString(),
      publicKey: this.spec.keys.publicKey,
    };
  }

  private write(message: ClientMessage): void {
    if (this.socket !== null && !this.socket.destroyed) this.socket.write(encodeMessage(message));
  }

  private line(line: string): void {
    // The text greeting (and anything else not JSON) comes before the handshake: skip it.
    if (!line.startsWith("{") || line.startsWith(VALIDATORS_PUSH)) return;
    if (line.startsWith(WELCOME)) return this.welcome(line);
    const decoded = decodeServerMessage(line);
    if (!decoded.ok) return;
    const message = decoded.value;
    switch (message.type) {
      case "challenge":
        return this.write({
          type: "auth",
          signature: signBytes(this.spec.keys.privateKey, authMessage(message.nonce)),
        });
      case "welcome":
        return this.welcome(line);
      case "round":
        return this.hooks.round(this, message);
      case "block":
        this.blocksSeen++;
        this.lastBlockIndex = Math.max(this.lastBlockIndex, message.block.Index);
        return this.hooks.block(this, message);
      case "accepted":
        return this.answered(message, null);
      case "proof":
        return this.answered(message, message);
      case "error":
        if (!this.ready) {
          this.closedReason ??= `${message.code}: ${sanitizeText(message.message, 200)}`;
          return;
        }
        return this.answered(message, null);
      case "bye":
        this.closedReason ??= `the server said bye: ${sanitizeText(message.reason, 200)}`;
        return;
      default:
        return;
    }
  }

  /**
   * A bot needs only the tip and the open round from its welcome. Checking just those keeps a
   * thousand welcomes, each listing a thousand validators, from costing seconds of validation.
   */
  private welcome(line: string): void {
    let raw: { tip?: { index?: unknown }; round?: unknown };
    try {
      raw = JSON.parse(line) as typeof raw;
    } catch {
      return;
    }
    const tip = raw.tip?.index;
    const round = raw.round === null ? null : roundMessageSchema.safeParse(raw.round);
    if (typeof tip !== "number" || !Number.isSafeInteger(tip) || (round !== null && !round.success)) return;
    this.ready = true;
    this.welcomeTip = tip;
    this.welcomeRound = round?.success ? round.data.round : -1;
    this.lastBlockIndex = tip;
    this.welcomed?.(null);
    this.welcomed = null;
    if (round?.success) this.hooks.round(this, round.data);
  }

  private answered(message: ServerMessage, proof: ProofMessage | null): void {
    const request = this.pending.shift();
    if (request === undefined) return;
    if (request.kind === "proof") return request.done(proof);
    if (message.type === "accepted") this.hooks.accepted(this, request.round);
    else if (message.type === "error")
      this.hooks.rejected(this, request.round, message.code, sanitizeText(message.message, 200));
  }

  private onClose(reason: string): void {
    this.ready = false;
    this.socket = null;
    this.closedReason ??= reason;
    for (const request of this.pending.splice(0)) if (request.kind === "proof") request.done(null);
    if (this.welcomed) {
      this.welcomed(new Error(this.closedReason));
      this.welcomed = null;
      return;
    }
    this.hooks.closed(this, this.closedReason);
  }
}
