import { type KeyPair, LiveVerifier, type ServerMessage } from "@pos-tui/core";
import type { SessionSocket } from "../../tui/src/client/session-socket.js";
// The dashboard's own state layer: what a student's screen would conclude, minus React.
import {
  type DashboardEvent,
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
} from "../../tui/src/state/dashboard-state.js";
import { verifiedEvent } from "../../tui/src/state/verified-feed.js";
import { type AutoValidator, autoSession } from "./auto-session.js";
import { waitFor } from "./wait-for.js";

export interface DashboardClientOptions {
  port: number;
  validator?: AutoValidator;
}

/**
 * A dashboard without a screen, for end-to-end tests: the real SessionSocket (reconnecting, as the
 * dashboard does) feeds each message through a LiveVerifier into the real dashboard reducer, sending
 * the verifier's requests, as the screen's hook does; a validator submits a candidate in every round
 * it sees open, as auto mode does (until a block fails its checks). Every message is kept, in order,
 * for evidence.
 */
export class DashboardClient {
  state: DashboardState;
  readonly messages: ServerMessage[] = [];
  readonly keys: KeyPair | null;
  private readonly connection: SessionSocket;
  private readonly submit: ReturnType<typeof autoSession>["submit"];
  private readonly verifier = new LiveVerifier();

  private constructor(options: DashboardClientOptions) {
    const session = autoSession(options.port, options.validator);
    this.connection = session.connection;
    this.keys = session.keys;
    this.submit = session.submit;
    this.state = {
      ...initialDashboardState(this.keys?.publicKey ?? null),
      connection: this.connection.state,
    };
    this.connection.on("message", (message) => {
      this.messages.push(message);
      // As the screen's hook does: through the verifier first, its requests sent on the same session.
      const { event, requests } = verifiedEvent(this.verifier, message);
      this.apply(event);
      for (const request of requests) this.connection.send(request);
      // Auto mode does not build on a block that failed its checks.
      if (message.type !== "round" || this.state.autoHalt !== null) return;
      const bpm = this.submit(message);
      if (bpm !== null) this.apply({ type: "submitted", round: message.round, bpm });
    });
    this.connection.on("state", (state) => this.apply({ type: "connection", state }));
  }

  static async open(options: DashboardClientOptions): Promise<DashboardClient> {
    const client = new DashboardClient(options);
    await client.connection.connected();
    return client;
  }

  get publicKey(): string {
    if (this.keys === null) throw new Error("a watcher has no key");
    return this.keys.publicKey;
  }

  send(message: Parameters<SessionSocket["send"]>[0]): boolean {
    return this.connection.send(message);
  }

  /** Resolves with the first truthy `probe(state)`; fails after `timeoutMs` showing the last messages. */
  until<T>(probe: (state: DashboardState) => T, what: string, timeoutMs = 20_000) {
    return waitFor(
      () => probe(this.state),
      timeoutMs,
      what,
      () =>
        this.messages
          .slice(-6)
          .map((m) => JSON.stringify(m).slice(0, 300))
          .join("\n"),
    );
  }

  /** Messages of one type, in the order they came. */
  received<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private apply(event: DashboardEvent): void {
    this.state = dashboardReducer(this.state, event);
  }
}
