import type { ProofMessage, RoundMessage } from "@pos-tui/core";
import { nextAutoBpm } from "../client/auto-bpm.js";
import { candidateBlock } from "../client/candidate.js";
import { type BlockPush, BotClient, type BotHooks, type BotSpec } from "./bot-client.js";
import { type FairnessReport, type FleetMember, fairnessReport, type RoundChances } from "./fairness.js";
import { type RoundStakes, type StakeTrail, stakeTrail } from "./stake-trail.js";
import { VerificationCounter } from "./verification.js";

export interface FleetOptions {
  host: string;
  port: number;
  bots: readonly BotSpec[];
  /** Stop on its own after this many counted rounds; null runs until stop(). */
  rounds: number | null;
  /** Handshakes in flight at once: a thousand at once would overflow the server's listen backlog. */
  concurrency?: number;
  now?: () => Date;
  random?: () => number;
  /** Called on each counted block (for progress lines). */
  onBlock?: (blocks: number, push: BlockPush) => void;
  /** Every bot checks every message it receives with a LiveVerifier; the report counts the verdicts. */
  verify?: boolean;
}

export interface ConnectResult {
  connected: number;
  /** One reason per bot that could not join, e.g. "SERVER_FULL: ...". */
  failures: string[];
}

/** Why the fleet stopped on its own: the rounds asked for are done, no bot was left, or none started. */
export interface FleetEnd {
  why: "rounds" | "lost" | "none";
  message: string;
}

interface ClosedRound {
  winner: string;
  candidates: number;
}

// After the last counted block, how long to wait for every bot's last answers and pushes.
const SETTLE_MS = 3000;

/** Rounds whose stakes the report's chart draws: about a terminal's width. */
const TRAIL_ROUNDS = 60;

/**
 * Many bots, one tally. Bots join first (connect), then all submit from the same round on (start),
 * so every counted round is one the whole fleet could take part in. The fleet remembers which of its
 * bots the server accepted in each round: the fairness report needs the real candidate list.
 */
export class BotFleet {
  readonly bots: BotClient[];
  private running = false;
  private stopped = false;
  private latestRound: RoundMessage | null = null;
  private readonly submitted = new Set<number>();
  private readonly accepted = new Map<number, number[]>();
  private readonly closedRounds = new Map<number, ClosedRound>();
  private readonly seen: Uint32Array;
  private readonly bpm: Uint16Array;
  /** Each bot's last round submitted to, so a round seen twice (start + its push) gets one candidate. */
  private readonly lastSubmitted: Float64Array;
  private readonly rejections = new Map<string, number>();
  private finishedReason: ((end: FleetEnd) => void) | null = null;
  /** Resolves with why the fleet is done: the round count was reached, or every bot is gone. */
  readonly finished: Promise<FleetEnd>;
  private readonly now: () => Date;
  private readonly random: () => number;
  /** The fleet's stakes over its last rounds, known once stopped (the text report's chart). */
  trail: StakeTrail | null = null;
  /** With `verify`: the verdicts of every bot on every counted block it received. */
  private readonly verdicts: VerificationCounter | null;

  constructor(private readonly options: FleetOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.seen = new Uint32Array(options.bots.length);
    this.bpm = new Uint16Array(options.bots.length);
    this.lastSubmitted = new Float64Array(options.bots.length).fill(-1);
    this.finished = new Promise((resolve) => {
      this.finishedReason = resolve;
    });
    const hooks: BotHooks = {
      round: (bot, round) => this.onRound(bot, round),
      accepted: (bot, round) => this.onAccepted(bot, round),
      rejected: (_bot, _round, code) => this.rejections.set(code, (this.rejections.get(code) ?? 0) + 1),
      block: (bot, push) => this.onBlock(bot, push),
      closed: () => this.onClosed(),
      verdict: (bot, verdict) => this.verdicts?.add(bot.spec.name, verdict),
    };
    this.verdicts = options.verify ? new VerificationCounter() : null;
    this.bots = options.bots.map((spec, index) => new BotClient(index, spec, hooks, options.verify));
  }

  async connect(): Promise<ConnectResult> {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < this.bots.length) {
        const bot = this.bots[next++]!;
        try {
          await bot.connect(this.options.host, this.options.port);
        } catch (error) {
          failures.push(`${bot.spec.name}: ${(error as Error).message}`);
        }
      }
    };
    const workers = Math.min(this.options.concurrency ?? 64, this.bots.length);
    await Promise.all(Array.from({ length: workers }, worker));
    return { connected: this.bots.length - failures.length, failures };
  }

  /** Every ready bot submits from now on, starting with the round already open if it joined before it. */
  start(): void {
    this.running = true;
    const round = this.latestRound;
    if (round !== null) for (const bot of this.bots) if (bot.ready) this.submit(bot, round);
    if (this.bots.every((bot) => !bot.ready)) this.finish("none", "no bot is connected");
  }

  get countedBlocks(): number {
    return this.closedRounds.size;
  }

  /** Rejected submissions by error code (late candidates show up as WRONG_ROUND). */
  get rejected(): ReadonlyMap<string, number> {
    return this.rejections;
  }

  /**
   * Stops submitting, waits for the last answers, works out each round's candidates (asking the
   * server for a proof when others took part too), closes every socket and returns the report.
   */
  async stop(): Promise<FairnessReport> {
    this.stopped = true;
    await this.settle();
    for (const bot of this.bots) bot.settleVerdicts();
    const rounds = await this.roundChances();
    const proofs = await this.lastRoundsStakes();
    await Promise.all(this.bots.map((bot) => bot.close()));
    const members: FleetMember[] = this.bots.map((bot, i) => ({
      validator: bot.spec.keys.publicKey,
      name: bot.spec.name,
      stake: bot.spec.stake,
      blocksSeen: this.seen[i]!,
    }));
    this.trail = stakeTrail(members, proofs);
    const report = fairnessReport(members, rounds, this.trail.end);
    return this.verdicts === null ? report : { ...report, verification: this.verdicts.tally };
  }

  /** Closes every socket without a report (e.g. the demo quitting). */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.bots.map((bot) => bot.close()));
  }

  private onRound(bot: BotClient, round: RoundMessage): void {
    if (this.latestRound === null || round.round > this.latestRound.round) this.latestRound = round;
    if (this.running && !this.stopped) this.submit(bot, round);
  }

  private submit(bot: BotClient, round: RoundMessage): void {
    const i = bot.index;
    // The server counts a stake from the round after the one it joined in.
    if (round.round <= bot.welcomeRound) return;
    if (this.lastSubmitted[i]! >= round.round) return;
    this.lastSubmitted[i] = round.round;
    const bpm = nextAutoBpm(this.bpm[i] || null, this.random);
    this.bpm[i] = bpm;
    const block = candidateBlock(round, bpm, bot.spec.keys, this.now());
    // Noted before the server can close the round, so its block push is always recognised as ours.
    this.submitted.add(round.round);
    bot.submit(round, block);
  }

  private onAccepted(bot: BotClient, round: number): void {
    let list = this.accepted.get(round);
    if (list === undefined) {
      list = [];
      this.accepted.set(round, list);
    }
    list.push(bot.index);
  }

  private onBlock(bot: BotClient, push: BlockPush): void {
    const round = push.lottery.round;
    if (!this.submitted.has(round)) return;
    this.seen[bot.index]!++;
    bot.expectVerdict(push.block.Index);
    if (this.closedRounds.has(round)) return;
    this.closedRounds.set(round, { winner: push.block.Validator, candidates: push.lottery.candidates });
    this.options.onBlock?.(this.closedRounds.size, push);
    const limit = this.options.rounds;
    if (limit !== null && this.closedRounds.size >= limit) {
      // Set at once: every other bot reads this block before the next round push on its socket.
      this.stopped = true;
      this.finish("rounds", `${limit} rounds done`);
    }
  }

  private onClosed(): void {
    if (this.bots.every((bot) => bot.closed)) {
      const reason = this.bots.find((bot) => bot.closed)?.closeReason ?? "closed";
      this.finish("lost", `every bot lost its connection (${reason})`);
    }
  }

  private finish(why: FleetEnd["why"], message: string): void {
    this.finishedReason?.({ why, message });
    this.finishedReason = null;
  }

  /** Until each live bot has its answers and every counted block, or SETTLE_MS passes. */
  private async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_MS;
    const total = this.closedRounds.size;
    const settled = () => this.bots.every((bot, i) => !bot.ready || (!bot.busy && this.seen[i]! >= total));
    while (!settled() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** The stakes that counted in the last counted rounds, from their proofs (rewards move them). */
  private async lastRoundsStakes(): Promise<RoundStakes[]> {
    const asker = this.bots.find((bot) => bot.ready) ?? null;
    if (asker === null) return [];
    const rounds = [...this.closedRounds.keys()].sort((a, b) => a - b).slice(-TRAIL_ROUNDS);
    const proofs = await Promise.all(rounds.map((round) => asker.proof(round)));
    return proofs.flatMap((proof, i) => (proof ? [{ round: rounds[i]!, candidates: proof.candidates }] : []));
  }

  private async roundChances(): Promise<RoundChances[]> {
    const stakes = this.bots.map((bot) => bot.spec.stake);
    const indexOf = new Map(this.bots.map((bot, i) => [bot.spec.keys.publicKey, i]));
    const asker = this.bots.find((bot) => bot.ready) ?? null;
    const rounds = [...this.closedRounds.entries()].sort(([a], [b]) => a - b);
    const proofs = new Map<number, ProofMessage | null>();
    // Rounds where the server counted more candidates than it accepted from us had other validators:
    // their exact stakes come from the round's proof.
    await Promise.all(
      rounds
        .filter(([round, closed]) => (this.accepted.get(round)?.length ?? 0) !== closed.candidates)
        .map(async ([round]) => proofs.set(round, asker ? await asker.proof(round) : null)),
    );
    const result: RoundChances[] = [];
    for (const [round, closed] of rounds) {
      const ours = this.accepted.get(round) ?? [];
      if (ours.length === 0) continue;
      if (!proofs.has(round)) {
        result.push({ round, winner: closed.winner, chances: shares(ours, stakes), others: 0 });
        continue;
      }
      const proof = proofs.get(round);
      if (!proof) continue;
      const total = proof.candidates.reduce((sum, c) => sum + BigInt(c.stake), 0n);
      const chances: [number, number][] = [];
      let ourShare = 0;
      for (const candidate of proof.candidates) {
        const index = indexOf.get(candidate.validator);
        if (index === undefined) continue;
        const chance = Number(BigInt(candidate.stake)) / Number(total);
        chances.push([index, chance]);
        ourShare += chance;
      }
      result.push({ round, winner: closed.winner, chances, others: Math.max(0, 1 - ourShare) });
    }
    return result;
  }
}

function shares(members: readonly number[], stakes: readonly bigint[]): [number, number][] {
  const total = members.reduce((sum, i) => sum + stakes[i]!, 0n);
  return members.map((i) => [i, Number(stakes[i]!) / Number(total)]);
}
