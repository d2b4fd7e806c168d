import {
  type Block,
  type Concentration,
  type DrawSummary,
  ErrorCode,
  type MessageOf,
  type RoundMessage,
  type ServerMessage,
  sanitizeText,
  type ValidatorInfo,
} from "@pos-tui/core";
import type { ConnectionState } from "../client/connection-state.js";
import { type CheckedProof, checkProof, revealMatches } from "./check-block.js";
import { coalesceMovement } from "./coalesce-news.js";
import { cleanName } from "./names.js";
import type { Announcement, News, Who } from "./news.js";
import { onlineConcentration, recordStakes, type StakeSample } from "./stake-history.js";

export type { Announcement, News, Who } from "./news.js";

export interface ChainEntry {
  block: Block;
  /** Known only for blocks seen live; blocks from a welcome came before we were watching. */
  lottery: DrawSummary | null;
  /** Whether the lottery's reveal matches its commit, checked once on arrival; null without a lottery. */
  revealOk: boolean | null;
}

/** A block as the chain holds it, its checks run once here rather than on every frame that shows it. */
export function chainEntry(block: Block, lottery: DrawSummary | null): ChainEntry {
  return { block, lottery, revealOk: lottery === null ? null : revealMatches(lottery) };
}

export interface Submission {
  round: number;
  bpm: number;
  status: "pending" | "accepted" | "refused";
  index?: number;
  /** The server's error code and its explanation when refused, cleaned of control characters. */
  code?: string;
  message?: string;
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
  /** Candidate lists by round, each with its draw checked once on arrival. */
  proofs: ReadonlyMap<number, CheckedProof>;
  connection: ConnectionState;
  welcomes: number;
  /** Concentration of the online validators' stakes, worked out when they change, not per frame. */
  concentration: Concentration;
  /** Stakes by tip, oldest first, at most `limits.history`: the Gini sparkline and the share chart. */
  stakeHistory: StakeSample[];
  limits: { blocks: number; announcements: number; history: number };
}

export type DashboardEvent =
  | { type: "server"; message: ServerMessage }
  | { type: "connection"; state: ConnectionState }
  | { type: "submitted"; round: number; bpm: number }
  | { type: "not-sent"; why: Extract<News, { kind: "not-sent" }>["why"] };

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
    concentration: onlineConcentration(new Map()),
    stakeHistory: [],
    limits: {
      blocks: limits.blocks ?? 500,
      announcements: limits.announcements ?? 200,
      history: limits.history ?? 120,
    },
  };
}

export function dashboardReducer(state: DashboardState, event: DashboardEvent): DashboardState {
  switch (event.type) {
    case "connection":
      return { ...state, connection: event.state };
    case "submitted":
      return { ...state, submission: { round: event.round, bpm: event.bpm, status: "pending" } };
    case "not-sent":
      return announce(state, { kind: "not-sent", why: event.why });
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
      const held = state.chain.find((entry) => entry.block.Index === message.blockIndex);
      proofs.set(message.round, checkProof(message, held));
      if (proofs.size > MAX_PROOFS) proofs.delete(proofs.keys().next().value as number);
      return { ...state, proofs };
    }
    case "bye":
      return announce(state, { kind: "bye", reason: sanitizeText(message.reason, 200) });
    case "challenge":
    case "inclusion":
    case "chain":
    case "validators-page":
      return state;
  }
}

function onWelcome(state: DashboardState, message: MessageOf<ServerMessage, "welcome">): DashboardState {
  const known = new Map(state.chain.map((entry) => [entry.block.Hash, entry]));
  const chain = message.blocks
    .slice(-state.limits.blocks)
    .map((block) => known.get(block.Hash) ?? chainEntry(block, null));
  const validators = new Map(message.validators.map((v) => [v.validator, v]));
  if (message.you !== null) validators.set(message.you.validator, message.you);
  const me = message.you?.validator ?? state.me;
  const next: DashboardState = withStakes(
    {
      ...state,
      me,
      chain,
      validators,
      round: message.round,
      tip: message.tip,
      welcomes: state.welcomes + 1,
    },
    validators,
  );
  const as =
    message.you === null
      ? null
      : { key: message.you.validator, name: cleanName(message.you.name), mine: true };
  return announce(next, {
    kind: "connected",
    again: state.welcomes > 0,
    as,
    tipIndex: message.tip.index,
    validators: validators.size,
  });
}

function onBlock(state: DashboardState, message: MessageOf<ServerMessage, "block">): DashboardState {
  const { block, lottery } = message;
  const last = state.chain.at(-1);
  const entry = chainEntry(block, lottery);
  let chain: ChainEntry[];
  if (last !== undefined && block.Index <= last.block.Index) {
    // A block we already hold (e.g. from a welcome racing a push): attach the proof, nothing else.
    chain = state.chain.map((held) => (held.block.Index === block.Index ? entry : held));
  } else {
    chain = [...state.chain, entry];
    if (chain.length > state.limits.blocks) chain = chain.slice(chain.length - state.limits.blocks);
  }
  const mine = block.Validator === state.me;
  const winner: Who = {
    key: block.Validator,
    name: cleanName(message.winnerName) ?? cleanName(state.validators.get(block.Validator)?.name),
    mine,
  };
  const { rule, round, ticket, total, rangeStart, rangeEnd, candidates } = lottery;
  const tip =
    state.tip === null || block.Index >= state.tip.index
      ? { index: block.Index, hash: block.Hash }
      : state.tip;
  return announce(withStakes({ ...state, chain, tip }, state.validators), {
    kind: "won",
    index: block.Index,
    winner,
    draw: { ...(rule === undefined ? {} : { rule }), round, ticket, total, rangeStart, rangeEnd, candidates },
  });
}

function onValidators(state: DashboardState, changes: readonly ValidatorInfo[]): DashboardState {
  const validators = new Map(state.validators);
  const news: News[] = [];
  for (const change of changes) {
    const before = validators.get(change.validator);
    validators.set(change.validator, change);
    const who: Who = {
      key: change.validator,
      name: cleanName(change.name),
      mine: change.validator === state.me,
    };
    if (before === undefined) {
      if (!who.mine) news.push({ kind: "joined", count: 1, who: [who], stake: change.stake });
    } else if (before.online && !change.online) news.push({ kind: "left", count: 1, who: [who] });
    else if (!before.online && change.online && !who.mine) news.push({ kind: "back", count: 1, who: [who] });
    if (before !== undefined && before.stake !== change.stake)
      news.push({ kind: "stake", who, stake: change.stake });
  }
  let next: DashboardState = withStakes(state, validators);
  for (const item of news) {
    const folded =
      item.kind === "joined" || item.kind === "left" || item.kind === "back"
        ? coalesceMovement(next.announcements, item)
        : null;
    next = folded === null ? announce(next, item) : { ...next, announcements: folded };
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
  return announce(
    { ...state, submission },
    { kind: "accepted", round: message.round, index: message.index, bpm },
  );
}

function onError(state: DashboardState, message: MessageOf<ServerMessage, "error">): DashboardState {
  const code = sanitizeText(message.code, 40);
  const text = sanitizeText(message.message, 300);
  const submission: Submission | null =
    state.submission?.status === "pending"
      ? { ...state.submission, status: "refused", code, message: text }
      : state.submission;
  return announce({ ...state, submission }, { kind: "server-error", code, message: text });
}

/** The state with these validators, their concentration and the stake history brought up to date. */
function withStakes(state: DashboardState, validators: ReadonlyMap<string, ValidatorInfo>): DashboardState {
  const now = onlineConcentration(validators);
  const stakeHistory =
    state.tip === null
      ? state.stakeHistory
      : recordStakes(state.stakeHistory, state.tip.index, validators, now.gini, state.limits.history);
  return { ...state, validators, concentration: now, stakeHistory };
}

function announce(state: DashboardState, news: News): DashboardState {
  const announcements = [...state.announcements, { ...news, id: state.nextId }];
  const overflow = announcements.length - state.limits.announcements;
  return {
    ...state,
    announcements: overflow > 0 ? announcements.slice(overflow) : announcements,
    nextId: state.nextId + 1,
  };
}
