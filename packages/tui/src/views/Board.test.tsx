import { type ProofMessage, type ValidatorInfo, validatorInfoSchema } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { lotteryFor, validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { addProof, emptyTally } from "../state/board-tally.js";
import { candidateList } from "../state/candidate-list.js";
import { chainEntry, type DashboardState, initialDashboardState } from "../state/dashboard-state.js";
import { Board } from "./Board.js";
import { bigDigits } from "./big-digits.js";
import { rangeBar } from "./detail-lines.js";
import { rangePicture } from "./range-picture.js";

const keys = Array.from({ length: 60 }, (_, i) => testKeys(i + 1));
const name = (i: number) => `student${String(i + 1).padStart(2, "0")}`;
const stakeOf = (i: number) => 100n + BigInt(i) * 10n;
const candidates = keys.map((k, i) => ({ validator: k.publicKey, stake: stakeOf(i) }));
const chain = blocksInTurn(12, keys);
const last = chain.at(-1)!;
const winner = last.Validator;

/** A lottery whose ticket really lies in the winner's range, as the server would send it. */
function lastDraw() {
  const segment = rangePicture(candidates, winner, 0n, 1)!.segments.find((s) => s.winner)!;
  const total = candidates.reduce((sum, c) => sum + c.stake, 0n);
  const ticket = segment.start + (segment.end - segment.start) / 2n;
  const lottery = lotteryFor(13, {
    ticket: String(ticket),
    total: String(total),
    rangeStart: String(segment.start),
    rangeEnd: String(segment.end),
    candidates: 60,
  });
  const proof: ProofMessage = {
    type: "proof",
    round: 13,
    blockIndex: last.Index,
    commit: lottery.commit,
    reveal: lottery.reveal,
    prevHash: chain.at(-2)!.Hash,
    winner,
    candidates: candidates.map((c) => ({ validator: c.validator, stake: String(c.stake) })),
  };
  return { lottery, proof };
}

function classState(): DashboardState {
  const { lottery, proof } = lastDraw();
  const validators = new Map<string, ValidatorInfo>(
    keys.map((k, i) => [
      k.publicKey,
      validatorInfoSchema.parse(validatorInfo(k, name(i), String(stakeOf(i)))),
    ]),
  );
  return {
    ...initialDashboardState(null),
    connection: { kind: "connected" },
    validators,
    chain: [chainEntry(last, lottery)],
    tip: { index: last.Index, hash: last.Hash },
    round: {
      type: "round",
      round: 14,
      commit: "e".repeat(64),
      closesAt: "2026-01-01T12:00:10.000Z",
      tipIndex: last.Index,
      tipHash: last.Hash,
    },
    proofs: new Map([[13, candidateList(proof)]]),
  };
}

const now = Date.parse("2026-01-01T12:00:07.000Z");

describe("Board", () => {
  it("shows round and tip in big digits, all 60 validators and the last draw at 120x40", async () => {
    const state = classState();
    const tally = addProof(emptyTally, state.proofs.get(13)!.proof);
    const frame = await frameOf(
      <Board state={state} tally={tally} columns={120} rows={40} server="127.0.0.1:7000" now={now} />,
    );
    const lines = linesOf(frame);
    expect(lines.length).toBeLessThanOrEqual(39);
    expect(widest(frame)).toBeLessThanOrEqual(120);
    const round = bigDigits("14", false);
    const tip = bigDigits("#12", false);
    for (let i = 0; i < round.length; i++) expect(frame).toContain(`${round[i]}      ${tip[i]}`.trimEnd());
    for (let i = 0; i < 60; i++) expect(frame).toContain(name(i));
    const winnerIndex = keys.findIndex((k) => k.publicKey === winner);
    expect(frame).toContain(`Block #12 won by ${name(winnerIndex)}: ticket`);
    const { lottery } = lastDraw();
    const drawn = rangeBar({ candidates, winner, lottery, width: 120, ascii: false })!;
    const bar = drawn.bar.map((span) => span.text).join("");
    const caret = drawn.caret.map((span) => span.text).join("");
    expect(lines).toContain(bar);
    expect(lines).toContain(caret.trimEnd());
    expect(lines[lines.indexOf(bar) + 1]).toBe(caret.trimEnd());
    expect(caret).toContain(`^ ticket ${lottery.ticket}`);
    // The winner's row: its share of the stake, what one round promised it, and its one win.
    const total = candidates.reduce((sum, c) => sum + c.stake, 0n);
    const share = Number(stakeOf(winnerIndex)) / Number(total);
    expect(frame).toMatch(
      new RegExp(`${name(winnerIndex)} +${(share * 100).toFixed(1)}% +${share.toFixed(1)} +1`),
    );
    expect(frame).toContain("exp = wins expected over the 1 block seen here");
    expect(frame).not.toContain("…");
  });

  it("degrades at 80x24: one line for round and tip, as many validators as fit, never taller", async () => {
    const state = classState();
    const frame = await frameOf(
      <Board state={state} tally={emptyTally} columns={80} rows={24} server="127.0.0.1:7000" now={now} />,
    );
    const lines = linesOf(frame);
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(frame).toContain("ROUND 14   TIP #12");
    // The legend wraps at words, its second line flush left.
    expect(lines.some((line) => line.startsWith("(per round: its stake / the candidates' stake)"))).toBe(
      true,
    );
    expect(frame).toContain("^ ticket");
    const grid = lines.slice(lines.findIndex((line) => line.includes("validator")) + 1).join("\n");
    const shown = Array.from({ length: 60 }, (_, i) => name(i)).filter((n) => grid.includes(n)).length;
    expect(shown).toBeGreaterThanOrEqual(20);
    expect(frame).toContain(`+ ${60 - shown} more validators`);
  });

  it("keeps the last draw with its candidates on screen while a newer block's list is on its way", async () => {
    const state = classState();
    const newer = blocksInTurn(13, keys)[13]!;
    const waiting = { ...state, chain: [...state.chain, chainEntry(newer, lotteryFor(14))] };
    const frame = await frameOf(
      <Board state={waiting} tally={emptyTally} columns={120} rows={40} server="x:1" now={now} />,
    );
    expect(frame).toContain("Block #12 won by");
    expect(frame).toContain(`^ ticket ${lastDraw().lottery.ticket}`);
    const alone = { ...waiting, proofs: new Map() };
    const asking = await frameOf(
      <Board state={alone} tally={emptyTally} columns={120} rows={40} server="x:1" now={now} />,
    );
    expect(asking).toContain("Block #13 won by");
    expect(asking).toContain("asking the server for round 14's candidates");
  });

  it("draws in ASCII when asked (TERM=dumb), header aside", async () => {
    const state = classState();
    const frame = await frameOf(
      <Board state={state} tally={emptyTally} columns={120} rows={40} server="x:1" now={now} ascii />,
    );
    const body = linesOf(frame).slice(2).join("\n");
    expect(body).toContain(bigDigits("14", true)[0]);
    expect(body).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
