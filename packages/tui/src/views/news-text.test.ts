import { testKeys } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import type { DrawFigures, News, Who } from "../state/news.js";
import { newsText, newsTone, whoText } from "./news-text.js";

const you: Who = { key: testKeys(1).publicKey, name: "alice", mine: true };
const bob: Who = { key: testKeys(2).publicKey, name: "bob", mine: false };
const nameless: Who = { key: testKeys(3).publicKey, name: null, mine: false };
const hex8 = testKeys(3).publicKey.slice(0, 8);
const figures: DrawFigures = {
  round: 41,
  ticket: "137",
  total: "250",
  rangeStart: "100",
  rangeEnd: "175",
  candidates: 2,
};

describe("whoText", () => {
  it("says you, a name, or the first 8 hex of a nameless key", () => {
    expect(whoText(you)).toBe("you");
    expect(whoText(bob)).toBe("bob");
    expect(whoText(nameless)).toBe(hex8);
  });
});

describe("newsText", () => {
  const cases: [string, News, string][] = [
    [
      "a first welcome",
      { kind: "connected", again: false, as: you, tipIndex: 3, validators: 2 },
      "connected as alice: chain at block 3, 2 validators",
    ],
    [
      "a welcome after a reconnect, nameless, one validator",
      { kind: "connected", again: true, as: { ...nameless, mine: true }, tipIndex: 0, validators: 1 },
      `reconnected as ${hex8}: chain at block 0, 1 validator`,
    ],
    [
      "a spectator's welcome",
      { kind: "connected", again: false, as: null, tipIndex: 12, validators: 30 },
      "connected as a spectator: chain at block 12, 30 validators",
    ],
    [
      "someone else's win",
      { kind: "won", index: 4, winner: bob, draw: figures },
      "round 41: bob won block 4 - ticket 137 of 250 fell in bob's range 100..175 (2 candidates)",
    ],
    [
      "our own win as the only candidate",
      { kind: "won", index: 5, winner: you, draw: { ...figures, round: 42, candidates: 1 } },
      "round 42: you won block 5 - ticket 137 of 250 fell in your range 100..175 (the only candidate)",
    ],
    [
      "a nameless winner",
      { kind: "won", index: 6, winner: nameless, draw: figures },
      `round 41: ${hex8} won block 6 - ticket 137 of 250 fell in ${hex8}'s range 100..175 (2 candidates)`,
    ],
    [
      "a win under the pool",
      { kind: "won", index: 7, winner: bob, draw: { ...figures, rule: "pool" } },
      "round 41: bob won block 7 - pool entry 137 of 250 is one of bob's entries 100..175 (2 candidates)",
    ],
    [
      "our win under the round robin",
      { kind: "won", index: 8, winner: you, draw: { ...figures, rule: "round-robin", ticket: "12" } },
      "round 41: you won block 8 - round robin: your priority 12 was the highest (2 candidates)",
    ],
    ["one join", { kind: "joined", count: 1, who: [bob], stake: "150" }, "bob joined with stake 150"],
    [
      "a nameless join",
      { kind: "joined", count: 1, who: [nameless], stake: "5" },
      `${hex8} joined with stake 5`,
    ],
    ["one leave", { kind: "left", count: 1, who: [bob] }, "bob left"],
    ["our own leave", { kind: "left", count: 1, who: [you] }, "you left"],
    ["one comeback", { kind: "back", count: 1, who: [bob] }, "bob is back online"],
    [
      "a few joins",
      { kind: "joined", count: 2, who: [bob, nameless], stake: "150" },
      `2 validators joined: bob, ${hex8}`,
    ],
    [
      "a class leaving",
      { kind: "left", count: 30, who: [bob, nameless, you] },
      `30 validators left: bob, ${hex8}, you +27`,
    ],
    [
      "comebacks",
      { kind: "back", count: 4, who: [bob, nameless, bob] },
      `4 validators are back online: bob, ${hex8}, bob +1`,
    ],
    [
      "someone's stake",
      { kind: "stake", who: bob, stake: "300" },
      "bob now stakes 300 (counts from the next round)",
    ],
    [
      "our own stake",
      { kind: "stake", who: you, stake: "40" },
      "you now stake 40 (counts from the next round)",
    ],
    [
      "our candidate accepted",
      { kind: "accepted", round: 7, index: 4, bpm: 72 },
      "accepted: BPM 72 is your candidate for block 4 in round 7",
    ],
    [
      "a candidate accepted that was not sent from here",
      { kind: "accepted", round: 7, index: 4, bpm: null },
      "accepted: your candidate for block 4 in round 7",
    ],
    ["a server error", { kind: "server-error", code: "BAD_BPM", message: "nope" }, "error BAD_BPM: nope"],
    [
      "the server going away",
      { kind: "bye", reason: "shutting down" },
      "server is going away: shutting down",
    ],
    [
      "a BPM before any round",
      { kind: "not-sent", why: "no-round" },
      "not connected yet: the BPM was not sent",
    ],
    ["a BPM while offline", { kind: "not-sent", why: "offline" }, "not connected: the BPM was not sent"],
  ];
  it.each(cases)("says %s", (_, news, text) => {
    expect(newsText(news)).toBe(text);
  });
});

describe("newsTone", () => {
  it("makes our own win stand out and colours the rest by what happened", () => {
    expect(newsTone({ kind: "won", index: 5, winner: you, draw: figures })).toBe("you-won");
    expect(newsTone({ kind: "won", index: 4, winner: bob, draw: figures })).toBe("block");
    expect(newsTone({ kind: "joined", count: 1, who: [bob], stake: "1" })).toBe("join");
    expect(newsTone({ kind: "back", count: 1, who: [bob] })).toBe("join");
    expect(newsTone({ kind: "left", count: 1, who: [bob] })).toBe("leave");
    expect(newsTone({ kind: "bye", reason: "x" })).toBe("leave");
    expect(newsTone({ kind: "stake", who: bob, stake: "1" })).toBe("stake");
    expect(newsTone({ kind: "server-error", code: "BAD_BPM", message: "x" })).toBe("error");
    expect(newsTone({ kind: "not-sent", why: "offline" })).toBe("error");
    expect(newsTone({ kind: "accepted", round: 1, index: 1, bpm: 60 })).toBe("accepted");
    expect(newsTone({ kind: "connected", again: false, as: null, tipIndex: 0, validators: 0 })).toBe("info");
  });
});
