import type { ServerMessage, ValidatorInfo } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { blockPush, validatorInfo } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { type DashboardState, dashboardReducer, initialDashboardState } from "./dashboard-state.js";

const alice = testKeys(1);
const chain = blocksInTurn(3, [alice]);
const student = (i: number, online = true) => validatorInfo(testKeys(i + 50), `s${i}`, "100", 0, online);
const changes = (list: ValidatorInfo[]): ServerMessage => ({ type: "validators", changes: list });
const apply = (state: DashboardState, ...messages: ServerMessage[]) =>
  messages.reduce((s, message) => dashboardReducer(s, { type: "server", message }), state);
const texts = (state: DashboardState) => state.announcements.map((item) => item.text);

describe("coalesced joins and leaves", () => {
  it("folds a class arriving one by one into one line per kind, and a block ends the group", () => {
    let state = initialDashboardState(alice.publicKey);
    for (let i = 0; i < 30; i++) state = apply(state, changes([student(i)]));
    expect(texts(state)).toEqual(["30 validators joined: s0, s1, s2 +27"]);
    state = apply(state, blockPush(chain[1]!, 1, "alice"));
    state = apply(state, changes(Array.from({ length: 10 }, (_, i) => student(i, false))));
    for (let i = 10; i < 30; i++) state = apply(state, changes([student(i, false)]));
    // Thirty leaves in one push or in many: one line, after the round result.
    expect(texts(state)).toHaveLength(3);
    expect(texts(state)[1]).toMatch(/^round 1: you won block 1/);
    expect(texts(state)[2]).toBe("30 validators left: s0, s1, s2 +27");
  });

  it("keeps joins, comebacks and leaves apart when they interleave, and a single one as before", () => {
    let state = initialDashboardState(alice.publicKey);
    state = apply(state, changes([student(0), student(1)]));
    state = apply(state, changes([student(0, false)]));
    state = apply(state, changes([student(2), student(1, false)]));
    state = apply(state, changes([student(0)]));
    expect(texts(state)).toEqual([
      "3 validators joined: s0, s1, s2",
      "2 validators left: s0, s1",
      "s0 is back online",
    ]);
    expect(state.announcements.map((item) => item.id)).toEqual([1, 2, 3]);
  });

  it("never folds across an error, so a refusal stays where it happened", () => {
    let state = apply(initialDashboardState(alice.publicKey), changes([student(0)]));
    state = dashboardReducer(state, { type: "note", kind: "error", text: "not connected" });
    state = apply(state, changes([student(1)]));
    expect(texts(state)).toEqual(["s0 joined with stake 100", "not connected", "s1 joined with stake 100"]);
  });
});
