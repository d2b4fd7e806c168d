import {
  type Block,
  type BlockProof,
  candidateTimestamp,
  checkStakeCap,
  concentration,
  ErrorCode,
  type KeyPair,
  keyPairFromSeed,
  type LedgerReward,
  nameClaimError,
  PosError,
  parseBpm,
  parseName,
  parseStake,
  ruleOf,
  signBlock,
} from "@pos-tui/core";
import type { BlockNews, Broadcast, RefusedNews, RoundNews, ValidatorNews } from "./broadcast.js";
import { concentrationLine } from "./concentration-line.js";
import type { Connection } from "./connection.js";
import type { Hub, Session } from "./hub.js";

export const BALANCE_PROMPT = "Enter token balance:";
export const BPM_PROMPT = "Enter a new BPM:";
const MAX_CHAIN_LINES = 1000;

const HELP = [
  "commands:",
  "  <number>      your token balance first, then a BPM (1-300) each round",
  "  chain [N]     the last N blocks (default 100) as one JSON array line",
  "  name NAME     your name for the others to see (1-32 characters, not taken by someone else)",
  "  validators    every validator: address, stake, wins, online, name; (you) marks yours",
  "  help          this list",
  "  quit          leave",
].join("\n");

/**
 * The tutorial's dialogue for a person on `nc`: balance, then BPMs. The server holds this node's
 * ed25519 key and signs its blocks, so even an `nc` node's blocks verify.
 */
export class TextSession implements Session {
  private keys: KeyPair | null = null;
  /** A name chosen before the balance: taken at the join. */
  private pendingName: string | null = null;
  /** A BPM typed in the round this node joined in: it becomes the candidate when the next round opens. */
  private waiting: number | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly hub: Hub,
  ) {}

  static greet(connection: Connection): void {
    connection.send(`${BALANCE_PROMPT}\n`);
  }

  /** This session's validator key, once it has joined. */
  get validator(): string | null {
    return this.keys?.publicKey ?? null;
  }

  line(raw: string): void {
    const named = /^name(?:\s+(.*))?$/is.exec(raw.trim());
    if (named) return this.takeName(named[1] ?? "");
    const command = raw.trim().toLowerCase();
    const chain = /^chain(?:\s+(\d{1,9}))?$/.exec(command);
    if (chain) return this.sendChain(chain[1] === undefined ? 100 : Number(chain[1]));
    if (command === "validators") return this.sendValidators();
    if (command === "help" || command === "?") return this.reply(HELP);
    if (command === "quit" || command === "exit") {
      this.connection.end("bye\n");
      return;
    }
    if (/^[a-z]/.test(command)) return this.unknownCommand(command);
    if (this.keys === null) this.takeBalance(raw);
    else this.takeBpm(raw, this.keys);
  }

  closed(): void {
    if (this.keys === null) return;
    this.hub.leave(this.keys.publicKey);
    this.hub.log.info({ validator: this.keys.publicKey, dialect: "text" }, "validator left");
  }

  /** A round has opened: a BPM that waited for it becomes this node's candidate now. */
  pushRound(_round: Broadcast<RoundNews>): void {
    if (this.waiting === null || this.keys === null) return;
    const bpm = this.waiting;
    this.waiting = null;
    this.submit(bpm, this.keys);
  }

  /** Every text connection sees every block, before it has even typed its balance. */
  pushBlock(news: Broadcast<BlockNews>): void {
    // The winner's own line says it is them.
    const you = this.validator !== null && this.validator === news.event.block.Validator;
    this.connection.send(news.format(you ? "text-you" : "text", (event) => blockLines(event, you)));
  }

  roundRefused({ round, error, candidates }: RefusedNews): void {
    if (this.validator !== null && candidates.has(this.validator))
      this.reply(`error: round ${round} made no block: ${error.message}`);
  }

  /** A person on nc asks for `validators` when they want them. */
  pushValidators(_changes: Broadcast<ValidatorNews>): void {}

  goodbye(): void {
    this.connection.end("server shutting down: goodbye\n");
  }

  closeWith(error: PosError): void {
    this.connection.end(`error: ${error.message}\n`);
  }

  private get prompt(): string {
    return this.keys === null ? BALANCE_PROMPT : BPM_PROMPT;
  }

  private reply(text: string): void {
    this.connection.send(`${text}\n${this.prompt}\n`);
  }

  private rejected(error: PosError): void {
    this.hub.rejected(this.connection, { code: error.code, reason: error.message }, "rejected text input");
    this.reply(`error: ${error.message}`);
  }

  /** Words that are no command: say so, rather than read them as a malformed number. */
  private unknownCommand(command: string): void {
    // Only short plain ASCII is echoed: anything else stays off the student's screen.
    const shown = command.length <= 24 && /^[a-z0-9 ]+$/.test(command) ? ` "${command}"` : "";
    const expected = this.keys === null ? "your token balance, e.g. 100" : "a BPM, e.g. 72";
    this.rejected(
      new PosError(
        ErrorCode.UnknownCommand,
        `unknown command${shown}: type help for the commands, or ${expected}`,
      ),
    );
  }

  private takeName(text: string): void {
    const registry = this.hub.consensus.validators;
    const current = this.keys ? (registry.get(this.keys.publicKey)?.name ?? null) : this.pendingName;
    if (text.trim() === "")
      return this.reply(
        current === null
          ? "type name and your name, e.g. name ada"
          : `your name is ${JSON.stringify(current)}: type name and another one to change it`,
      );
    const parsed = parseName(text);
    if (!parsed.ok) return this.rejected(parsed.error);
    const name = parsed.value;
    const taken = nameClaimError(registry, this.validator, name);
    if (taken) return this.rejected(taken);
    if (this.keys === null) {
      this.pendingName = name;
      return this.reply(`you will be ${JSON.stringify(name)} once you type your token balance`);
    }
    this.hub.rename(this.keys.publicKey, name);
    this.hub.log.info({ validator: this.keys.publicKey, name, dialect: "text" }, "validator named");
    this.reply(`you are now ${JSON.stringify(name)}`);
  }

  private takeBalance(raw: string): void {
    const stake = parseStake(raw);
    if (!stake.ok) return this.rejected(stake.error);
    const capped = checkStakeCap(stake.value, this.hub.maxStake);
    if (capped) return this.rejected(capped);
    const registry = this.hub.consensus.validators;
    // Someone may have taken the chosen name since: join without it and say so.
    const lostName =
      this.pendingName === null ? null : nameClaimError(registry, null, this.pendingName)?.message;
    const name = lostName ? null : this.pendingName;
    this.pendingName = null;
    const keys = keyPairFromSeed(this.hub.randomBytes(32));
    this.keys = keys;
    const info = this.hub.join(keys.publicKey, name, stake.value, true);
    this.hub.identified(this.connection);
    this.hub.log.info(
      { validator: keys.publicKey, name, stake: info.stake, dialect: "text" },
      "validator joined",
    );
    const welcome = `welcome, validator ${keys.publicKey} with stake ${stake.value}${name === null ? "" : ` as ${JSON.stringify(name)}`}`;
    this.reply(lostName ? `${welcome}\nerror: ${lostName}` : welcome);
  }

  private takeBpm(raw: string, keys: KeyPair): void {
    const bpm = parseBpm(raw);
    if (!bpm.ok) return this.rejected(bpm.error);
    const { consensus } = this.hub;
    const open = consensus.roundNumber;
    const firstRound = consensus.validators.get(keys.publicKey)?.firstRound;
    if (open !== null && firstRound !== undefined && firstRound > open) {
      // Stakes count from a round's start, so this node cannot be a candidate in the round it joined
      // in. A person on nc should not have to watch the clock and type again: the BPM waits.
      this.waiting = bpm.value;
      return this.reply(
        `your stake counts from round ${firstRound} (stakes count from a round's start): BPM ${bpm.value} will be your candidate when it opens`,
      );
    }
    this.submit(bpm.value, keys);
  }

  private submit(bpm: number, keys: KeyPair): void {
    const { consensus } = this.hub;
    const open = consensus.currentRound;
    if (open === null)
      return this.rejected(
        new PosError(ErrorCode.WrongRound, "no round is open right now: try again in a moment"),
      );
    const round = open.round;
    const tip = consensus.tip;
    const Timestamp = candidateTimestamp(open, this.hub.now());
    const block = signBlock({ Index: tip.Index + 1, Timestamp, BPM: bpm, PrevHash: tip.Hash }, keys);
    const result = consensus.submit(round, block);
    if (!result.ok) return this.rejected(result.error);
    this.reply(`accepted: BPM ${bpm} is your candidate for block ${block.Index} in round ${round}`);
  }

  private sendChain(count: number): void {
    const blocks = this.hub.consensus.blocks(Math.min(Math.max(count, 1), MAX_CHAIN_LINES));
    this.reply(JSON.stringify(blocks));
  }

  private sendValidators(): void {
    const registry = this.hub.consensus.validators;
    const shown = registry.summary().sort((a, b) => (BigInt(b.stake) > BigInt(a.stake) ? 1 : -1));
    if (shown.length === 0) return this.reply("no validators yet");
    const mine = this.keys?.publicKey;
    const lines = shown.map(
      (v) =>
        // Names are quoted so none can pass for the (you) marker or another column.
        `${v.validator} stake ${v.stake}${v.balance === undefined ? "" : ` balance ${v.balance}`} wins ${v.wins} ${v.online ? "online" : "offline"}${v.name ? ` ${JSON.stringify(v.name)}` : ""}${v.validator === mine ? " (you)" : ""}`,
    );
    const more = registry.size - shown.length;
    if (more > 0) lines.push(`and ${more} more offline validators with fewer wins`);
    lines.push(concentrationLine(concentration(shown.filter((v) => v.online).map((v) => BigInt(v.stake)))));
    this.reply(lines.join("\n"));
  }
}

/** What a text client reads of a new block: the winning line, then the block as one JSON line. */
function blockLines({ block, proof, winnerName, reward }: BlockNews, you: boolean): string {
  return `${winningLine(block, winnerName, you, proof, reward)}\n${JSON.stringify(block)}\n`;
}

/** The nc announcement; the name is quoted so it cannot pass for the (you) marker. */
export function winningLine(
  block: Block,
  name: string | null,
  you: boolean,
  proof: BlockProof,
  reward: LedgerReward | null = null,
): string {
  const who = `${block.Validator}${name === null ? "" : ` ${JSON.stringify(name)}`}${you ? " (you)" : ""}`;
  return `winning validator: ${who} (block ${block.Index}, round ${proof.round}: ${whyWords(proof)})${rewardWords(proof, block, reward)}`;
}

/** Why the winner won, in its rule's terms, and where the chain changed rule. */
function whyWords(proof: BlockProof): string {
  const { ticket, total, rangeStart, rangeEnd } = proof;
  const rule = ruleOf(proof);
  const why =
    rule === "round-robin"
      ? `round robin, highest priority ${ticket} of ${proof.candidates.length} candidates; it drops by the total stake ${total}`
      : rule === "pool"
        ? `pool entry ${ticket} of ${total} is one of its entries ${rangeStart}..${rangeEnd}`
        : `ticket ${ticket} of ${total} fell in its range ${rangeStart}..${rangeEnd}`;
  return proof.previousRule === undefined
    ? why
    : `${why}; the chain switched from ${proof.previousRule} to ${rule} here`;
}

/** The reward's part of the winning line: what was credited and where it went. */
function rewardWords(proof: BlockProof, block: Block, reward: LedgerReward | null): string {
  if (reward === null) return "";
  if (reward.mode === "payout") return `, reward +${reward.amount} paid out, balance now ${reward.balance}`;
  const before = proof.candidates.find((c) => c.validator === block.Validator)?.stake;
  const staked = before === undefined ? null : BigInt(reward.stake) - BigInt(before);
  // At the stake cap the rest of the reward is paid out: say so, or the sum would not add up.
  const capped = staked !== null && staked < BigInt(reward.amount);
  return `, reward +${reward.amount}, stake now ${reward.stake}${capped ? ` (the cap), balance now ${reward.balance}` : ""}`;
}
