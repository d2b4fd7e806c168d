import type { Block } from "./block.js";
import {
  blockChecks,
  commitCheck,
  failedCheck,
  inclusionCheck,
  lotteryChecks,
  okCheck,
  pendingCheck,
  proofChecks,
  revealCheck,
} from "./live-checks.js";
import type {
  ClientMessage,
  DrawSummary,
  InclusionMessage,
  MessageOf,
  ProofMessage,
  RoundMessage,
  ServerMessage,
  ValidatorInfo,
} from "./protocol.js";
import type { RoundWindow } from "./round-window.js";
import { type BlockVerdict, type CheckId, type CheckResult, verdictStatus } from "./verdict.js";

export interface LiveVerifierOptions {
  /** Recent blocks remembered (with their verdicts) for links, the history check and `verdict()`. Default 500. */
  blocks?: number;
  /** Recent rounds remembered (commit, window, whether this client was accepted). Default 64. */
  rounds?: number;
}

/** What one message changed: the verdicts it made or updated (by index), and requests to send. */
export interface VerifierUpdate {
  verdicts: BlockVerdict[];
  /**
   * Requests the caller should send for the checks to finish: `proof` of blocks from before this
   * client connected (one at a time, in the background), `chain` pages for the history check.
   */
  requests: ClientMessage[];
}

interface RoundSeen {
  commit: string;
  /** Seen in a `round` push when it opened, not only in a welcome after. */
  atOpening: boolean;
  window: Required<RoundWindow> | null;
  /** This client's candidate was accepted in the round. */
  accepted: boolean;
}

interface Entry {
  block: Block;
  /** The round that drew it, once known (the block push says; for a welcome's block, its proof). */
  round: number | null;
  /** The figures its block push announced; null for a block from a welcome or a chain page. */
  lottery: DrawSummary | null;
  checks: Map<CheckId, CheckResult>;
}

const ORDER: readonly CheckId[] = [
  "hash",
  "signature",
  "index",
  "link",
  "time",
  "commit",
  "reveal",
  "ticket",
  "range",
  "inclusion",
  "history",
];

/**
 * Turns the messages a client receives from the server, fed in order, into a verdict per block: the
 * checks of docs/protocol.md ("Proofs"), each named. Pure: no clock, no I/O; it asks the caller to
 * send the requests its checks need. Memory is bounded by its options (and the validators the
 * server announces, which a client holds anyway).
 */
export class LiveVerifier {
  private readonly keepBlocks: number;
  private readonly keepRounds: number;
  private me: string | null = null;
  private welcomes = 0;
  private readonly entries = new Map<number, Entry>();
  private tipIndex = -1;
  private readonly rounds = new Map<number, RoundSeen>();
  /** Stakes that count in `stakesRound` (as the pushes told), and changes pushed since it opened. */
  private readonly stakes = new Map<string, bigint>();
  private readonly stakeChanges = new Map<string, bigint>();
  private stakesRound: number | null = null;
  /** Rounds whose block came while this client's inclusion proof has not: round -> block index. */
  private readonly inclusionDue = new Map<number, number>();
  /** Blocks whose proof is wanted (newest first), and the one asked for. */
  private backfill: number[] = [];
  private asked: number | null = null;
  /** Block hashes held before a reconnect that the new welcome did not reach: index -> hash. */
  private readonly historyDue = new Map<number, string>();
  /** Where the server's history changed: it stays on whatever block the server puts there. */
  private readonly historyFailures = new Map<number, CheckResult>();

  constructor(options: LiveVerifierOptions = {}) {
    this.keepBlocks = Math.max(2, options.blocks ?? 500);
    this.keepRounds = Math.max(2, options.rounds ?? 64);
  }

  /** The current verdict of a block still remembered. */
  verdict(index: number): BlockVerdict | undefined {
    const entry = this.entries.get(index);
    return entry === undefined ? undefined : verdictOf(entry, this.historyFailures.get(index));
  }

  receive(message: ServerMessage): VerifierUpdate {
    const update: Updates = { changed: new Set(), shown: [], requests: [] };
    switch (message.type) {
      case "welcome":
        this.onWelcome(message, update);
        break;
      case "round":
        this.onRound(message, update);
        break;
      case "accepted":
        this.roundSeen(message.round).accepted = true;
        break;
      case "validators":
        for (const change of message.changes) this.stakeChanges.set(change.validator, BigInt(change.stake));
        break;
      case "block":
        this.onBlock(message, update);
        break;
      case "inclusion":
        this.onInclusion(message, update);
        break;
      case "proof":
        this.onProof(message, update);
        break;
      case "chain":
        this.onChain(message.blocks, update);
        break;
      case "error":
        // An old server cannot answer a proof by block index, a pruned one may not have it: go on.
        if (this.asked !== null && (message.code === "BAD_MESSAGE" || message.code === "UNKNOWN_ROUND")) {
          this.asked = null;
          this.askNext(update);
        }
        break;
      default:
        break;
    }
    const verdicts = [...update.changed]
      .sort((a, b) => a - b)
      .map((i) => this.verdict(i))
      .filter((v) => v !== undefined);
    return { verdicts: [...update.shown, ...verdicts], requests: update.requests };
  }

  // ---- messages

  private onWelcome(message: MessageOf<ServerMessage, "welcome">, update: Updates): void {
    this.welcomes++;
    this.me = message.you?.validator ?? null;
    if (this.welcomes > 1) this.checkHistory(message, update);
    // Pushes may have been lost while away: the stakes are known again from the next round on.
    this.stakes.clear();
    this.stakeChanges.clear();
    this.stakesRound = null;
    for (const v of [...message.validators, ...(message.you ? [message.you] : [])]) this.noteStake(v);
    // A block whose inclusion had not come when the connection dropped: the full list will tell.
    for (const [, index] of this.inclusionDue) this.want(index);
    this.inclusionDue.clear();
    for (const block of message.blocks) this.onTailBlock(block, update);
    if (message.round !== null) this.onRoundSeen(message.round, false);
    this.askNext(update);
  }

  private onRound(message: RoundMessage, update: Updates): void {
    for (const [round, index] of this.inclusionDue) {
      if (round >= message.round) continue;
      this.inclusionDue.delete(round);
      this.setCheck(
        index,
        failedCheck(
          "inclusion",
          `left out of round ${round}: no inclusion proof came before round ${message.round} opened`,
        ),
        update,
      );
    }
    // Changes pushed before a round opens are the stakes that count in it.
    for (const [key, stake] of this.stakeChanges) this.stakes.set(key, stake);
    this.stakeChanges.clear();
    this.stakesRound = message.round;
    this.onRoundSeen(message, true);
  }

  private onRoundSeen(message: RoundMessage, atOpening: boolean): void {
    const known = this.rounds.get(message.round);
    // The first commit shown for a round is the one held to: a server cannot take it back.
    if (known !== undefined && known.commit !== "") return;
    this.rounds.set(message.round, {
      commit: message.commit,
      atOpening,
      window: message.opensAt === undefined ? null : { opensAt: message.opensAt, closesAt: message.closesAt },
      accepted: known?.accepted ?? false,
    });
    this.pruneRounds();
  }

  private onBlock(message: MessageOf<ServerMessage, "block">, update: Updates): void {
    const { block, lottery } = message;
    const held = this.entries.get(block.Index);
    if (held !== undefined) {
      if (held.block.Hash === block.Hash) return;
      // Checked below like any pushed block, and marked: the server took back one it had shown.
      this.historyChanged(block.Index, block);
    }
    const round = lottery.round;
    const known = this.rounds.get(round);
    // A round this client only heard `accepted` for was never shown opening: no commit to hold it to.
    const seen = known?.commit ? known : undefined;
    const prev = this.entries.get(block.Index - 1)?.block ?? null;
    const checks = blockChecks(
      prev,
      block,
      seen?.window ?? null,
      this.tipIndex >= 0 ? this.tipIndex + 1 : null,
    );
    checks.push(
      this.welcomes === 0
        ? pendingCheck("commit", "no welcome yet: nothing to compare the commit with")
        : commitCheck(lottery.commit, seen, round),
      revealCheck(lottery.reveal, lottery.commit),
    );
    const { ticket, range } = lotteryChecks(block, lottery, this.stakeIn(round, block.Validator));
    checks.push(ticket, range);
    if (known?.accepted && this.me !== null) {
      checks.push(pendingCheck("inclusion", `waiting for this client's inclusion proof for round ${round}`));
      this.inclusionDue.set(round, block.Index);
    }
    this.hold({ block, round, lottery, checks: toMap(checks) }, update);
  }

  private onInclusion(message: InclusionMessage, update: Updates): void {
    const entry = this.entries.get(message.blockIndex);
    const round = this.rounds.get(message.round);
    if (!entry?.lottery || entry.round !== message.round || !round?.accepted || this.me === null) return;
    this.inclusionDue.delete(message.round);
    const check = inclusionCheck(message, entry.lottery, this.me, this.stakeIn(message.round, this.me));
    this.setCheck(message.blockIndex, check, update);
  }

  private onProof(message: ProofMessage, update: Updates): void {
    if (this.asked === message.blockIndex) {
      this.asked = null;
      this.askNext(update);
    }
    const entry = this.entries.get(message.blockIndex);
    if (entry === undefined || entry.block.Index === 0) return;
    const { range } = proofChecks(entry.block, message, entry.lottery);
    const current = entry.checks.get("range");
    // A failure stands; a pass fills in what was waiting (or confirms the path's).
    if (current?.status !== "failed") this.setCheck(entry.block.Index, range, update);
    if (entry.lottery === null) {
      entry.round = message.round;
      this.setCheck(entry.block.Index, revealCheck(message.reveal, message.commit), update);
      const seen = this.rounds.get(message.round);
      if (seen !== undefined)
        this.setCheck(entry.block.Index, commitCheck(message.commit, seen, message.round), update);
    }
    const inclusion = entry.checks.get("inclusion");
    const mine = this.rounds.get(message.round)?.accepted && this.me !== null;
    if (mine && (inclusion === undefined || inclusion.status === "pending")) {
      const listed = message.candidates.find((c) => c.validator === this.me);
      this.setCheck(
        entry.block.Index,
        listed === undefined
          ? failedCheck(
              "inclusion",
              `left out of round ${message.round}: this client is not in its candidate list`,
            )
          : okCheck(
              "inclusion",
              `this client is in round ${message.round}'s full candidate list, with stake ${listed.stake}`,
            ),
        update,
      );
      this.inclusionDue.delete(message.round);
    }
  }

  private onChain(blocks: readonly Block[], update: Updates): void {
    for (const block of blocks) {
      const held = this.historyDue.get(block.Index);
      if (held === undefined) continue;
      this.historyDue.delete(block.Index);
      if (held === block.Hash) continue;
      // Deep in the past: the block this client held there carries the failure.
      this.historyFailures.set(block.Index, historyFailure(block.Index, held, block.Hash));
      update.changed.add(block.Index);
    }
  }

  // ---- the welcome's blocks, and what a reconnect must keep

  /** A block from a welcome: its own checks now, its draw once its proof is answered. */
  private onTailBlock(block: Block, update: Updates): void {
    const held = this.entries.get(block.Index);
    if (held !== undefined && held.block.Hash === block.Hash) return;
    const prev = this.entries.get(block.Index - 1)?.block ?? null;
    const checks = blockChecks(prev, block, null, null);
    if (block.Index > 0)
      checks.push(
        pendingCheck("reveal", "from before this client connected: waiting for the round's proof"),
        pendingCheck("range", "from before this client connected: waiting for the round's proof"),
      );
    this.hold({ block, round: null, lottery: null, checks: toMap(checks) }, update);
    if (block.Index > 0) this.want(block.Index);
  }

  private checkHistory(message: MessageOf<ServerMessage, "welcome">, update: Updates): void {
    const heldTip = this.tipIndex;
    if (heldTip < 0) return;
    const tail = new Map(message.blocks.map((b) => [b.Index, b]));
    const first = message.blocks[0]?.Index ?? message.tip.index + 1;
    for (const [index, entry] of [...this.entries].sort((a, b) => a[0] - b[0])) {
      const now = tail.get(index);
      // The welcome's own block at that index is checked with the others, and carries the failure.
      if (now !== undefined && now.Hash !== entry.block.Hash) return this.historyChanged(index, now);
      if (index > message.tip.index) {
        this.historyFailures.set(
          index,
          failedCheck(
            "history",
            `the server's history changed at block ${index}: its chain now ends at block ${message.tip.index}, this client held up to ${heldTip}`,
          ),
        );
        // Shown on the block it held there; whatever the server builds next at that index carries it too.
        update.shown.push(this.verdict(index)!);
        for (const i of [...this.entries.keys()]) if (i >= index) this.entries.delete(i);
        this.tipIndex = index - 1;
        return;
      }
      if (index < first) this.historyDue.set(index, entry.block.Hash);
    }
    if (this.historyDue.size > 0) {
      const oldest = Math.min(...this.historyDue.keys());
      update.requests.push({ type: "chain", before: first, limit: Math.min(1000, first - oldest) });
    }
  }

  /**
   * Block `index` is not the one this client held: whatever block the server puts there fails
   * `history`, and held blocks from there on are dropped (they are no links to the new one). The
   * caller then checks the new block as usual.
   */
  private historyChanged(index: number, now: Block): void {
    const held = this.entries.get(index);
    this.historyFailures.set(index, historyFailure(index, held?.block.Hash ?? null, now.Hash));
    for (const i of [...this.entries.keys()]) if (i >= index) this.entries.delete(i);
    this.tipIndex = index - 1;
  }

  // ---- bookkeeping

  private hold(entry: Entry, update: Updates): void {
    const index = entry.block.Index;
    this.entries.set(index, entry);
    this.tipIndex = Math.max(this.tipIndex, index);
    update.changed.add(index);
    const oldest = this.tipIndex - this.keepBlocks;
    if (this.entries.size > this.keepBlocks)
      for (const i of this.entries.keys()) if (i <= oldest) this.entries.delete(i);
    for (const i of this.historyDue.keys()) if (i <= oldest) this.historyDue.delete(i);
    for (const i of this.historyFailures.keys()) if (i <= oldest) this.historyFailures.delete(i);
  }

  private setCheck(index: number, check: CheckResult, update: Updates): void {
    const entry = this.entries.get(index);
    if (entry === undefined) return;
    entry.checks.set(check.id, check);
    update.changed.add(index);
  }

  private roundSeen(round: number): RoundSeen {
    let seen = this.rounds.get(round);
    if (seen === undefined) {
      seen = { commit: "", atOpening: false, window: null, accepted: false };
      this.rounds.set(round, seen);
      this.pruneRounds();
    }
    return seen;
  }

  private pruneRounds(): void {
    if (this.rounds.size <= this.keepRounds) return;
    const newest = Math.max(...this.rounds.keys());
    for (const round of this.rounds.keys()) if (round <= newest - this.keepRounds) this.rounds.delete(round);
  }

  private noteStake(info: ValidatorInfo): void {
    this.stakeChanges.set(info.validator, BigInt(info.stake));
  }

  /** The stake `validator` held in `round`, when this client saw that round open. */
  private stakeIn(round: number, validator: string): bigint | undefined {
    return this.stakesRound === round ? this.stakes.get(validator) : undefined;
  }

  private want(index: number): void {
    if (!this.backfill.includes(index) && this.asked !== index) this.backfill.push(index);
    this.backfill.sort((a, b) => b - a);
  }

  /** Asks for the next wanted proof, newest block first, one at a time. */
  private askNext(update: Updates): void {
    if (this.asked !== null) return;
    while (this.backfill.length > 0) {
      const index = this.backfill.shift()!;
      if (!this.entries.has(index)) continue;
      this.asked = index;
      update.requests.push({ type: "proof", blockIndex: index });
      return;
    }
  }
}

interface Updates {
  changed: Set<number>;
  /** Verdicts of blocks no longer held (a history that shrank), shown once. */
  shown: BlockVerdict[];
  requests: ClientMessage[];
}

function historyFailure(index: number, held: string | null, now: string): CheckResult {
  return failedCheck(
    "history",
    `the server's history changed at block ${index}: this client held ${held === null ? "another block" : held.slice(0, 8)}, the server now has ${now.slice(0, 8)}`,
  );
}

function toMap(checks: readonly CheckResult[]): Map<CheckId, CheckResult> {
  return new Map(checks.map((c) => [c.id, c]));
}

function verdictOf(entry: Entry, history: CheckResult | undefined): BlockVerdict {
  const checks = ORDER.map((id) => (id === "history" ? history : entry.checks.get(id))).filter(
    (c) => c !== undefined,
  );
  return { index: entry.block.Index, hash: entry.block.Hash, status: verdictStatus(checks), checks };
}
