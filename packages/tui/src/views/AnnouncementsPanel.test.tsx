import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import type { Announcement } from "../state/dashboard-state.js";
import { AnnouncementsPanel } from "./AnnouncementsPanel.js";

const items: Announcement[] = [
  { id: 1, kind: "info", text: "connected as alice: chain at block 11, 2 validators" },
  { id: 2, kind: "join", text: "bob joined with stake 150" },
  {
    id: 3,
    kind: "block",
    text: "round 41: bob won block 12 - ticket 137 of 250 fell in bob's range 100..175",
  },
  { id: 4, kind: "you-won", text: "round 42: you won block 13 - ticket 12 of 250 fell in your range 0..100" },
];

describe("AnnouncementsPanel", () => {
  it("puts the newest first and makes your win stand out", async () => {
    const lines = linesOf(await frameOf(<AnnouncementsPanel items={items} width={100} height={6} />));
    expect(lines[0]).toBe("Announcements");
    expect(lines[1]).toBe("★ round 42: you won block 13 - ticket 12 of 250 fell in your range 0..100");
    expect(lines[2]).toBe("round 41: bob won block 12 - ticket 137 of 250 fell in bob's range 100..175");
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
    const long = Array.from(
      { length: 500 },
      (_, i): Announcement => ({ id: i, kind: "block", text: `news ${i}` }),
    );
    const lines = linesOf(await frameOf(<AnnouncementsPanel items={long} width={60} height={4} />));
    expect(lines).toEqual(["Announcements", "news 499", "news 498", "news 497"]);
  });

  it("scrolls back through older news and says how many newer ones are above", async () => {
    const long = Array.from(
      { length: 50 },
      (_, i): Announcement => ({ id: i, kind: "block", text: `news ${i}` }),
    );
    const lines = linesOf(
      await frameOf(<AnnouncementsPanel items={long} width={60} height={4} scrolled={10} focused />),
    );
    expect(lines).toEqual(["Announcements · ↑ 10 newer · ↑↓ scroll · Esc", "news 39", "news 38", "news 37"]);
    const oldest = linesOf(
      await frameOf(<AnnouncementsPanel items={long} width={60} height={4} scrolled={99} />),
    );
    expect(oldest.slice(1)).toEqual(["news 0", "", ""]);
  });
});
