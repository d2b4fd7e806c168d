import {
  type Block,
  type ClientMessage,
  ErrorCode,
  type MessageOf,
  type ProofMessage,
  type ServerMessage,
  sanitizeText,
} from "@pos-tui/core";
import { type AuditFailure, auditBlock, auditGenesis } from "./audit-block.js";

export type AuditRequest = MessageOf<ClientMessage, "chain" | "proof">;
/** What a server may answer a `chain` or `proof` request with. */
export type AuditAnswer = MessageOf<ServerMessage, "chain" | "proof" | "error">;

/** A session whose server answers requests in the order they were sent (the protocol's promise). */
export interface AuditLink {
  send(request: AuditRequest): void;
  /** The answer to the oldest request not answered yet; rejects once the connection is gone. */
  next(): Promise<AuditAnswer>;
}

export interface AuditTarget {
  /** The tip the server announced when the audit began: blocks 0..tip are audited. */
  tip: { index: number; hash: string };
  /** The round open when the audit began: every block up to the tip was drawn in an earlier one. */
  openRound: number;
}

export interface AuditCounts {
  /** Blocks that passed every check, genesis included. */
  blocks: number;
  /** Candidates whose stakes went into the draws replayed. */
  candidates: number;
  /** Rounds up to the last block checked, with and without a block. */
  rounds: number;
  /** Of those, rounds that produced no block (nobody submitted). */
  emptyRounds: number;
}

export interface AuditResult extends AuditCounts {
  failure: AuditFailure | null;
}

export interface AuditOptions {
  /** After each block that passed. */
  onBlock?: (counts: Readonly<AuditCounts>) => void;
  /** Blocks per `chain` request (the protocol allows 1..1000). */
  pageSize?: number;
  /**
   * Bytes of `proof` answers to have in flight at once. A server drops a client whose unsent output
   * passes 1 MiB, and one `chain` page of 1000 blocks is ~350 KB of it: the proofs get the rest.
   */
  proofBudget?: number;
}

const MAX_PROOFS_IN_FLIGHT = 32;
/** pos-server's default --max-clients: no round of a default server has more candidates. */
const ASSUMED_CANDIDATES = 1000;
/** A proof's bytes: the fixed fields, then about 100 per candidate ({"validator":...,"stake":...}). */
const proofBytes = (candidates: number) => 400 + 100 * candidates;

type Pending = { type: "chain"; start: number; count: number } | { type: "proof"; round: number };

/**
 * Audits a server's chain from outside: pages through blocks 0..tip with `chain` requests and asks
 * for the proof of every round before the open one (rounds without a block answer UNKNOWN_ROUND), in
 * one pipelined stream. Rounds only go up from block to block, so the proofs come in block order and
 * each is paired with the next block. Holds at most two pages of blocks and a window of proofs, never
 * the chain: memory does not grow with its length. Stops at the first failure.
 */
export async function auditChain(
  link: AuditLink,
  target: AuditTarget,
  options: AuditOptions = {},
): Promise<AuditResult> {
  return new ChainAudit(link, target, options).run();
}

class ChainAudit {
  private readonly counts: AuditCounts = { blocks: 0, candidates: 0, rounds: 0, emptyRounds: 0 };
  private readonly pending: Pending[] = [];
  private blocks: Block[] = [];
  private head = 0;
  private readonly proofs: ProofMessage[] = [];
  private prev: Block | null = null;
  private nextStart = 0;
  private nextRound = 1;
  private pageOut = false;
  private proofsOut = 0;
  /** The most candidates one proof listed so far; null before the first. */
  private maxCandidates: number | null = null;
  /** A proof of the tip (or later) came: later rounds are not needed. */
  private probed = false;
  private readonly pageSize: number;
  private readonly proofBudget: number;

  constructor(
    private readonly link: AuditLink,
    private readonly target: AuditTarget,
    private readonly options: AuditOptions,
  ) {
    this.pageSize = Math.min(1000, Math.max(1, options.pageSize ?? 1000));
    this.proofBudget = options.proofBudget ?? 384 * 1024;
    this.probed = target.tip.index === 0;
  }

  async run(): Promise<AuditResult> {
    for (;;) {
      const outcome = this.consume();
      if (outcome !== undefined) return { ...this.counts, failure: outcome };
      this.request();
      // Whatever consume waits for has been asked for: an audit never waits on nothing.
      if (this.pending.length === 0) throw new Error("the audit has nothing to wait for");
      const answer = await this.link.next();
      const failure = this.take(this.pending.shift()!, answer);
      if (failure) return { ...this.counts, failure };
    }
  }

  /** Keeps a page of blocks and a window of proofs on their way. */
  private request(): void {
    const { tip, openRound } = this.target;
    if (!this.pageOut && this.nextStart <= tip.index && this.blocks.length - this.head < this.pageSize) {
      const count = Math.min(this.pageSize, tip.index + 1 - this.nextStart);
      this.send(
        { type: "chain", start: this.nextStart, count },
        { type: "chain", limit: count, before: this.nextStart + count },
      );
      this.nextStart += count;
      this.pageOut = true;
    }
    // Until a proof shows how big this server's rounds are, assume the biggest a server holds by default.
    const sized = proofBytes(this.maxCandidates ?? ASSUMED_CANDIDATES);
    const window = Math.max(1, Math.min(MAX_PROOFS_IN_FLIGHT, Math.floor(this.proofBudget / sized)));
    while (!this.probed && this.nextRound < openRound && this.proofsOut + this.proofs.length < window) {
      this.send({ type: "proof", round: this.nextRound }, { type: "proof", round: this.nextRound });
      this.nextRound++;
      this.proofsOut++;
    }
  }

  private send(pending: Pending, request: AuditRequest): void {
    this.pending.push(pending);
    this.link.send(request);
  }

  /** Files an answer; a failure when it is not what was asked for. */
  private take(asked: Pending, answer: AuditAnswer): AuditFailure | null {
    if (asked.type === "chain") {
      this.pageOut = false;
      const last = asked.start + asked.count - 1;
      if (answer.type !== "chain")
        return {
          index: asked.start,
          check: "history",
          message: `asked for blocks ${asked.start}..${last}, the server answered ${describe(answer)}`,
        };
      const first = answer.blocks[0]?.Index;
      if (answer.blocks.length > 0 && first !== asked.start)
        return {
          index: asked.start,
          check: "history",
          message: `asked for blocks ${asked.start}..${last}, the server sent blocks from ${first}: its chain is not the one it announced`,
        };
      if (answer.blocks.length !== asked.count)
        return {
          index: asked.start + Math.min(answer.blocks.length, asked.count),
          check: "history",
          message: `the server announced block ${this.target.tip.index} as its tip, but sent ${answer.blocks.length} blocks for ${asked.start}..${last}`,
        };
      this.blocks =
        this.head === this.blocks.length ? answer.blocks : this.blocks.slice(this.head).concat(answer.blocks);
      this.head = 0;
      return null;
    }
    this.proofsOut--;
    if (answer.type === "error" && answer.code === ErrorCode.UnknownRound) return null;
    if (answer.type !== "proof" || answer.round !== asked.round)
      return {
        index: this.counts.blocks,
        check: "range",
        message: `asked for round ${asked.round}'s proof, the server answered ${describe(answer)}`,
      };
    this.maxCandidates = Math.max(this.maxCandidates ?? 0, answer.candidates.length);
    if (answer.blockIndex >= this.target.tip.index) this.probed = true;
    this.proofs.push(answer);
    return null;
  }

  /**
   * Checks every block whose proof is in: null once the tip passed, a failure, or undefined to wait
   * for more answers.
   */
  private consume(): AuditFailure | null | undefined {
    while (this.head < this.blocks.length) {
      const block = this.blocks[this.head]!;
      const index = this.counts.blocks;
      if (this.prev === null) {
        const failure = auditGenesis(block);
        if (failure) return failure;
      } else {
        const proof = this.proofs[0];
        if (proof === undefined) {
          if (this.proofsOut > 0 || (!this.probed && this.nextRound < this.target.openRound))
            return undefined;
          return {
            index,
            check: "range",
            message: `no round before the open round ${this.target.openRound} produced block ${index}: the server has no lottery proof of it`,
          };
        }
        if (proof.blockIndex < index)
          return {
            index: proof.blockIndex,
            check: "range",
            message: `round ${proof.round} claims block ${proof.blockIndex} too, which an earlier round produced`,
          };
        if (proof.blockIndex > index)
          return {
            index,
            check: "range",
            message: `no round produced block ${index}: round ${proof.round}, the next round with a block, produced block ${proof.blockIndex}`,
          };
        const failure = auditBlock(this.prev, block, proof);
        if (failure) return failure;
        this.proofs.shift();
        this.counts.candidates += proof.candidates.length;
        this.counts.rounds = proof.round;
        this.counts.emptyRounds = proof.round - index;
      }
      this.head++;
      this.prev = block;
      this.counts.blocks++;
      this.options.onBlock?.(this.counts);
      if (index === this.target.tip.index) {
        if (block.Hash === this.target.tip.hash) return null;
        return {
          index,
          check: "history",
          message: `block ${index} is ${block.Hash.slice(0, 16)}..., but the server announced its tip as ${this.target.tip.hash.slice(0, 16)}...`,
        };
      }
    }
    return undefined;
  }
}

/** An unexpected answer, for a failure message: its type, and an error's code and reason (cleaned). */
function describe(answer: AuditAnswer): string {
  if (answer.type === "error")
    return `an error: ${sanitizeText(answer.code, 40)}: ${sanitizeText(answer.message, 200)}`;
  return answer.type === "chain" ? "a chain page" : `the proof of round ${answer.round}`;
}
