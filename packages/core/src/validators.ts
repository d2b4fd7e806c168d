import type { ValidatorInfo } from "./protocol.js";
import type { BlockRecord } from "./record.js";

interface ValidatorState {
  key: string;
  name: string | null;
  /** The stake the lottery uses this round. */
  stake: bigint;
  /** A change asked for during a round; it applies when the next round starts. */
  nextStake: bigint | null;
  /**
   * The stake the validator last declared (joining or with `stake`); rewards grow `stake`, not this.
   * A rejoin declaring the same amount keeps the grown stake; another amount replaces it.
   */
  declared: bigint;
  /** Rewards paid out (`--reward-mode payout`, or above the stake cap): held, never staked. */
  balance: bigint;
  wins: number;
  online: boolean;
  /** Stakes count from the start of a round: one that joined during round r may submit from r + 1. */
  firstRound: number;
  /** An nc session's key: it can never log in again, so its name is free once it leaves. */
  ephemeral: boolean;
}

/** Names are compared as a person reads them: "Alice", "alice" and "ａｌｉｃｅ" are one name. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

/** How many offline validators a welcome lists (those with the most wins); the rest are paged. */
export const OFFLINE_IN_WELCOME = 50;

/** Wins first, then stake, then key: a total order, so lists and pages never jitter. */
function byWinsThenStake(a: ValidatorState, b: ValidatorState): number {
  if (a.wins !== b.wins) return b.wins - a.wins;
  if (a.stake !== b.stake) return a.stake > b.stake ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Who is connected, what they stake, and how often each has won. Only what someone needs is kept:
 * online validators, and offline ones that have won a block (the dashboards and `validators` show
 * their wins). An offline key that never won is forgotten: its stake does not count until it
 * rejoins, and a rejoin brings its stake and name again. So memory grows with the chain and the
 * class, never with the number of keys that ever said hello.
 */
export class ValidatorRegistry {
  private readonly byKey = new Map<string, ValidatorState>();
  private readonly onlineKeys = new Set<string>();
  private offlineTop: { limit: number; list: ValidatorState[] } | null = null;
  private sortedKeys: string[] | null = null;
  /** nameKey -> the key that last took the name; checked against byKey on every lookup. */
  private readonly byName = new Map<string, string>();

  /** Rebuilds wins (and the winners' last names and stakes) from stored blocks after a restart. */
  static fromRecords(records: readonly BlockRecord[]): ValidatorRegistry {
    const registry = new ValidatorRegistry();
    // Declarations come from the ledger (format 2); a format 1 proof's stakes are all declared ones.
    const declared = new Map<string, bigint>();
    for (const record of records) {
      const { block, proof } = record;
      if (proof === null) continue;
      for (const d of record.ledger?.stakes ?? proof.candidates) declared.set(d.validator, BigInt(d.stake));
      const entry = proof.candidates.find((c) => c.validator === block.Validator);
      if (entry === undefined) continue;
      const known = registry.byKey.get(entry.validator);
      const reward = record.ledger?.reward;
      const stake = BigInt(reward?.stake ?? entry.stake);
      const balance = reward ? BigInt(reward.balance) : (known?.balance ?? 0n);
      if (known) {
        known.wins++;
        known.stake = stake;
        known.balance = balance;
        known.name = entry.name ?? known.name;
      } else
        registry.byKey.set(entry.validator, {
          key: entry.validator,
          name: entry.name,
          stake,
          nextStake: null,
          declared: stake,
          balance,
          wins: 1,
          online: false,
          firstRound: 0,
          ephemeral: false,
        });
      if (entry.name !== null) registry.byName.set(nameKey(entry.name), entry.validator);
    }
    for (const state of registry.byKey.values()) state.declared = declared.get(state.key) ?? state.stake;
    return registry;
  }

  get(key: string): ValidatorState | undefined {
    return this.byKey.get(key);
  }

  isOnline(key: string): boolean {
    return this.byKey.get(key)?.online === true;
  }

  /**
   * A known key keeps its wins; a different stake waits for the next round. Declaring the stake it
   * declared before keeps what rewards added to it (a reconnect, or a restart of the server). `firstRound` is the first
   * round whose start finds it online, the first it may submit in.
   */
  join(
    key: string,
    name: string | null,
    stake: bigint,
    firstRound: number,
    ephemeral = false,
  ): ValidatorInfo {
    const known = this.byKey.get(key);
    if (known) {
      known.online = true;
      known.firstRound = firstRound;
      if (name !== null) this.rename(key, name);
      // Declaring what it declared before keeps the stake its rewards grew; another amount replaces it.
      const target = stake === known.declared ? known.stake : stake;
      known.declared = stake;
      known.nextStake = target === known.stake ? null : target;
      this.offlineTop = null;
    } else {
      this.byKey.set(key, {
        key,
        name,
        stake,
        nextStake: null,
        declared: stake,
        balance: 0n,
        wins: 0,
        online: true,
        firstRound,
        ephemeral,
      });
      if (name !== null) this.byName.set(nameKey(name), key);
      this.sortedKeys = null;
    }
    this.onlineKeys.add(key);
    return this.info(key)!;
  }

  /** The key holding `name` (compared with nameKey), if any validator does. */
  nameHolder(name: string): string | undefined {
    const wanted = nameKey(name);
    const holder = this.byName.get(wanted);
    if (holder !== undefined && this.holds(holder, wanted)) return holder;
    // The index only misses a holder when the last taker renamed, left or was dropped: look once, repair.
    this.byName.delete(wanted);
    if (holder === undefined) return undefined;
    for (const other of this.byKey.values())
      if (this.holds(other.key, wanted)) {
        this.byName.set(wanted, other.key);
        return other.key;
      }
    return undefined;
  }

  private holds(key: string, wanted: string): boolean {
    const state = this.byKey.get(key);
    if (!state?.name || nameKey(state.name) !== wanted) return false;
    // An nc session's key is gone for good once it leaves: its name is free for that student's next
    // session. A key that can log in again keeps its name while it is remembered (a past winner).
    return state.online || !state.ephemeral;
  }

  /** Gives `key` the name; the caller checks nameHolder first so two keys never share one. */
  rename(key: string, name: string): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.name = name;
    this.byName.set(nameKey(name), key);
    return this.info(key);
  }

  /** Marks a key offline; one that never won is forgotten. Returns what it looked like on leaving. */
  leave(key: string): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.online = false;
    // Offline, a pending change has nothing left to wait for: it is the stake shown from now on.
    state.stake = state.nextStake ?? state.stake;
    state.nextStake = null;
    this.onlineKeys.delete(key);
    const info = this.info(key);
    if (state.wins === 0) {
      this.byKey.delete(key);
      this.sortedKeys = null;
    } else this.offlineTop = null;
    return info;
  }

  requestStake(key: string, stake: bigint): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state?.online) return undefined;
    state.declared = stake;
    state.nextStake = stake === state.stake ? null : stake;
    return this.info(key);
  }

  /** At a round's start pending stake changes take effect; returns those that changed. */
  applyPendingStakes(): ValidatorInfo[] {
    const changed: ValidatorInfo[] = [];
    // Only online validators can have a pending change (leave settles it).
    for (const key of this.onlineKeys) {
      const state = this.byKey.get(key)!;
      if (state.nextStake === null) continue;
      state.stake = state.nextStake;
      state.nextStake = null;
      changed.push(this.info(state.key)!);
    }
    return changed;
  }

  /**
   * A block's reward: the winner's stake (counted from the next round) and balance after it. A
   * declared change still pending replaces the stake at the next round's start, as declared.
   */
  credit(key: string, stake: bigint, balance: bigint): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.stake = stake;
    state.balance = balance;
    if (!state.online) this.offlineTop = null;
    return this.info(key);
  }

  recordWin(key: string): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.wins++;
    if (!state.online) this.offlineTop = null;
    return this.info(key);
  }

  info(key: string): ValidatorInfo | undefined {
    const s = this.byKey.get(key);
    return s === undefined ? undefined : toInfo(s);
  }

  /**
   * What a welcome carries: every online validator (at most the server's client limit) and the
   * offline ones with the most wins, so its size never depends on history.
   */
  summary(offlineLimit = OFFLINE_IN_WELCOME): ValidatorInfo[] {
    const online = [...this.onlineKeys].map((key) => toInfo(this.byKey.get(key)!));
    return [...online, ...this.topOffline(offlineLimit).map(toInfo)];
  }

  /** Every known validator in key order, `limit` at a time, after the key `after`. */
  page(after: string | undefined, limit: number): { validators: ValidatorInfo[]; next: string | null } {
    this.sortedKeys ??= [...this.byKey.keys()].sort();
    const keys = this.sortedKeys;
    let start = 0;
    if (after !== undefined) {
      // First key greater than `after` (binary search: pages cost log n, not n).
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (keys[mid]! <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const slice = keys.slice(start, start + limit);
    const end = start + slice.length;
    return {
      validators: slice.map((key) => toInfo(this.byKey.get(key)!)),
      next: end < keys.length ? slice[slice.length - 1]! : null,
    };
  }

  get size(): number {
    return this.byKey.size;
  }

  get onlineCount(): number {
    return this.onlineKeys.size;
  }

  private topOffline(limit: number): ValidatorState[] {
    if (this.offlineTop?.limit !== limit) {
      // One pass keeping a small sorted list: cheap even with many thousands of past winners.
      const top: ValidatorState[] = [];
      for (const state of this.byKey.values()) {
        if (state.online) continue;
        if (top.length === limit && byWinsThenStake(state, top[limit - 1]!) >= 0) continue;
        let at = top.length;
        while (at > 0 && byWinsThenStake(state, top[at - 1]!) < 0) at--;
        top.splice(at, 0, state);
        if (top.length > limit) top.pop();
      }
      this.offlineTop = { limit, list: top };
    }
    return this.offlineTop.list;
  }
}

function toInfo(s: ValidatorState): ValidatorInfo {
  return {
    validator: s.key,
    name: s.name,
    stake: (s.nextStake ?? s.stake).toString(),
    wins: s.wins,
    online: s.online,
    ...(s.balance > 0n ? { balance: s.balance.toString() } : {}),
  };
}
