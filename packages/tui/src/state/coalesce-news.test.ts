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
/** Each announcement in short: a movement as its kind, count and the names it kept. */
const summary = (state: DashboardState) =>
  state.announcements.map((item) =>
    item.kind === "joined" || item.kind === "left" || item.kind === "back"
      ? `${item.kind} ${item.count}: ${item.who.map((w) => w.name).join(", ")}`
      : item.kind,
  );

describe("coalesced joins and leaves", () => {
  it("folds a class arriving one by one into one line per kind, and a block ends the group", () => {
    let state = initialDashboardState(alice.publicKey);
    for (let i = 0; i < 30; i++) state = apply(state, changes([student(i)]));
    expect(summary(state)).toEqual(["joined 30: s0, s1, s2"]);
    state = apply(state, blockPush(chain[1]!, 1, "alice"));
    state = apply(state, changes(Array.from({ length: 10 }, (_, i) => student(i, false))));
    for (let i = 10; i < 30; i++) state = apply(state, changes([student(i, false)]));
    // Thirty leaves in one push or in many: one line, after the round result.
    expect(summary(state)).toEqual(["joined 30: s0, s1, s2", "won", "left 30: s0, s1, s2"]);
  });

  it("keeps joins, comebacks and leaves apart when they interleave, and a single one as before", () => {
    let state = initialDashboardState(alice.publicKey);
    state = apply(state, changes([student(0), student(1)]));
    state = apply(state, changes([student(0, false)]));
    state = apply(state, changes([student(2), student(1, false)]));
    state = apply(state, changes([student(0)]));
    expect(summary(state)).toEqual(["joined 3: s0, s1, s2", "left 2: s0, s1", "back 1: s0"]);
    expect(state.announcements.map((item) => item.id)).toEqual([1, 2, 3]);
  });

  it("never folds across an error, so a refusal stays where it happened", () => {
    let state = apply(initialDashboardState(alice.publicKey), changes([student(0)]));
    state = dashboardReducer(state, { type: "not-sent", why: "offline" });
    state = apply(state, changes([student(1)]));
    expect(summary(state)).toEqual(["joined 1: s0", "not-sent", "joined 1: s1"]);
  });
});
