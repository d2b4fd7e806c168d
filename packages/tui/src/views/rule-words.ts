import type { DrawSummary, ProofMessage, RuleName } from "@pos-tui/core";
import { fit } from "./format.js";

/** The rule a block was announced with; servers older than rules only ran the lottery. */
export const ruleOfDraw = (draw: Pick<DrawSummary, "rule">): RuleName => draw.rule ?? "lottery";

/** What a rule is called on screen. */
export const RULE_TITLE: Record<RuleName, string> = {
  lottery: "lottery",
  pool: "token pool (one entry per staked token)",
  "round-robin": "weighted round robin (CometBFT)",
};

/** Why the winner won, in its rule's terms; `whose` is the winner's possessive ("your", "bob's", "its"). */
export function whyWon(
  draw: Pick<DrawSummary, "rule" | "ticket" | "total" | "rangeStart" | "rangeEnd">,
  whose: string,
): string {
  const { ticket, total, rangeStart, rangeEnd } = draw;
  switch (ruleOfDraw(draw)) {
    case "lottery":
      return `ticket ${ticket} of ${total} fell in ${whose} range ${rangeStart}..${rangeEnd}`;
    case "pool":
      return `pool entry ${ticket} of ${total} is one of ${whose} entries ${rangeStart}..${rangeEnd}`;
    case "round-robin":
      return `round robin: ${whose} priority ${ticket} was the highest`;
  }
}

/** How the rule picks, in a sentence, under the check line of the block details. */
export function ruleHowTo(rule: RuleName): string {
  switch (rule) {
    case "lottery":
      return (
        "How the draw works: each candidate owns a range as wide as its stake, side by side from 0 to the " +
        "total; the ticket (from the reveal, the previous hash and the round) falls in the winner's."
      );
    case "pool":
      return (
        "How the pool works: one entry per staked token, each candidate's entries side by side; the entry " +
        "at seed mod pool size (the seed from the reveal, the previous hash and the round) proposes. " +
        "Same winner as the lottery; its memory grows with the total stake."
      );
    case "round-robin":
      return (
        "How the round robin works: each round every priority grows by its stake, the highest proposes " +
        "and drops by the total stake. No randomness: everyone knows the next proposer a round ahead."
      );
  }
}

/** The announced figures as label and value, read in the rule's terms; `who` names the winner. */
export function figureFields(draw: DrawSummary, who: string): [label: string, value: string][] {
  const { ticket, total, rangeStart, rangeEnd } = draw;
  switch (ruleOfDraw(draw)) {
    case "lottery":
      return [
        ["ticket", `${ticket} of ${total}`],
        ["range", `${rangeStart}..${rangeEnd} (${who})`],
      ];
    case "pool":
      return [
        ["entry", `${ticket} of a pool of ${total}`],
        ["entries", `${rangeStart}..${rangeEnd} (${who})`],
      ];
    case "round-robin":
      return [
        ["priority", `${ticket}, the highest (${who})`],
        ["total", `${total}: the proposer's priority drops by it`],
      ];
  }
}

/** One row of the round robin's table as the details print it. */
export interface PriorityRow {
  validator: string;
  text: string;
  winner: boolean;
}

/**
 * The table the round ran on, one row per candidate: its priority before the round, plus its stake,
 * is its grown priority; the proposer's then drops by the total. Columns are padded to line up and
 * the whole row cut to `width`.
 */
export function priorityRows(
  proof: Pick<ProofMessage, "candidates" | "priorities">,
  winner: string,
  nameOf: (validator: string) => string,
  width: number,
): { header: string; rows: PriorityRow[] } {
  const table = proof.priorities ?? [];
  const total = proof.candidates.reduce((sum, c) => sum + BigInt(c.stake), 0n);
  const cells = proof.candidates.map((c, i) => {
    const before = BigInt(table[i]?.priority ?? "0");
    const grown = before + BigInt(c.stake);
    return {
      validator: c.validator,
      before: `${before}`,
      stake: c.stake,
      grown: `${grown}`,
      after: grown - total,
    };
  });
  const wide = (pick: (c: (typeof cells)[number]) => string, title: string) =>
    Math.max(title.length, ...cells.map((c) => pick(c).length));
  const [b, s, g] = [
    wide((c) => c.before, "before"),
    wide((c) => c.stake, "stake"),
    wide((c) => c.grown, "grown"),
  ];
  const NAME = 12;
  const header = fit(
    `${"".padEnd(NAME)} ${"before".padStart(b)}   ${"stake".padStart(s)}   ${"grown".padStart(g)}`,
    width,
  ).trimEnd();
  const rows = cells.map((c) => {
    const won = c.validator === winner;
    const text = `${fit(nameOf(c.validator), NAME)} ${c.before.padStart(b)} + ${c.stake.padStart(s)} = ${c.grown.padStart(g)}${won ? ` proposes, then ${c.after}` : ""}`;
    return { validator: c.validator, text: fit(text, width).trimEnd(), winner: won };
  });
  return { header, rows };
}
