import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import { OFFLINE_IN_WELCOME, ValidatorRegistry } from "./validators.js";

const key = (i: number) => i.toString(16).padStart(64, "0");

describe("ValidatorRegistry", () => {
  it("forgets a key that leaves without a win, keeps one that won (with its wins)", () => {
    const registry = new ValidatorRegistry();
    for (let i = 0; i < 1000; i++) {
      registry.join(key(i), null, 10n, 0);
      if (i === 7) registry.recordWin(key(i));
      registry.leave(key(i));
    }
    expect(registry.size).toBe(1);
    expect(registry.info(key(7))).toMatchObject({ wins: 1, online: false });
    expect(registry.join(key(7), "back", 5n, 0)).toMatchObject({ wins: 1, online: true, name: "back" });
  });

  it("a pending stake change becomes the shown stake of a winner that leaves", () => {
    const registry = new ValidatorRegistry();
    registry.join(key(1), null, 10n, 0);
    registry.recordWin(key(1));
    registry.requestStake(key(1), 99n);
    registry.leave(key(1));
    expect(registry.info(key(1))?.stake).toBe("99");
    expect(registry.applyPendingStakes()).toEqual([]);
  });

  it("a summary is the online validators plus the offline ones with most wins, whatever the history", () => {
    const registry = new ValidatorRegistry();
    for (let i = 0; i < 300; i++) {
      registry.join(key(i), null, BigInt(i + 1), 0);
      for (let w = 0; w < i % 17; w++) registry.recordWin(key(i));
    }
    for (let i = 0; i < 280; i++) registry.leave(key(i));
    const summary = registry.summary();
    const online = summary.filter((v) => v.online);
    const offline = summary.filter((v) => !v.online);
    expect(online).toHaveLength(20);
    expect(offline).toHaveLength(OFFLINE_IN_WELCOME);
    const cut = Math.min(...offline.map((v) => v.wins));
    const listed = new Set(summary.map((v) => v.validator));
    const left = registry.page(undefined, 500).validators.filter((v) => !listed.has(v.validator));
    // Of the 280 that left, the 17 with i % 17 === 0 never won and are forgotten.
    expect(left).toHaveLength(280 - 17 - OFFLINE_IN_WELCOME);
    for (const v of left) expect(v.wins).toBeLessThanOrEqual(cut);
    expect(offline.map((v) => v.wins)).toEqual([...offline.map((v) => v.wins)].sort((a, b) => b - a));
  });

  it("pages every known validator once, in key order", () => {
    const registry = new ValidatorRegistry();
    for (let i = 0; i < 123; i++) {
      registry.join(key(i * 7919), null, 1n, 0);
      if (i % 2) {
        registry.recordWin(key(i * 7919));
        registry.leave(key(i * 7919));
      }
    }
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = registry.page(after, 10);
      seen.push(...page.validators.map((v) => v.validator));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toHaveLength(123);
    expect(seen).toEqual([...seen].sort());
    expect(registry.page(key(10 ** 12), 10)).toEqual({ validators: [], next: null });
  });

  it("from stored blocks keeps only the winners, with their wins", () => {
    const records = buildChain(29, { keys: fixtureKeys(40), candidatesPerRound: 8 });
    const registry = ValidatorRegistry.fromRecords(records);
    const winners = new Map<string, number>();
    for (const r of records.slice(1))
      winners.set(r.block.Validator, (winners.get(r.block.Validator) ?? 0) + 1);
    expect(registry.size).toBe(winners.size);
    for (const [k, wins] of winners) expect(registry.info(k)).toMatchObject({ wins, online: false });
  });
});
