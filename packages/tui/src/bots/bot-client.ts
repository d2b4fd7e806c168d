import {
  type Block,
  type BlockVerdict,
  decodeServerMessage,
  type KeyPair,
  LiveVerifier,
  type MessageOf,
  type ProofMessage,
  type RoundMessage,
  roundMessageSchema,
  type ServerMessage,
  sanitizeText,
} from "@pos-tui/core";
import { SessionSocket } from "../client/session-socket.js";

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
  /** With verification on: a counted block's final verdict (see expectVerdict). */
  verdict?(bot: BotClient, verdict: BlockVerdict): void;
}

// `validators` pushes (joins, batched by the server, to every client) are much of the traffic while a
// fleet connects, and bots never read them; a welcome lists every validator (~200 KB for a thousand
// bots) and a bot needs only its tip and round.
const LEAN = { skip: ["validators"], raw: ["welcome"] } as const;
// A verifying bot reads the `validators` pushes: the stakes that count in a round are what it holds
// the winner's leaf to.
const LEAN_VERIFYING = { raw: ["welcome"] } as const;
/** A verifying bot remembers a few rounds' blocks: its verdicts are settled at the next round. */
const VERIFIER_MEMORY = { blocks: 16, rounds: 16 };
const CODE_CHARS = 40;
const REASON_CHARS = 200;

type Pending =
  | { kind: "submit"; round: number }
  | { kind: "proof"; done: (proof: ProofMessage | null) => void }
  /** A request the bot's LiveVerifier asked for: its answer goes back to the verifier. */
  | { kind: "verifier" };

/**
 * A lean validator for fleets of hundreds: a session socket in lean mode, no reconnect, no React.
 * On every `round` push it asks its fleet whether to submit a candidate. Requests are answered in
 * order on a connection, so a FIFO pairs answers with requests.
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
  private session: SessionSocket | null = null;
  private pending: Pending[] = [];
  private closedReason: string | null = null;
  /** Checks every message the bot receives (`bots --verify`); null keeps the bot cheap. */
  private readonly verifier: LiveVerifier | null;
  /** Counted blocks whose verdict is reported at the next round push (or when the fleet stops). */
  private awaiting: number[] = [];

  constructor(
    readonly index: number,
    readonly spec: BotSpec,
    private readonly hooks: BotHooks,
    verify = false,
  ) {
    this.verifier = verify ? new LiveVerifier(VERIFIER_MEMORY) : null;
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  /** Why the bot is gone (or is going), null while it is fine. */
  get closeReason(): string | null {
    return this.closedReason;
  }

  /** Resolves once welcomed; rejects with the server's reason if the handshake fails. */
  async connect(host: string, port: number): Promise<void> {
    const { name, stake, keys } = this.spec;
    const session = new SessionSocket({
      host,
      port,
      hello: { role: "validator", name, stake, keys },
      lean: this.verifier === null ? LEAN : LEAN_VERIFYING,
    });
    this.session = session;
    session.on("raw", (_type, line) => this.welcome(line));
    session.on("message", (message) => this.message(message));
    session.on("state", (state) => {
      if (state.kind === "closed") this.onClose(state.reason);
    });
    try {
      await session.connected();
    } catch (error) {
      this.closedReason ??= (error as Error).message;
      throw error;
    }
    if (!this.ready) {
      this.closedReason ??= "the server's welcome could not be read";
      await session.close(this.closedReason);
      throw new Error(this.closedReason);
    }
  }

  submit(round: RoundMessage, block: Block): void {
    if (this.session?.send({ type: "submit", round: round.round, block }))
      this.pending.push({ kind: "submit", round: round.round });
  }

  /** The full candidate list of a round; null when the server does not know it or the bot is gone. */
  proof(round: number): Promise<ProofMessage | null> {
    if (!this.ready) return Promise.resolve(null);
    return new Promise((done) => {
      if (this.session?.send({ type: "proof", round })) this.pending.push({ kind: "proof", done });
      else done(null);
    });
  }

  /** True while a submit or proof request still waits for its answer. */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  close(): Promise<void> {
    return this.session?.close("the fleet stopped") ?? Promise.resolve();
  }

  /** With verification on: report block `index`'s verdict once it is settled. */
  expectVerdict(index: number): void {
    if (this.verifier !== null) this.awaiting.push(index);
  }

  /**
   * Reports the verdicts still awaited, as they stand. A block's checks are all in by the next round
   * push (its inclusion proof comes right after it, or is missing for good), so that is when they go.
   */
  settleVerdicts(): void {
    if (this.verifier === null || this.awaiting.length === 0) return;
    for (const index of this.awaiting.splice(0)) {
      const verdict = this.verifier.verdict(index);
      if (verdict !== undefined) this.hooks.verdict?.(this, verdict);
    }
  }

  /** Feeds the verifier and sends what it asks for. */
  private verify(message: ServerMessage): void {
    if (this.verifier === null) return;
    for (const request of this.verifier.receive(message).requests) {
      // Proofs of the blocks from before the bot joined (a welcome's hundred) would cost every bot a
      // hundred full candidate lists, and those blocks are not counted: `pos-tui verify` audits them.
      if (request.type === "proof") continue;
      if (this.session?.send(request)) this.pending.push({ kind: "verifier" });
    }
  }

  private message(message: ServerMessage): void {
    // An error answers a request: only the verifier's own go back to it.
    if (message.type !== "error" || this.pending[0]?.kind === "verifier") this.verify(message);
    switch (message.type) {
      case "round":
        this.settleVerdicts();
        return this.hooks.round(this, message);
      case "block":
        this.blocksSeen++;
        this.lastBlockIndex = Math.max(this.lastBlockIndex, message.block.Index);
        return this.hooks.block(this, message);
      case "accepted":
        return this.answered(message, null);
      case "proof":
        return this.answered(message, message);
      case "chain":
        return this.answered(message, null);
      case "error":
        // Before the welcome the session keeps the server's reason for its close.
        if (this.ready) this.answered(message, null);
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
    if (this.verifier !== null) {
      const decoded = decodeServerMessage(line);
      if (decoded.ok) this.verify(decoded.value);
    }
    const tip = raw.tip?.index;
    const round = raw.round === null ? null : roundMessageSchema.safeParse(raw.round);
    if (typeof tip !== "number" || !Number.isSafeInteger(tip) || (round !== null && !round.success)) return;
    this.ready = true;
    this.welcomeTip = tip;
    this.welcomeRound = round?.success ? round.data.round : -1;
    this.lastBlockIndex = tip;
    if (round?.success) this.hooks.round(this, round.data);
  }

  private answered(message: ServerMessage, proof: ProofMessage | null): void {
    const request = this.pending.shift();
    if (request === undefined || request.kind === "verifier") return;
    if (request.kind === "proof") return request.done(proof);
    if (message.type === "accepted") this.hooks.accepted(this, request.round);
    else if (message.type === "error")
      this.hooks.rejected(
        this,
        request.round,
        sanitizeText(message.code, CODE_CHARS),
        sanitizeText(message.message, REASON_CHARS),
      );
  }

  private onClose(reason: string): void {
    const wasReady = this.ready;
    this.ready = false;
    this.closedReason ??= reason;
    for (const request of this.pending.splice(0)) if (request.kind === "proof") request.done(null);
    // A bot that never joined is reported by connect(); one that was playing is news for its fleet.
    if (wasReady) this.hooks.closed(this, this.closedReason);
  }
}
