import {
  type Block,
  type DrawSummary,
  ErrorCode,
  type MessageOf,
  type ProofMessage,
  type RoundMessage,
  type ServerMessage,
  sanitizeText,
  shortHex,
  type ValidatorInfo,
} from "@pos-tui/core";
import type { ConnectionState } from "../client/connection-state.js";
import { coalesceMovement, type Movement, type MovementGroup } from "./coalesce-news.js";
import { cleanName, displayName } from "./names.js";

export interface ChainEntry {
  block: Block;
  /** Known only for blocks seen live; blocks from a welcome came before we were watching. */
  lottery: DrawSummary | null;
}

export type AnnouncementKind =
  | "block"
  | "you-won"
  | "join"
  | "leave"
  | "stake"
  | "error"
  | "accepted"
  | "info";

export interface Announcement {
  id: number;
  kind: AnnouncementKind;
  text: string;
  /** Set on joins and leaves, so later ones can be folded into this line. */
  group?: MovementGroup;
}

export interface Submission {
  round: number;
  bpm: number;
  status: "pending" | "accepted" | "refused";
  index?: number;
  /** The server's error code when refused. */
  code?: string;
  reason?: string;
}

/**
 * A candidate refused for its timing, not its content: we joined during its round (our stake counts
 * from the next one), or the round closed while the candidate was on its way. The same BPM is to be
 * sent again once the next round opens.
 */
export function refusedUntilNextRound(submission: Submission | null): submission is Submission {
  return (
    submission?.status === "refused" &&
    (submission.code === ErrorCode.JoinedThisRound || submission.code === ErrorCode.WrongRound)
  );
}

export interface DashboardState {
  /** Our public key, or null for a spectator. */
  me: string | null;
  tip: { index: number; hash: string } | null;
  /** Oldest first; a bounded window of the most recent blocks, never the whole chain. */
  chain: ChainEntry[];
  validators: ReadonlyMap<string, ValidatorInfo>;
  round: RoundMessage | null;
  announcements: Announcement[];
  nextId: number;
  submission: Submission | null;
  proofs: ReadonlyMap<number, ProofMessage>;
  connection: ConnectionState;
  welcomes: number;
  limits: { blocks: number; announcements: number };
}

export type DashboardEvent =
  | { type: "server"; message: ServerMessage }
  | { type: "connection"; state: ConnectionState }
  | { type: "submitted"; round: number; bpm: number }
  | { type: "note"; kind: AnnouncementKind; text: string };

const MAX_PROOFS = 32;

export function initialDashboardState(
  me: string | null,
  limits: Partial<DashboardState["limits"]> = {},
): DashboardState {
  return {
    me,
    tip: null,
    chain: [],
    validators: new Map(),
    round: null,
    announcements: [],
    nextId: 1,
    submission: null,
    proofs: new Map(),
    connection: { kind: "idle" },
    welcomes: 0,
    limits: { blocks: limits.blocks ?? 500, announcements: limits.announcements ?? 200 },
  };
}

export function dashboardReducer(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case "connection":
      return { ...state, connection: event.state };
    case "submitted":
      return { ...state, submission: { round: event.round, bpm: event.bpm, status: "pending" } };
    case "note":
      return announce(state, event.kind, event.text);
    case "server":
      return onServerMessage(state, event.message);
  }
}

function onServerMessage(state: DashboardState, message: ServerMessage): DashboardState {
  switch (message.type) {
    case "welcome":
      return onWelcome(state, message);
    case "round":
      return { ...state, round: message, tip: { index: message.tipIndex, hash: message.tipHash } };
    case "block":
      return onBlock(state, message);
    case "validators":
      return onValidators(state, message.changes);
    case "accepted":
      return onAccepted(state, message);
    case "error":
      return onError(state, message);
    case "proof": {
      const proofs = new Map(state.proofs);
      proofs.set(message.round, message);
      if (proofs.size > MAX_PROOFS) proofs.delete(proofs.keys().next().value as number);
      return { ...state, proofs };
    }
    case "bye":
      return announce(state, "leave", `server is going away: ${sanitizeText(message.reason, 200)}`);
    case "challenge":
    case "chain":
    case "validators-page":
      return state;
  }
}

function onWelcome(state: DashboardState, message: MessageOf<ServerMessage, "welcome">): DashboardState {
  const known = new Map(state.chain.map((entry) => [entry.block.Hash, entry.lottery]));
  const chain = message.blocks
    .slice(-state.limits.blocks)
    .map((block) => ({ block, lottery: known.get(block.Hash) ?? null }));
  const validators = new Map(message.validators.map((v) => [v.validator, v]));
  if (message.you !== null) validators.set(message.you.validator, message.you);
  const me = message.you?.validator ?? state.me;
  const next: DashboardState = {
    ...state,
    me,
    chain,
    validators,
    round: message.round,
    tip: message.tip,
    welcomes: state.welcomes + 1,
  };
  const who =
    message.you === null ? "as a spectator" : `as ${cleanName(message.you.name) ?? shortHex(me ?? "")}`;
  const again = state.welcomes > 0 ? "reconnected" : "connected";
  return announce(
    next,
    "info",
    `${again} ${who}: chain at block ${message.tip.index}, ${validators.size} validator${validators.size === 1 ? "" : "s"}`,
  );
}

function onBlock(state: DashboardState, message: MessageOf<ServerMessage, "block">): DashboardState {
  const { block, lottery } = message;
  const last = state.chain.at(-1);
  let chain: ChainEntry[];
  if (last !== undefined && block.Index <= last.block.Index) {
    // A block we already hold (e.g. from a welcome racing a push): attach the proof, nothing else.
    chain = state.chain.map((entry) => (entry.block.Index === block.Index ? { block, lottery } : entry));
  } else {
    chain = [...state.chain, { block, lottery }];
    if (chain.length > state.limits.blocks) chain = chain.slice(chain.length - state.limits.blocks);
  }
  const mine = block.Validator === state.me;
  const name = mine
    ? "you"
    : (cleanName(message.winnerName) ?? displayName(state.validators, block.Validator));
  const whose = mine ? "your" : `${name}'s`;
  const text =
    `round ${lottery.round}: ${name} won block ${block.Index} - ticket ${lottery.ticket} of ${lottery.total}` +
    ` fell in ${whose} range ${lottery.rangeStart}..${lottery.rangeEnd}` +
    (lottery.candidates > 1 ? ` (${lottery.candidates} candidates)` : " (the only candidate)");
  const tip =
    state.tip === null || block.Index >= state.tip.index
      ? { index: block.Index, hash: block.Hash }
      : state.tip;
  return announce({ ...state, chain, tip }, mine ? "you-won" : "block", text);
}

function onValidators(state: DashboardState, changes: readonly ValidatorInfo[]): DashboardState {
  const validators = new Map(state.validators);
  let next = state;
  const notes: [AnnouncementKind, string, { movement: Movement; who: string }?][] = [];
  for (const change of changes) {
    const before = validators.get(change.validator);
    validators.set(change.validator, change);
    const mine = change.validator === state.me;
    const who = mine ? "you" : (cleanName(change.name) ?? shortHex(change.validator));
    if (before === undefined) {
      if (!mine)
        notes.push(["join", `${who} joined with stake ${change.stake}`, { movement: "joined", who }]);
    } else if (before.online && !change.online)
      notes.push(["leave", `${who} left`, { movement: "left", who }]);
    else if (!before.online && change.online && !mine)
      notes.push(["join", `${who} is back online`, { movement: "back", who }]);
    if (before !== undefined && before.stake !== change.stake)
      notes.push([
        "stake",
        `${who} now stake${mine ? "" : "s"} ${change.stake} (counts from the next round)`,
      ]);
  }
  next = { ...next, validators };
  for (const [kind, text, movement] of notes) {
    const folded =
      movement === undefined ? null : coalesceMovement(next.announcements, movement.movement, movement.who);
    if (folded !== null) next = { ...next, announcements: folded };
    else
      next = announce(
        next,
        kind,
        text,
        movement && { movement: movement.movement, count: 1, names: [movement.who] },
      );
  }
  return next;
}

function onAccepted(state: DashboardState, message: MessageOf<ServerMessage, "accepted">): DashboardState {
  const bpm = state.submission?.round === message.round ? state.submission.bpm : null;
  const submission: Submission = {
    round: message.round,
    bpm: bpm ?? 0,
    status: "accepted",
    index: message.index,
  };
  const what = bpm === null ? "your candidate" : `BPM ${bpm} is your candidate`;
  return announce(
    { ...state, submission },
    "accepted",
    `accepted: ${what} for block ${message.index} in round ${message.round}`,
  );
}

function onError(state: DashboardState, message: MessageOf<ServerMessage, "error">): DashboardState {
  const reason = `${sanitizeText(message.code, 40)}: ${sanitizeText(message.message, 300)}`;
  const submission: Submission | null =
    state.submission?.status === "pending"
      ? { ...state.submission, status: "refused", code: message.code, reason }
      : state.submission;
  return announce({ ...state, submission }, "error", `error ${reason}`);
}

function announce(
  state: DashboardState,
  kind: AnnouncementKind,
  text: string,
  group?: MovementGroup,
): DashboardState {
  const item: Announcement =
    group === undefined ? { id: state.nextId, kind, text } : { id: state.nextId, kind, text, group };
  const announcements = [...state.announcements, item];
  const overflow = announcements.length - state.limits.announcements;
  return {
    ...state,
    announcements: overflow > 0 ? announcements.slice(overflow) : announcements,
    nextId: state.nextId + 1,
  };
}
