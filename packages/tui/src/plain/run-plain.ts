import { createInterface } from "node:readline";
import { type KeyPair, LiveVerifier, parseBpm } from "@pos-tui/core";
import { candidateFor } from "../client/candidate.js";
import { helloFor } from "../client/hello.js";
import { SessionSocket } from "../client/session-socket.js";
import {
  type DashboardEvent,
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  refusedUntilNextRound,
} from "../state/dashboard-state.js";
import { verifiedEvent } from "../state/verified-feed.js";
import { eventLines } from "./event-lines.js";
import { toAscii } from "./plain-mode.js";

export interface PlainOptions {
  host: string;
  port: number;
  /** Null for a spectator; a validator needs its stake chosen already. */
  keys: KeyPair | null;
  stake: bigint | null;
  name: string | null;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** TERM=dumb: nothing but printable ASCII. */
  ascii: boolean;
  /** After the input ends, how long to wait for the server to take the BPMs still queued. */
  drainMs?: number;
}

/**
 * The dashboard without a screen: one line per event on `output`, BPMs read one per line from
 * `input` (one per round, in order). Ends on a `q` line, on a signal, or once the input has ended
 * and every BPM read has been answered. Resolves with the exit code.
 */
export async function runPlain(options: PlainOptions): Promise<number> {
  const { keys } = options;
  const connection = new SessionSocket({
    host: options.host,
    port: options.port,
    hello: helloFor(options),
    reconnect: true,
  });
  const write = (line: string) => options.output.write(`${options.ascii ? toAscii(line) : line}\n`);
  let state: DashboardState = {
    ...initialDashboardState(keys?.publicKey ?? null),
    connection: connection.state,
  };
  const queue: number[] = [];
  let submittedRound: number | null = null;
  let inFlight = false;
  let inputEnded = false;
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });

  const apply = (event: DashboardEvent) => {
    const next = dashboardReducer(state, event);
    for (const line of eventLines(state, next, Date.now())) write(line);
    // Refused for its timing (see refusedUntilNextRound): the same BPM goes again next round, as on the dashboard.
    if (next.submission !== state.submission && refusedUntilNextRound(next.submission))
      queue.unshift(next.submission.bpm);
    // Answered, or the connection that would have answered is gone.
    if (next.submission?.status !== "pending" || next.connection.kind !== "connected") inFlight = false;
    // A pipe has no banner to dismiss: each alarm is printed once (eventLines) and then put down, so
    // the next failed block raises its own line.
    state = next.alarm === null ? next : dashboardReducer(next, { type: "acknowledge" });
    submitNext();
    if (inputEnded && queue.length === 0 && state.submission?.status !== "pending") finish(0);
  };

  const submitNext = () => {
    const round = state.round;
    if (keys === null || round === null || state.connection.kind !== "connected") return;
    if (queue.length === 0 || submittedRound === round.round) return;
    // One at a time: the state pairs an answer with the one BPM in flight, so sending the next before
    // the last is answered would pin a late WRONG_ROUND on the wrong BPM (and lose the refused one).
    if (inFlight) return;
    const bpm = queue[0]!;
    if (!connection.send(candidateFor(round, bpm, keys, new Date()))) return;
    queue.shift();
    submittedRound = round.round;
    inFlight = true;
    apply({ type: "submitted", round: round.round, bpm });
  };

  // Every block is checked here as on the dashboard, and the checks' own requests go out on the socket.
  const verifier = new LiveVerifier();
  connection.on("message", (message) => {
    const { event, requests } = verifiedEvent(verifier, message);
    apply(event);
    for (const request of requests) connection.send(request);
  });
  connection.on("state", (next) => apply({ type: "connection", state: next }));

  const lines = createInterface({ input: options.input, terminal: false });
  lines.on("line", (raw) => {
    const text = raw.trim();
    if (text === "") return;
    if (text === "q" || text === "quit") return finish(0);
    if (keys === null) return write(`watching only: "${toAscii(text).slice(0, 40)}" ignored (q quits)`);
    const parsed = parseBpm(text);
    if (!parsed.ok) return write(`not sent: ${parsed.error.message}`);
    queue.push(parsed.value);
    submitNext();
  });
  let drainTimer: NodeJS.Timeout | undefined;
  lines.on("close", () => {
    inputEnded = true;
    if (queue.length === 0 && state.submission?.status !== "pending") return finish(0);
    drainTimer = setTimeout(() => {
      write(`input ended; gave up waiting for the server: ${queue.length} BPM line(s) not sent`);
      finish(1);
    }, options.drainMs ?? 15_000);
  });
  const quit = () => finish(0);
  process.once("SIGINT", quit);
  process.once("SIGTERM", quit);

  connection.start();
  try {
    return await finished;
  } finally {
    clearTimeout(drainTimer);
    process.off("SIGINT", quit);
    process.off("SIGTERM", quit);
    lines.close();
    await connection.close();
  }
}
