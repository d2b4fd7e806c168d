import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { lotteryFor, validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { type ChainEntry, chainEntry } from "../state/dashboard-state.js";
import { ChainPanel } from "./ChainPanel.js";

const alice = testKeys(1);
const bob = testKeys(2);
const anon = testKeys(3);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "50")],
]);
const entries = (n: number): ChainEntry[] =>
  blocksInTurn(n, [alice, bob, anon]).map((block) => chainEntry(block, lotteryFor(block.Index)));

describe("ChainPanel", () => {
  it("lists the newest block first with index, short hash, BPM, proposer and time, marking yours", async () => {
    const chain = entries(5);
    const frame = await frameOf(
      <ChainPanel
        entries={chain}
        selected={0}
        me={alice.publicKey}
        validators={validators}
        width={70}
        height={8}
      />,
    );
    const lines = linesOf(frame);
    expect(lines[0]).toContain("Chain · tip #5");
    expect(lines[1]).toMatch(
      new RegExp(`^▸ #5 +${chain[5]!.block.Hash.slice(0, 8)} +45 +${anon.publicKey.slice(0, 8)}`),
    );
    expect(lines[2]).toMatch(/^ {2}#4 .* bob /);
    expect(lines[3]).toMatch(/^ \*#3 .* you /);
    expect(lines[6]).toMatch(/#0 .* genesis/);
    expect(lines[1]).toMatch(/\d\d:\d\d:\d\d$/);
  });

  it("shows a window of a long chain that follows the selection", async () => {
    const chain = entries(600);
    const frame = await frameOf(
      <ChainPanel entries={chain} selected={250} me={null} validators={validators} width={60} height={10} />,
    );
    const lines = linesOf(frame);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain("251/601");
    expect(lines.at(-1)).toMatch(/^▸ #350 /);
    expect(lines[1]).toMatch(/^ {2}#358 /);
  });

  it("fits narrow widths, dropping the time column first", async () => {
    for (const width of [30, 40, 60]) {
      const frame = await frameOf(
        <ChainPanel
          entries={entries(30)}
          selected={0}
          me={null}
          validators={validators}
          width={width}
          height={6}
        />,
      );
      expect(widest(frame)).toBeLessThanOrEqual(width);
      expect(linesOf(frame)).toHaveLength(6);
    }
    const narrow = await frameOf(
      <ChainPanel
        entries={entries(3)}
        selected={0}
        me={null}
        validators={validators}
        width={40}
        height={4}
      />,
    );
    expect(narrow).not.toMatch(/\d\d:\d\d:\d\d/);
  });

  it("says it is waiting before the first welcome", async () => {
    const frame = await frameOf(
      <ChainPanel entries={[]} selected={0} me={null} validators={validators} width={60} height={4} />,
    );
    expect(frame).toContain("waiting for the chain");
  });
});
