import { type Block, genesisBlock } from "./block.js";
import { checkBlock } from "./chain.js";
import { ErrorCode, fail, ok, PosError, type Result } from "./errors.js";
import { toHex } from "./hex.js";
import { type Candidate, commitFor, type DrawResult, draw, lotterySeed } from "./lottery.js";
import type { RoundMessage } from "./protocol.js";
import type { BlockProof, BlockRecord, ProofCandidate, RecordLedger } from "./record.js";
import { TIMESTAMP_SKEW_MS } from "./round-window.js";
import { RuleLedger } from "./rule-ledger.js";
import { createRule } from "./rules/index.js";
import type { PriorityTable, RoundRobinProof } from "./rules/round-robin.js";
import type { AnyRule, RuleName } from "./rules/rule.js";
import { type RewardRule, rewardFor, StakeLedger } from "./stake-ledger.js";
import { ValidatorRegistry } from "./validators.js";

/** A jump of the wall clock between two rounds, beyond what the monotonic clock says passed. */
export interface ClockStep {
  /** Positive: the clock jumped ahead; negative: it went back. */
  stepMs: number;
  /** How far the new round's window is held ahead of the clock (0 when it is not). */
  heldAheadMs: number;
}

export interface ConsensusEffects {
  /** Wall clock, ms since the epoch: what Timestamps are made of. */
  now(): number;
  randomBytes(size: number): Uint8Array;
  /** A clock that never steps (the server's is performance.now); tells a clock step from a slow round. */
  monotonic(): number;
  /** Called once per clock step (and once when the clock is found behind the chain at the start). */
  clockStepped?(step: ClockStep): void;
  /** Called when the rule refuses a round (the pool's total stake limit): it makes no block. */
  roundRefused?(round: number, error: PosError, candidates: readonly string[]): void;
}

interface Round {
  number: number;
  secret: string;
  commit: string;
  opensAt: number;
  closesAt: number;
  candidates: Map<string, { block: Block; stake: bigint }>;
}

export interface RoundOutcome {
  record: BlockRecord;
  draw: DrawResult;
}

/**
 * The chain, the validators and the current round: every rule of the game, no sockets and no timers.
 * The server calls startRound/closeRound on its clock and appends the outcome to the store before
 * calling `accept`, so the in-memory chain never runs ahead of the disk.
 */
export class Consensus {
  readonly validators: ValidatorRegistry;
  private readonly records: BlockRecord[];
  private readonly roundOfBlock = new Map<number, number>();
  private round: Round | null = null;
  private nextRoundNumber: number;
  /** The last window handed out: the next one never starts before its end. */
  private lastClosesAt = Number.NEGATIVE_INFINITY;
  /** Wall and monotonic clocks when the last round opened, to spot a step between two rounds. */
  private lastOpening: { wall: number; mono: number } | null = null;
  private heldAhead = false;
  /** The stakes and balances the log adds up to: what the next record must declare beyond them. */
  private readonly ledger = new StakeLedger();
  /** The rule the log ran under and the round robin's priorities: what the next record must follow. */
  private readonly rules = new RuleLedger();
  private readonly proposer: AnyRule;

  /**
   * `reward`: what each block's winner is credited (none when absent or 0). `rule`: how the next
   * blocks' proposers are picked; when it is not the rule the records ran under, the next block
   * records the change (the caller has made sure the change is wanted).
   */
  constructor(
    records: readonly BlockRecord[],
    private readonly effects: ConsensusEffects,
    private readonly roundMs: number,
    private readonly reward: RewardRule | null = null,
    readonly rule: RuleName = "lottery",
  ) {
    this.proposer = createRule(rule);
    this.records =
      records.length > 0
        ? [...records]
        : [
            {
              block: genesisBlock(new Date(effects.now()).toISOString()),
              proof: null,
              ledger: { stakes: [], reward: null },
            },
          ];
    // The records were checked when they were read: replaying them cannot fail.
    for (const record of this.records) {
      this.ledger.check(record);
      this.rules.check(record);
    }
    this.validators = ValidatorRegistry.fromRecords(this.records);
    let lastRound = 0;
    this.records.forEach((r, i) => {
      if (r.proof) {
        this.roundOfBlock.set(r.proof.round, i);
        lastRound = Math.max(lastRound, r.proof.round);
      }
    });
    this.nextRoundNumber = lastRound + 1;
    // After a restart the next window still may not open before the last stored one closed.
    const lastClose = Date.parse(this.records[this.records.length - 1]!.proof?.closesAt ?? "");
    if (!Number.isNaN(lastClose)) this.lastClosesAt = lastClose;
  }

  /** The first record; the server stores it when the chain is new. */
  get genesis(): BlockRecord {
    return this.records[0]!;
  }

  get tip(): Block {
    return this.records[this.records.length - 1]!.block;
  }

  get length(): number {
    return this.records.length;
  }

  /** Up to `limit` blocks with Index < before, oldest first. */
  blocks(limit: number, before: number = this.length): Block[] {
    const end = Math.max(0, Math.min(before, this.length));
    return this.records.slice(Math.max(0, end - limit), end).map((r) => r.block);
  }

  /** The record of block `index`, if the chain has it. */
  recordAt(index: number): BlockRecord | undefined {
    return Number.isInteger(index) && index >= 0 ? this.records[index] : undefined;
  }

  recordForRound(round: number): BlockRecord | undefined {
    const index = this.roundOfBlock.get(round);
    return index === undefined ? undefined : this.records[index];
  }

  get currentRound(): RoundMessage | null {
    const r = this.round;
    if (!r) return null;
    return {
      type: "round",
      round: r.number,
      commit: r.commit,
      opensAt: new Date(r.opensAt).toISOString(),
      closesAt: new Date(r.closesAt).toISOString(),
      tipIndex: this.tip.Index,
      tipHash: this.tip.Hash,
    };
  }

  get roundNumber(): number | null {
    return this.round?.number ?? null;
  }

  /** The first round a validator joining now may submit in: the next one to start. */
  get nextRoundToStart(): number {
    return this.round === null ? this.nextRoundNumber : this.round.number + 1;
  }

  /**
   * Draws and commits to this round's secret; pending stake changes take effect now. The round's
   * window of chain time starts at the clock, but never before the previous window's end or the tip's
   * Timestamp, so windows only move forward: when the clock steps back the chain's time holds still
   * until the clock catches up, and when it steps ahead the chain's time follows. Either way the
   * chain goes on, and the round still lasts `roundMs` of real time (the server's timer).
   */
  startRound(): RoundMessage {
    const now = this.effects.now();
    const floor = Math.max(this.lastClosesAt, Date.parse(this.tip.Timestamp));
    const opensAt = Math.max(now, floor);
    const closesAt = Math.max(opensAt, now + this.roundMs);
    this.noticeClockStep(now, opensAt);
    this.lastClosesAt = closesAt;
    const secret = toHex(this.effects.randomBytes(32));
    this.round = {
      number: this.nextRoundNumber++,
      secret,
      commit: commitFor(secret),
      opensAt,
      closesAt,
      candidates: new Map(),
    };
    return this.currentRound!;
  }

  private noticeClockStep(now: number, opensAt: number): void {
    const mono = this.effects.monotonic();
    const heldAheadMs = opensAt - now;
    const previous = this.lastOpening;
    this.lastOpening = { wall: now, mono };
    const stepMs = previous === null ? 0 : now - previous.wall - (mono - previous.mono);
    const wasHeld = this.heldAhead;
    // Behind the tip's Timestamp, not merely the last window's end (a quick restart is no step).
    this.heldAhead = Date.parse(this.tip.Timestamp) - now > TIMESTAMP_SKEW_MS;
    // One report per step: a jump seen between two rounds, or the clock found behind the chain's time
    // (at the start, or after steps each too small to see on its own).
    if (Math.abs(stepMs) > TIMESTAMP_SKEW_MS || (this.heldAhead && !wasHeld))
      this.effects.clockStepped?.({ stepMs, heldAheadMs: Math.max(0, heldAheadMs) });
  }

  applyPendingStakes() {
    return this.validators.applyPendingStakes();
  }

  submit(round: number, block: Block): Result<{ round: number; index: number; hash: string }> {
    const r = this.round;
    if (!r)
      return fail(new PosError(ErrorCode.WrongRound, "no round is open: the server is starting or stopping"));
    if (round !== r.number)
      return fail(
        new PosError(ErrorCode.WrongRound, `round ${round} is not open: the current round is ${r.number}`, {
          expected: r.number,
          actual: round,
        }),
      );
    const validator = this.validators.get(block.Validator);
    if (!validator?.online)
      return fail(new PosError(ErrorCode.NotValidator, "only a connected validator with a stake can submit"));
    if (r.candidates.has(block.Validator))
      return fail(
        new PosError(
          ErrorCode.AlreadySubmitted,
          `you already have a candidate in round ${r.number}: wait for the next round`,
        ),
      );
    const tip = this.tip;
    if (block.Index !== tip.Index + 1 || block.PrevHash !== tip.Hash)
      return fail(
        new PosError(
          ErrorCode.StaleTip,
          `the candidate must extend block ${tip.Index} (${tip.Hash.slice(0, 8)}): build on the current tip`,
          { tipIndex: tip.Index, tipHash: tip.Hash },
        ),
      );
    const issue = checkBlock(tip, block, { window: this.window(r) });
    if (issue) return fail(new PosError(issue.code, issue.message));
    // Checked last, so a candidate's own faults are reported first. The round's stakes were fixed
    // when it started; a stake that arrived later counts from the next round.
    if (validator.firstRound > r.number)
      return fail(
        new PosError(
          ErrorCode.JoinedThisRound,
          `you joined during round ${r.number}, and stakes count from a round's start: submit from round ${validator.firstRound}`,
          { firstRound: validator.firstRound },
        ),
      );
    r.candidates.set(block.Validator, { block, stake: validator.stake });
    return ok({ round: r.number, index: block.Index, hash: block.Hash });
  }

  private window(r: Round): { opensAt: string; closesAt: string } {
    return { opensAt: new Date(r.opensAt).toISOString(), closesAt: new Date(r.closesAt).toISOString() };
  }

  /** The rule the stored blocks ran under: their last one's, the lottery while there is none. */
  get logRule(): RuleName {
    return this.rules.rule;
  }

  /**
   * Ends the round and picks its proposer under the rule; null when nobody submitted or the rule
   * refused the round (effects.roundRefused says why). The round is closed either way.
   */
  closeRound(): RoundOutcome | null {
    const r = this.round;
    this.round = null;
    if (!r || r.candidates.size === 0) return null;
    const prevHash = this.tip.Hash;
    const entries = [...r.candidates.values()];
    const staked = entries.map((e) => ({ validator: e.block.Validator, stake: e.stake }));
    const picked = this.pick(r.number, staked, lotterySeed(r.secret, prevHash, r.number));
    if (!picked.ok) {
      this.effects.roundRefused?.(
        r.number,
        picked.error,
        staked.map((c) => c.validator),
      );
      return null;
    }
    const { result, ruleFields } = picked.value;
    const winner = r.candidates.get(result.winner)!;
    const candidates: ProofCandidate[] = entries
      .map((e) => ({
        validator: e.block.Validator,
        stake: e.stake.toString(),
        name: this.validators.get(e.block.Validator)?.name ?? null,
      }))
      .sort((a, b) => (a.validator < b.validator ? -1 : 1));
    const ledger: RecordLedger = {
      stakes: this.ledger.declarations(candidates),
      reward:
        this.reward === null || this.reward.amount === 0n
          ? null
          : rewardFor(this.reward, winner.stake, this.ledger.balanceOf(result.winner)),
    };
    return {
      draw: result,
      record: {
        block: winner.block,
        proof: {
          round: r.number,
          commit: r.commit,
          reveal: r.secret,
          ticket: result.ticket.toString(),
          total: result.total.toString(),
          rangeStart: result.rangeStart.toString(),
          rangeEnd: result.rangeEnd.toString(),
          candidates,
          ...this.window(r),
          ...ruleFields,
        },
        ledger,
      },
    };
  }

  /**
   * The round's winner under the rule, with the proof's figures (see BlockProof) and its rule fields.
   * The lottery's draw gives every figure; the pool picks its winner from a real pool (the lesson is
   * its cost) and shares the draw's figures; the round robin's come from its priority table.
   */
  private pick(
    round: number,
    candidates: Candidate[],
    seed: bigint,
  ): Result<{ result: DrawResult; ruleFields: Partial<BlockProof> }> {
    const change =
      this.rules.settled && this.rules.rule !== this.rule ? { previousRule: this.rules.rule } : {};
    if (this.rule === "lottery") {
      // The lottery rule is exactly this draw: one run of it at the close, not two.
      const result = draw(candidates, seed);
      return result === null
        ? fail(new PosError(ErrorCode.BadLottery, "the round had no candidate with stake"))
        : ok({ result, ruleFields: change });
    }
    const outcome = this.proposer.pick(this.rules.stateFor(this.rule), { round, candidates, seed });
    if (!outcome.ok) return outcome;
    if (this.rule === "pool") {
      const result = draw(candidates, seed);
      if (result === null || result.winner !== outcome.value.winner)
        return fail(new PosError(ErrorCode.BadRule, "the pool and the lottery's ranges disagree"));
      return ok({ result, ruleFields: { rule: "pool", ...change } });
    }
    const { before, total } = outcome.value.proof as RoundRobinProof;
    return ok({
      result: roundRobinFigures(before, total, outcome.value.winner),
      ruleFields: {
        rule: "round-robin",
        ...change,
        priorities: before.map((e) => ({ validator: e.validator, priority: e.priority.toString() })),
      },
    });
  }

  /** Adds a stored block to the chain, counts the win and credits the winner's reward. */
  accept(record: BlockRecord) {
    this.records.push(record);
    if (record.proof) this.roundOfBlock.set(record.proof.round, this.records.length - 1);
    this.ledger.check(record);
    this.rules.check(record);
    const reward = record.ledger?.reward;
    if (reward) this.validators.credit(record.block.Validator, BigInt(reward.stake), BigInt(reward.balance));
    return this.validators.recordWin(record.block.Validator);
  }
}

/**
 * A round robin's outcome in the proof's figures: the ticket is the winner's priority once every
 * priority grew by its stake, the total the stake, the range the winner's share in candidate order.
 */
function roundRobinFigures(before: PriorityTable, total: bigint, winner: string): DrawResult {
  const winnerIndex = before.findIndex((e) => e.validator === winner);
  const rangeStart = before.slice(0, winnerIndex).reduce((sum, e) => sum + e.stake, 0n);
  const { priority, stake } = before[winnerIndex]!;
  return { winner, winnerIndex, ticket: priority + stake, total, rangeStart, rangeEnd: rangeStart + stake };
}
