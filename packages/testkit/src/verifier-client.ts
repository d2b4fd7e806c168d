import {
  type BlockVerdict,
  type CheckId,
  firstFailure,
  type KeyPair,
  LiveVerifier,
  type ServerMessage,
} from "@pos-tui/core";
import type { SessionSocket } from "../../tui/src/client/session-socket.js";
import { type AutoValidator, autoSession } from "./auto-session.js";
import { waitFor } from "./wait-for.js";

/** The first block a client found failing: which block, which check, and what it said. */
export interface FirstAlarm {
  index: number;
  hash: string;
  check: CheckId;
  message: string;
}

/**
 * A client built on core's LiveVerifier alone (what `bots --verify` and any program would use), for
 * end-to-end tests: every message goes through the verifier, the requests it asks for are sent, and
 * the first failed verdict is kept. A validator submits a candidate in every round it sees open.
 */
export class VerifierClient {
  readonly messages: ServerMessage[] = [];
  /** Every verdict the verifier reported, in order (a block's verdict again when it changed). */
  readonly verdicts: BlockVerdict[] = [];
  alarm: FirstAlarm | null = null;
  readonly keys: KeyPair | null;
  private readonly verifier = new LiveVerifier();
  private readonly connection: SessionSocket;

  private constructor(port: number, validator: AutoValidator | undefined) {
    const session = autoSession(port, validator);
    this.connection = session.connection;
    this.keys = session.keys;
    this.connection.on("message", (message) => {
      this.messages.push(message);
      const update = this.verifier.receive(message);
      for (const request of update.requests) this.connection.send(request);
      for (const verdict of update.verdicts) {
        this.verdicts.push(verdict);
        const failure = firstFailure(verdict);
        if (failure !== null)
          this.alarm ??= {
            index: verdict.index,
            hash: verdict.hash,
            check: failure.id,
            message: failure.message,
          };
      }
      if (message.type === "round") session.submit(message);
    });
  }

  static async open(options: { port: number; validator?: AutoValidator }): Promise<VerifierClient> {
    const client = new VerifierClient(options.port, options.validator);
    await client.connection.connected();
    return client;
  }

  get publicKey(): string {
    if (this.keys === null) throw new Error("a watcher has no key");
    return this.keys.publicKey;
  }

  /** The verifier's current verdict of a block it still remembers. */
  verdict(index: number): BlockVerdict | undefined {
    return this.verifier.verdict(index);
  }

  /** Resolves with the first truthy `probe(this)`; fails after `timeoutMs` showing the last messages. */
  until<T>(probe: (client: VerifierClient) => T, what: string, timeoutMs = 20_000) {
    return waitFor(
      () => probe(this),
      timeoutMs,
      what,
      () =>
        this.messages
          .slice(-6)
          .map((m) => JSON.stringify(m).slice(0, 300))
          .join("\n"),
    );
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
