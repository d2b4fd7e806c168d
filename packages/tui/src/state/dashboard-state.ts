import {
  type Block,
  type BlockVerdict,
  type Concentration,
  type DrawSummary,
  ErrorCode,
  type MessageOf,
  type ProofMessage,
  type RoundMessage,
  type ServerMessage,
  sanitizeText,
  type ValidatorInfo,
} from "@pos-tui/core";
import type { ConnectionState } from "../client/connection-state.js";
import { type Alarm, type AutoHalt, acknowledge, noteVerdicts } from "./alarm.js";
import { type CandidateList, candidateList } from "./candidate-list.js";
import { coalesceMovement } from "./coalesce-news.js";
import { cleanName } from "./names.js";
import type { Announcement, News, Who } from "./news.js";
import { onlineConcentration, recordStakes, type StakeSample } from "./stake-history.js";
import { type Tamper, tamperChain } from "./tamper.js";

export type { Alarm, AutoHalt } from "./alarm.js";
export type { Announcement, News, Who } from "./news.js";
export type { Tamper } from "./tamper.js";

export interface ChainEntry {
  block: Block;
  /** Known only for blocks seen live; blocks from a welcome came before we were watching. */
  lottery: DrawSummary | null;
  /** What checking the block found, worked out when it (or its proof) arrived, never on a frame. */
  verdict: BlockVerdict;
}

/** A block as the chain holds it: unchecked until the verifier's verdict for it arrives. */
export function chainEntry(block: Block, lottery: DrawSummary | null, verdict?: BlockVerdict): ChainEntry {
  return {
    block,
    lottery,
    verdict: verdict ?? { index: block.Index, hash: block.Hash, status: "pending", checks: [] },
  };
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
  /** Candidate lists by round, for the pictures of the draw (the verifier checks them). */
  proofs: ReadonlyMap<number, CandidateList>;
  /** The first failed block not yet acknowledged, for the banner. */
  alarm: Alarm | null;
  /** Set while auto mode must not build: the tip failed its checks. */
  autoHalt: AutoHalt | null;
  /** A block's BPM edited here to show what breaks; never sent. */
  tamper: Tamper | null;
  connection: ConnectionState;
  welcomes: number;
  /** Concentration of the online validators' stakes, worked out when they change, not per frame. */
  concentration: Concentration;
  /** Stakes by tip, oldest first, at most `limits.history`: the Gini sparkline and the share chart. */
  stakeHistory: StakeSample[];
  limits: { blocks: number; announcements: number; history: number };
}

export type DashboardEvent =
  /** A server message, with the verdicts this client's LiveVerifier made or changed on it. */
  | { type: "server"; message: ServerMessage; verdicts?: readonly BlockVerdict[] }
  | { type: "connection"; state: ConnectionState }
  | { type: "submitted"; round: number; bpm: number }
  | { type: "not-sent"; why: Extract<News, { kind: "not-sent" }>["why"] }
  /** The alarm was seen: the banner goes, and auto resumes if the tip is good. */
  | { type: "acknowledge" }
  /** Edit a block's BPM locally (the tamper view); `restore` undoes it. */
  | { type: "tamper"; index: number; bpm: number }
  | { type: "restore" };

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
    alarm: null,
    autoHalt: null,
    tamper: null,
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
    case "acknowledge":
      return acknowledge(state);
    case "tamper":
      return { ...state, tamper: tamperChain(state.chain, event.index, event.bpm) };
    case "restore":
      return { ...state, tamper: null };
    case "server": {
      const next = withVerdicts(
        onServerMessage(state, event.message),
        event.verdicts ?? [],
        event.message.type === "welcome" && state.welcomes > 0,
      );
      // A block moved under the edit: the edit is shown again over the chain as it is now.
      if (next.tamper === null || next.chain === state.chain) return next;
      return { ...next, tamper: tamperChain(next.chain, next.tamper.index, next.tamper.bpm) };
    }
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
    case "proof":
      return onProof(state, message);
    case "bye":
      return announce(state, { kind: "bye", reason: sanitizeText(message.reason, 200) });
    case "challenge":
    case "inclusion":
    case "chain":
    case "validators-page":
      return state;
  }
}

/**
 * The verdicts the verifier made or changed, on the entries of the blocks they are about; the first
 * failure raises the alarm. Verdicts of blocks no longer held (a history that shrank) still do.
 */
function withVerdicts(
  state: DashboardState,
  verdicts: readonly BlockVerdict[],
  reconnected: boolean,
): DashboardState {
  if (verdicts.length === 0 && !reconnected) return state;
  const byHash = new Map(verdicts.map((v) => [v.hash, v]));
  const wasFailed = new Set(
    state.chain.filter((e) => e.verdict.status === "failed").map((e) => e.block.Hash),
  );
  const chain = state.chain.map((entry) => {
    const verdict = byHash.get(entry.block.Hash);
    return verdict === undefined || verdict.index !== entry.block.Index ? entry : { ...entry, verdict };
  });
  const fresh = verdicts.filter((v) => v.status === "failed" && !wasFailed.has(v.hash));
  return noteVerdicts({ ...state, chain }, fresh, { reconnected });
}

function onWelcome(state: DashboardState, message: MessageOf<ServerMessage, "welcome">): DashboardState {
  const held = new Map(state.chain.map((entry) => [entry.block.Hash, entry]));
  const chain = message.blocks
    .slice(-state.limits.blocks)
    .map((block) => held.get(block.Hash) ?? chainEntry(block, null));
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
    // A block at a height we hold (a welcome racing a push, or a server taking one back): it
    // replaces what stood there, and the verifier says what that means.
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
  const { round, ticket, total, rangeStart, rangeEnd, candidates } = lottery;
  const tip =
    state.tip === null || block.Index >= state.tip.index
      ? { index: block.Index, hash: block.Hash }
      : state.tip;
  return announce(withStakes({ ...state, chain, tip }, state.validators), {
    kind: "won",
    index: block.Index,
    winner,
    draw: { round, ticket, total, rangeStart, rangeEnd, candidates },
  });
}

/** A round's candidate list, kept for the pictures of its draw. */
function onProof(state: DashboardState, message: ProofMessage): DashboardState {
  const proofs = new Map(state.proofs);
  proofs.set(message.round, candidateList(message));
  if (proofs.size > MAX_PROOFS) proofs.delete(proofs.keys().next().value as number);
  return { ...state, proofs };
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
  // An unknown round answers a proof request, never a candidate.
  const aboutProof = code === ErrorCode.UnknownRound;
  const submission: Submission | null =
    state.submission?.status === "pending" && !aboutProof
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
