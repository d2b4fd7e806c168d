import { testKeys } from "@pos-tui/testkit/chain";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import type { Announcement, DrawFigures, Who } from "../state/news.js";
import { AnnouncementsPanel } from "./AnnouncementsPanel.js";

const alice: Who = { key: testKeys(1).publicKey, name: "alice", mine: true };
const bob: Who = { key: testKeys(2).publicKey, name: "bob", mine: false };
const draw = (round: number, ticket: string, rangeStart: string, rangeEnd: string): DrawFigures => ({
  round,
  ticket,
  total: "250",
  rangeStart,
  rangeEnd,
  candidates: 2,
});

const items: Announcement[] = [
  { id: 1, kind: "connected", again: false, as: alice, tipIndex: 11, validators: 2 },
  { id: 2, kind: "joined", count: 1, who: [bob], stake: "150" },
  { id: 3, kind: "won", index: 12, winner: bob, draw: draw(41, "137", "100", "175") },
  { id: 4, kind: "won", index: 13, winner: alice, draw: draw(42, "12", "0", "100") },
];
/** News whose line is "news N left", to count lines by. */
const numbered = (i: number): Announcement => ({
  id: i,
  kind: "left",
  count: 1,
  who: [{ key: bob.key, name: `news ${i}`, mine: false }],
});

describe("AnnouncementsPanel", () => {
  it("puts the newest first and makes your win stand out", async () => {
    const lines = linesOf(await frameOf(<AnnouncementsPanel items={items} width={100} height={6} />));
    expect(lines[0]).toBe("Announcements");
    expect(lines[1]).toBe(
      "★ round 42: you won block 13 - ticket 12 of 250 fell in your range 0..100 (2 candidates)",
    );
    expect(lines[2]).toBe(
      "round 41: bob won block 12 - ticket 137 of 250 fell in bob's range 100..175 (2 candidates)",
    );
    expect(lines[3]).toBe("bob joined with stake 150");
  });

  it("wraps at narrow widths so the reason is never cut off, and clips the oldest", async () => {
    const frame = await frameOf(<AnnouncementsPanel items={items} width={40} height={5} />);
    expect(widest(frame)).toBeLessThanOrEqual(40);
    expect(linesOf(frame)).toHaveLength(5);
    expect(frame.replace(/\n/g, " ")).toContain("fell in your range 0..100");
    expect(frame).not.toContain("connected as alice");
  });

  it("keeps only what fits from a long history", async () => {
    const long = Array.from({ length: 500 }, (_, i) => numbered(i));
    const lines = linesOf(await frameOf(<AnnouncementsPanel items={long} width={60} height={4} />));
    expect(lines).toEqual(["Announcements", "news 499 left", "news 498 left", "news 497 left"]);
  });

  it("scrolls back through older news and says how many newer ones are above", async () => {
    const long = Array.from({ length: 50 }, (_, i) => numbered(i));
    const lines = linesOf(
      await frameOf(<AnnouncementsPanel items={long} width={60} height={4} scrolled={10} focused />),
    );
    expect(lines).toEqual([
      "Announcements · ↑ 10 newer · ↑↓ scroll · Esc",
      "news 39 left",
      "news 38 left",
      "news 37 left",
    ]);
    const oldest = linesOf(
      await frameOf(<AnnouncementsPanel items={long} width={60} height={4} scrolled={99} />),
    );
    expect(oldest.slice(1)).toEqual(["news 0 left", "", ""]);
  });
});
