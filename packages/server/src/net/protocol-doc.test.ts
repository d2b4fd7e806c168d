import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Block, BlockProof } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import { winningLine } from "./text-session.js";

// The protocol doc is what writers of other clients read: its examples must be what the server says.
const doc = readFileSync(fileURLToPath(new URL("../../../../docs/protocol.md", import.meta.url)), "utf8");
const ADDRESS = `${"3f2a".padEnd(62, "0")}c9`;

/** The doc's example block: block 5, round 12, ticket 37 of 160 in the range 0..100. */
const block = { Index: 5, Validator: ADDRESS } as Block;
const proof = { round: 12, ticket: "37", total: "160", rangeStart: "0", rangeEnd: "100" } as BlockProof;

/** The doc's text with its abbreviations (`3f2a...c9`, `<address>`) spelled out, and wrapped lines joined. */
function spelledOut(text: string): string {
  return text.replace(/\s+/g, " ").replaceAll("3f2a...c9", ADDRESS).replaceAll("<address>", ADDRESS);
}

describe("docs/protocol.md's winning lines", () => {
  it("the nc dialogue's line is the winner's own, word for word", () => {
    const shown = /^server: (winning validator: .*)$/m.exec(doc)?.[1];
    expect(shown).toBeDefined();
    expect(winningLine(block, null, true, proof)).toBe(spelledOut(shown!));
  });

  it("the named winner's example is word for word", () => {
    const shown = /`(winning validator: <address> "ada"[^`]*)`/.exec(doc)?.[1];
    expect(shown).toBeDefined();
    expect(winningLine(block, "ada", true, proof)).toBe(spelledOut(shown!));
  });
});

describe("docs/protocol.md's reward endings", () => {
  const ended = (line: string) => /^\.\.\., (reward .*)$/.exec(line)?.[1];
  const examples = [...spelledOut(doc).matchAll(/`((?:winning validator: |\.\.\., )[^`]*reward[^`]*)`/g)].map(
    (m) => m[1]!,
  );
  const rewarded = {
    ...proof,
    candidates: [{ validator: ADDRESS, stake: "100", name: "ada" }],
  } as BlockProof;

  it("compound: the full line, word for word", () => {
    const line = winningLine(block, "ada", true, rewarded, {
      amount: "10",
      mode: "compound",
      stake: "110",
      balance: "0",
    });
    expect(examples).toContain(line);
  });

  it("compound at the cap and payout: the endings, word for word", () => {
    const endings = examples.map(ended).filter((e) => e !== undefined);
    const atCap = winningLine(block, "ada", true, rewarded, {
      amount: "10",
      mode: "compound",
      stake: "105",
      balance: "5",
    });
    const payout = winningLine(block, "ada", true, rewarded, {
      amount: "10",
      mode: "payout",
      stake: "100",
      balance: "30",
    });
    expect(endings).toHaveLength(2);
    expect(atCap.slice(atCap.indexOf("), reward") + 3)).toBe(endings[0]);
    expect(payout.slice(payout.indexOf("), reward") + 3)).toBe(endings[1]);
    expect(winningLine(block, "ada", true, rewarded)).not.toContain("reward");
  });
});
