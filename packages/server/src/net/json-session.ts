import {
  authMessage,
  blockMessage,
  type ClientMessage,
  checkStakeCap,
  decodeClientMessage,
  ErrorCode,
  encodeMessage,
  type Hello,
  inclusionMessage,
  type MessageOf,
  nameClaimError,
  type PosError,
  PROTOCOL_VERSION,
  parseName,
  parseStake,
  proofMessage,
  publicKeyIssue,
  type ServerMessage,
  toHex,
  verifyBytes,
} from "@pos-tui/core";
import type { BlockNews, Broadcast, RefusedNews, RoundNews, ValidatorNews } from "./broadcast.js";
import { SHUTTING_DOWN } from "./closing.js";
import type { Connection } from "./connection.js";
import type { Hub, Session } from "./hub.js";

const RECENT_BLOCKS = 100;
const VALIDATORS_PAGE = 100;

type State =
  | { phase: "hello" }
  | { phase: "auth"; hello: Hello & { publicKey: string; stake: string }; name: string | null; nonce: string }
  | { phase: "ready"; validator: string | null };

/** NDJSON for programs: hello -> challenge -> auth -> welcome, then requests and pushes. */
export class JsonSession implements Session {
  private state: State = { phase: "hello" };
  /** The round of this connection's last stake change: one per round. */
  private stakeChangedIn: number | null = null;
  private readonly deadline: NodeJS.Timeout;

  constructor(
    private readonly connection: Connection,
    private readonly hub: Hub,
  ) {
    this.deadline = setTimeout(() => {
      this.error(
        ErrorCode.HandshakeTimeout,
        `no complete handshake within ${hub.handshakeMs / 1000} s: reconnect`,
      );
      this.connection.end();
    }, hub.handshakeMs);
    this.deadline.unref();
  }

  line(line: string): void {
    const decoded = decodeClientMessage(line);
    if (!decoded.ok) {
      this.hub.rejected(this.connection, { code: decoded.error.code }, "rejected JSON message");
      return this.error(decoded.error.code, decoded.error.message);
    }
    const message = decoded.value;
    switch (this.state.phase) {
      case "hello":
        if (message.type !== "hello")
          return this.error(ErrorCode.NotAuthenticated, 'say hello first: {"type":"hello",...}');
        return this.hello(message);
      case "auth":
        if (message.type !== "auth")
          return this.error(ErrorCode.NotAuthenticated, "answer the challenge with an auth message first");
        return this.auth(message, this.state);
      case "ready":
        return this.request(message, this.state.validator);
    }
  }

  closed(): void {
    clearTimeout(this.deadline);
    if (this.state.phase !== "ready" || this.state.validator === null) return;
    this.hub.leave(this.state.validator);
    this.hub.log.info({ validator: this.state.validator, dialect: "json" }, "validator left");
  }

  // Pushes reach a client from its welcome on: before it, it knows no tip to read them against.

  pushRound(news: Broadcast<RoundNews>): void {
    if (this.state.phase === "ready") this.connection.send(news.format("json", encodeMessage));
  }

  pushBlock(news: Broadcast<BlockNews>): void {
    if (this.state.phase !== "ready") return;
    this.connection.send(news.format("json", blockPush));
    // Only a candidate of the round hears of its own place in it, right after the block.
    const { validator } = this.state;
    if (validator !== null) {
      const { block, proof, tree } = news.event;
      const inclusion = inclusionMessage(block, proof, tree, validator);
      if (inclusion) this.send(inclusion);
    }
  }

  pushValidators(news: Broadcast<ValidatorNews>): void {
    if (this.state.phase === "ready")
      this.connection.send(
        news.format("json", (changes) => encodeMessage({ type: "validators", changes: [...changes] })),
      );
  }

  roundRefused({ round, error, candidates }: RefusedNews): void {
    if (this.state.phase === "ready" && this.state.validator !== null && candidates.has(this.state.validator))
      this.error(error.code, `round ${round} made no block: ${error.message}`);
  }

  goodbye(): void {
    this.connection.end(encodeMessage({ type: "bye", code: ErrorCode.ShuttingDown, reason: SHUTTING_DOWN }));
  }

  closeWith(error: PosError): void {
    this.connection.end(encodeMessage({ type: "error", code: error.code, message: error.message }));
  }

  private send(message: ServerMessage): void {
    this.connection.send(encodeMessage(message));
  }

  private error(code: string, message: string): void {
    this.send({ type: "error", code, message });
  }

  private hello(hello: Hello): void {
    if (hello.version !== PROTOCOL_VERSION)
      return this.error(
        ErrorCode.UnsupportedVersion,
        `this server speaks protocol version ${PROTOCOL_VERSION}, not ${hello.version}: upgrade the client`,
      );
    let name: string | null = null;
    if (hello.name !== undefined) {
      const parsed = parseName(hello.name);
      if (!parsed.ok) return this.error(parsed.error.code, parsed.error.message);
      name = parsed.value;
    }
    if (hello.role === "watcher") return this.welcome(null);
    const { publicKey, stake } = hello;
    if (publicKey === undefined || stake === undefined)
      return this.error(ErrorCode.BadMessage, "a validator's hello needs stake and publicKey");
    const keyIssue = publicKeyIssue(publicKey);
    if (keyIssue) {
      this.hub.log.info({ connection: this.connection.id, validator: publicKey }, "refused a weak key");
      return this.error(ErrorCode.BadKey, keyIssue);
    }
    if (this.hub.consensus.validators.isOnline(publicKey)) return this.refuseOnlineKey(publicKey);
    const capped = checkStakeCap(BigInt(stake), this.hub.maxStake);
    if (capped) return this.refuse(capped.code, capped.message);
    const taken = name === null ? null : nameClaimError(this.hub.consensus.validators, publicKey, name);
    if (taken) return this.refuse(taken.code, taken.message);
    const nonce = toHex(this.hub.randomBytes(32));
    this.state = { phase: "auth", hello: { ...hello, publicKey, stake }, name, nonce };
    this.send({ type: "challenge", nonce });
  }

  private auth(message: MessageOf<ClientMessage, "auth">, state: Extract<State, { phase: "auth" }>): void {
    const { publicKey, stake } = state.hello;
    if (!verifyBytes(publicKey, authMessage(state.nonce), message.signature)) {
      this.hub.rejected(this.connection, { validator: publicKey }, "failed authentication");
      this.error(
        ErrorCode.AuthFailed,
        "the signature does not match your public key: sign the challenge nonce",
      );
      this.connection.end();
      return;
    }
    // Checked again: another connection may have logged in with this key while we waited.
    if (this.hub.consensus.validators.isOnline(publicKey)) return this.refuseOnlineKey(publicKey);
    const taken =
      state.name === null ? null : nameClaimError(this.hub.consensus.validators, publicKey, state.name);
    if (taken) return this.refuse(taken.code, taken.message);
    const parsedStake = parseStake(stake);
    if (!parsedStake.ok) return this.error(parsedStake.error.code, parsedStake.error.message);
    const before = this.hub.consensus.validators.get(publicKey)?.stake;
    const info = this.hub.join(publicKey, state.name, parsedStake.value);
    this.hub.log.info(
      { validator: publicKey, name: info.name, stake: info.stake, dialect: "json" },
      "validator joined",
    );
    // A returning key that asks for another stake is told so, and so is the teacher's log.
    const stakeChange =
      before !== undefined && before !== parsedStake.value
        ? { from: before.toString(), to: parsedStake.value.toString() }
        : undefined;
    if (stakeChange)
      this.hub.log.info(
        { validator: publicKey, name: info.name, ...stakeChange },
        `validator ${info.name ?? publicKey.slice(0, 8)} came back with stake ${stakeChange.to} (was ${stakeChange.from}): it counts from the next round`,
      );
    this.welcome(publicKey, stakeChange);
  }

  private refuseOnlineKey(publicKey: string): void {
    this.refuse(
      ErrorCode.KeyOnline,
      `validator ${publicKey.slice(0, 8)} is already connected: close the other client first`,
    );
  }

  /** Refuses a login whose retry with the same hello cannot succeed, and closes. */
  private refuse(code: string, message: string): void {
    this.hub.log.info({ connection: this.connection.id, code }, `refused a login: ${message}`);
    this.error(code, message);
    this.connection.end();
  }

  private welcome(validator: string | null, stakeChange?: { from: string; to: string }): void {
    clearTimeout(this.deadline);
    const { consensus } = this.hub;
    this.state = { phase: "ready", validator };
    this.send({
      type: "welcome",
      version: PROTOCOL_VERSION,
      you: validator === null ? null : (consensus.validators.info(validator) ?? null),
      tip: { index: consensus.tip.Index, hash: consensus.tip.Hash },
      blocks: consensus.blocks(RECENT_BLOCKS),
      validators: consensus.validators.summary(),
      validatorCount: consensus.validators.size,
      round: consensus.currentRound,
      ...(stakeChange ? { stakeChange } : {}),
    });
    this.hub.identified(this.connection);
  }

  private request(message: ClientMessage, validator: string | null): void {
    const { consensus } = this.hub;
    switch (message.type) {
      case "hello":
      case "auth":
        return this.error(ErrorCode.BadMessage, "the handshake is already done");
      case "submit": {
        if (validator === null || message.block.Validator !== validator)
          return this.error(
            ErrorCode.NotValidator,
            "submit candidates signed with your own key (watchers cannot submit)",
          );
        const result = consensus.submit(message.round, message.block);
        if (!result.ok) {
          this.hub.rejected(this.connection, { validator, code: result.error.code }, "rejected candidate");
          return this.error(result.error.code, result.error.message);
        }
        return this.send({ type: "accepted", ...result.value });
      }
      case "stake": {
        if (validator === null) return this.error(ErrorCode.NotValidator, "watchers have no stake");
        const capped = checkStakeCap(BigInt(message.stake), this.hub.maxStake);
        if (capped) return this.error(capped.code, capped.message);
        const round = consensus.roundNumber;
        if (round !== null && this.stakeChangedIn === round)
          return this.error(
            ErrorCode.RateLimited,
            `one stake change per round: the one you made in round ${round} counts from round ${round + 1}; change it again once round ${round + 1} has started`,
          );
        const info = consensus.validators.requestStake(validator, BigInt(message.stake));
        if (!info) return;
        this.stakeChangedIn = round;
        // Only the sender hears now. Everyone else hears once, when the round it counts from starts:
        // toggling a stake cannot make the server shout at every watcher.
        return this.send({ type: "validators", changes: [info] });
      }
      case "proof": {
        const record =
          message.round !== undefined
            ? consensus.recordForRound(message.round)
            : consensus.recordAt(message.blockIndex ?? -1);
        if (!record?.proof)
          return this.error(
            ErrorCode.UnknownRound,
            message.round !== undefined
              ? `round ${message.round} produced no block: nothing to prove`
              : `block ${message.blockIndex} is not on the chain after genesis: nothing to prove`,
          );
        const { proof, block } = record;
        return this.send(proofMessage(block, proof, this.hub.rootOf(proof.round, proof.candidates)));
      }
      case "chain":
        return this.send({ type: "chain", blocks: consensus.blocks(message.limit ?? 100, message.before) });
      case "validators-page":
        return this.send({
          type: "validators-page",
          ...consensus.validators.page(message.after, message.limit ?? VALIDATORS_PAGE),
        });
    }
  }
}

function blockPush({ block, proof, winnerName, tree }: BlockNews): string {
  return encodeMessage(blockMessage(block, proof, tree, winnerName));
}
