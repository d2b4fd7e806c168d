import type { ValidatorInfo } from "@pos-tui/core";
import type { BlockRecord } from "./store.js";

interface ValidatorState {
  key: string;
  name: string | null;
  /** The stake the lottery uses this round. */
  stake: bigint;
  /** A change asked for during a round; it applies when the next round starts. */
  nextStake: bigint | null;
  wins: number;
  online: boolean;
  /** Text sessions get a throw-away key: once gone without a win they can never come back. */
  ephemeral: boolean;
}

/** Names are compared as a person reads them: "Alice", "alice" and "ａｌｉｃｅ" are one name. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

/** Who has staked what, who has won how often, and who is connected. */
export class ValidatorRegistry {
  private readonly byKey = new Map<string, ValidatorState>();
  /** nameKey -> the key that last took the name; checked against byKey on every lookup. */
  private readonly byName = new Map<string, string>();

  /** Rebuilds stakes, names and wins from stored blocks, so a restart shows the same history. */
  static fromRecords(records: readonly BlockRecord[]): ValidatorRegistry {
    const registry = new ValidatorRegistry();
    for (const { block, proof } of records) {
      if (proof === null) continue;
      for (const c of proof.candidates) {
        const known = registry.byKey.get(c.validator);
        if (known) {
          known.stake = BigInt(c.stake);
          known.name = c.name ?? known.name;
          if (c.name !== null) registry.byName.set(nameKey(c.name), c.validator);
        } else {
          if (c.name !== null) registry.byName.set(nameKey(c.name), c.validator);
          registry.byKey.set(c.validator, {
            key: c.validator,
            name: c.name,
            stake: BigInt(c.stake),
            nextStake: null,
            wins: 0,
            online: false,
            ephemeral: false,
          });
        }
      }
      const winner = registry.byKey.get(block.Validator);
      if (winner) winner.wins++;
    }
    return registry;
  }

  get(key: string): ValidatorState | undefined {
    return this.byKey.get(key);
  }

  isOnline(key: string): boolean {
    return this.byKey.get(key)?.online === true;
  }

  /** A known key keeps its wins; a different stake waits for the next round. */
  join(key: string, name: string | null, stake: bigint, ephemeral: boolean): ValidatorInfo {
    const known = this.byKey.get(key);
    if (known) {
      known.online = true;
      if (name !== null) this.rename(key, name);
      known.nextStake = stake === known.stake ? null : stake;
    } else {
      this.byKey.set(key, { key, name, stake, nextStake: null, wins: 0, online: true, ephemeral });
      if (name !== null) this.byName.set(nameKey(name), key);
    }
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
    // session. A key that can log in again keeps its name while offline, so nobody can take it over.
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

  leave(key: string): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.online = false;
    const info = this.info(key);
    if (state.ephemeral && state.wins === 0) this.byKey.delete(key);
    return info;
  }

  requestStake(key: string, stake: bigint): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.nextStake = stake === state.stake ? null : stake;
    return this.info(key);
  }

  /** At a round's start pending stake changes take effect; returns those that changed. */
  applyPendingStakes(): ValidatorInfo[] {
    const changed: ValidatorInfo[] = [];
    for (const state of this.byKey.values()) {
      if (state.nextStake === null) continue;
      state.stake = state.nextStake;
      state.nextStake = null;
      changed.push(this.info(state.key)!);
    }
    return changed;
  }

  recordWin(key: string): ValidatorInfo | undefined {
    const state = this.byKey.get(key);
    if (!state) return undefined;
    state.wins++;
    return this.info(key);
  }

  info(key: string): ValidatorInfo | undefined {
    const s = this.byKey.get(key);
    if (!s) return undefined;
    return {
      validator: s.key,
      name: s.name,
      stake: (s.nextStake ?? s.stake).toString(),
      wins: s.wins,
      online: s.online,
    };
  }

  all(): ValidatorInfo[] {
    return [...this.byKey.keys()].map((key) => this.info(key)!);
  }

  get size(): number {
    return this.byKey.size;
  }
}
