import { randomBytes as nodeRandomBytes } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { CandidateTree, Consensus, logRule, MAX_POOL_SIZE, shortHex } from "@pos-tui/core";
import { type Logger, pino } from "pino";
import { MemoryStore } from "./chain/store.js";
import { Admissions } from "./net/admissions.js";
import { Broadcaster } from "./net/broadcaster.js";
import { evicted, lineTooLong, tooSlow } from "./net/closing.js";
import { Connection } from "./net/connection.js";
import type { Hub, Session } from "./net/hub.js";
import { JsonSession } from "./net/json-session.js";
import { DEFAULT_LOG_BUDGET, LogBudget } from "./net/log-budget.js";
import { RootCache } from "./net/root-cache.js";
import { TextSession } from "./net/text-session.js";
import { DEFAULTS, type ServerOptions } from "./options.js";
import { timerRoundClock } from "./round-clock.js";
import { chooseRule } from "./rule-choice.js";
import { StoreError, StoreErrorCode } from "./store/errors.js";

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly consensus: Consensus;
  /** Open TCP connections right now. */
  connectionCount(): number;
  /** Stops accepting, finishes a pending write, says goodbye to every client. Idempotent. */
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 2000;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const settings = { ...DEFAULTS, ...stripUndefined(options) };
  const log: Logger = options.logger ?? pino({ name: "pos-server", level: options.logLevel ?? "info" });
  const now = options.now ?? Date.now;
  const randomBytes = options.randomBytes ?? ((size: number) => new Uint8Array(nodeRandomBytes(size)));
  const store = options.store ?? new MemoryStore();
  const roundClock = options.roundClock ?? timerRoundClock();

  const loaded = await store.load();
  const chosen = chooseRule(options.rule, logRule(loaded), options.changeRule);
  if (!chosen.ok) throw chosen.error;
  const { rule, changed } = chosen.value;
  if (changed)
    log.warn(
      { rule, from: changed },
      `the chain changes rule from ${changed} to ${rule}: its next block records it`,
    );
  // The pool holds one entry per token: no single stake may be larger than the whole pool may be.
  const maxStake = options.maxStake ?? (rule === "pool" ? MAX_POOL_SIZE : undefined);
  const consensus = new Consensus(
    loaded,
    {
      now,
      randomBytes,
      monotonic: options.monotonic ?? (() => performance.now()),
      clockStepped: ({ stepMs, heldAheadMs }) =>
        log.warn(
          { stepMs, heldAheadMs },
          heldAheadMs > 0
            ? `the clock is ${Math.round(heldAheadMs / 1000)} s behind the chain's time: blocks keep the chain's time until the clock catches up`
            : `the clock jumped ${Math.round(stepMs / 1000)} s: the chain's time follows it`,
        ),
      roundRefused: (round, error, candidates) => {
        log.error(
          { round, code: error.code, candidates: candidates.length, ...error.details },
          `round ${round} made no block: ${error.message}`,
        );
        broadcaster.roundRefused({ round, error, candidates: new Set(candidates) });
      },
    },
    settings.roundMs,
    options.reward ? { ...options.reward, cap: maxStake ?? null } : null,
    rule,
  );
  if (loaded.length === 0) await store.append(consensus.genesis);

  const connections = new Admissions<Connection>();
  const broadcaster = new Broadcaster();
  const roots = new RootCache();
  let shuttingDown = false;
  let pendingClose: Promise<void> = Promise.resolve();

  const logBudget = { ...DEFAULT_LOG_BUDGET, ...options.logBudget, now };
  const budgets = new Map<Connection, LogBudget>();
  const budgetOf = (c: Connection) => {
    let budget = budgets.get(c);
    if (budget === undefined) {
      budget = new LogBudget(log, { connection: c.id }, logBudget);
      budgets.set(c, budget);
    }
    return budget;
  };
  // Refusals at the door come from many sockets, so they share one budget.
  const refusedLog = new LogBudget(log, {}, logBudget, "warn");

  const hub: Hub = {
    consensus,
    log,
    handshakeMs: settings.handshakeMs,
    maxStake: maxStake ?? null,
    now,
    randomBytes,
    join(key, name, stake, ephemeral = false) {
      const info = consensus.validators.join(key, name, stake, consensus.nextRoundToStart, ephemeral);
      broadcaster.validatorsChanged([info]);
      return info;
    },
    leave(key) {
      const info = consensus.validators.leave(key);
      broadcaster.validatorsChanged([info]);
      return info;
    },
    rename(key, name) {
      const info = consensus.validators.rename(key, name);
      broadcaster.validatorsChanged([info]);
      return info;
    },
    rootOf: (round, candidates) => roots.rootOf(round, candidates),
    identified: (connection) => connections.identify(connection),
    rejected: (connection, fields, message) => budgetOf(connection).info(fields, message),
  };

  async function closeRound(): Promise<void> {
    const outcome = consensus.closeRound();
    if (outcome) {
      try {
        // Stored before anyone hears of it: a block a client has seen is never lost.
        await store.append(outcome.record);
        const winner = consensus.accept(outcome.record);
        const { proof, block } = outcome.record;
        log.info(
          {
            round: proof?.round,
            index: block.Index,
            winner: block.Validator,
            winnerName: winner?.name,
            ticket: proof?.ticket,
            total: proof?.total,
            candidates: proof?.candidates.length,
          },
          `block ${block.Index} won by ${winner?.name ?? shortHex(block.Validator)}`,
        );
        if (proof) {
          const tree = CandidateTree.build(
            proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
          );
          roots.remember(proof.round, tree.root);
          broadcaster.block(
            {
              block,
              proof,
              winnerName: winner?.name ?? null,
              reward: outcome.record.ledger?.reward ?? null,
              tree,
            },
            winner,
          );
        }
      } catch (error) {
        if (error instanceof StoreError && error.code === StoreErrorCode.Broken) {
          // Rounds it cannot store would answer `accepted` for blocks that never come: stop instead.
          log.fatal({ err: error }, `stopping: the chain can no longer be stored. ${error.message}`);
          shuttingDown = true;
          void api.close().then(() => options.onFatal?.(error));
          return;
        }
        log.error(
          { err: error },
          "could not store the round's block: it is dropped, the chain stays as it was",
        );
      }
    }
    if (!shuttingDown) openRound();
  }

  function openRound(): void {
    const round = consensus.startRound();
    broadcaster.validatorsChanged(consensus.applyPendingStakes());
    broadcaster.round(round);
    log.debug({ round: round.round, closesAt: round.closesAt }, "round opened");
    // Real time, not closesAt - now(): after a clock step the window's ends say nothing about how long
    // the round has left.
    roundClock.schedule(settings.roundMs, () => {
      pendingClose = closeRound();
      return pendingClose;
    });
  }

  /** Closes the oldest connection that has not identified itself past the grace period, if any. */
  function evictAnonymous(): boolean {
    const victim = connections.evictOne(now(), settings.idleGraceMs);
    if (victim === undefined) return false;
    broadcaster.get(victim)?.closeWith(evicted(settings.idleGraceMs, settings.maxClients));
    refusedLog.info({ connection: victim.id }, "closed an anonymous connection to make room");
    return true;
  }

  function accept(socket: Socket): void {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    if (connections.size >= settings.maxClients && !evictAnonymous()) {
      socket.on("error", () => {});
      socket.end(`error: server full (${settings.maxClients} clients): try again later\n`);
      socket.setTimeout(1000, () => socket.destroy());
      refusedLog.info({ limit: settings.maxClients }, "refused a client: server full");
      return;
    }
    // Until its first line shows otherwise a connection is a person on nc: they see blocks at once.
    let session: Session;
    let dialectKnown = false;
    const startJson = () => {
      dialectKnown = true;
      session = new JsonSession(connection, hub);
      broadcaster.set(connection, session);
    };
    const connection: Connection = new Connection(socket, settings, {
      firstByte(byte) {
        // A JSON hello has begun: its handshake deadline runs from now, even if the line never ends.
        if (byte === 0x7b) startJson();
      },
      line(line) {
        if (!dialectKnown) {
          dialectKnown = true;
          if (line.startsWith("{")) startJson();
        }
        session.line(line);
      },
      overflow(limit) {
        session.closeWith(lineTooLong(limit));
        log.warn({ connection: connection.id }, "line too long: closed");
      },
      slow() {
        session.closeWith(tooSlow(settings.maxOutputBytes));
        log.warn(
          { connection: connection.id, limit: settings.maxOutputBytes },
          "dropped a client that stopped reading",
        );
      },
      closed() {
        connections.remove(connection);
        broadcaster.delete(connection);
        session.closed();
        budgets.get(connection)?.flush();
        budgets.delete(connection);
        log.debug({ connection: connection.id }, "disconnected");
      },
    });
    session = new TextSession(connection, hub);
    broadcaster.set(connection, session);
    connections.add(connection, now());
    TextSession.greet(connection);
    log.debug({ connection: connection.id, remote: connection.remote }, "connected");
  }

  const server = createServer(accept);
  // A failed listen (port in use) is the caller's to explain, not a logged stack trace.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => log.error({ err: error }, "server socket error"));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : settings.port;
  log.info(
    { host: settings.host, port, roundMs: settings.roundMs, tip: consensus.tip.Index, rule },
    `listening on ${settings.host}:${port}, proposers picked by ${rule}`,
  );
  openRound();

  let closing: Promise<void> | null = null;
  async function close(): Promise<void> {
    shuttingDown = true;
    roundClock.cancel();
    broadcaster.stop();
    server.close();
    await pendingClose;
    broadcaster.goodbye();
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const c of connections.keys()) c.destroy();
    refusedLog.flush();
    await store.close();
    log.info("stopped");
  }

  const api: RunningServer = {
    host: settings.host,
    port,
    consensus,
    connectionCount: () => connections.size,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
  return api;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
