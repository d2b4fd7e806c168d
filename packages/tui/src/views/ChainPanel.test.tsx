import type { CheckResult } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { type ChainEntry, chainEntry } from "../state/dashboard-state.js";
import { tamperChain } from "../state/tamper.js";
import { ChainPanel } from "./ChainPanel.js";

const alice = testKeys(1);
const bob = testKeys(2);
const anon = testKeys(3);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "50")],
]);
/** Blocks as a welcome brings them: their own checks passed, their lottery's still pending. */
const entries = (n: number): ChainEntry[] =>
  blocksInTurn(n, [alice, bob, anon]).map((block) => {
    const checks: CheckResult[] = [
      { id: "hash", status: "ok", message: "fine" },
      { id: "link", status: "ok", message: "fine" },
    ];
    if (block.Index > 0) checks.push({ id: "range", status: "pending", message: "waiting" });
    return chainEntry(block, null, {
      index: block.Index,
      hash: block.Hash,
      status: block.Index > 0 ? "pending" : "verified",
      checks,
    });
  });
/** The entry with every check settled as `status`. */
const settled = (entry: ChainEntry, status: CheckResult["status"]): ChainEntry => {
  const checks = entry.verdict.checks.map((check) => ({ ...check, status }));
  const verdict = status === "ok" ? "verified" : status;
  return { ...entry, verdict: { ...entry.verdict, status: verdict, checks } };
};

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
      new RegExp(`^▸ #5 +${chain[5]!.block.Hash.slice(0, 8)} … 45 +${anon.publicKey.slice(0, 8)}`),
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

  it("has a check column: verified, failed, pending, with ASCII stand-ins", async () => {
    const chain = entries(3);
    chain[1] = settled(chain[1]!, "failed");
    chain[2] = settled(chain[2]!, "ok");
    chain[3] = settled(chain[3]!, "pending");
    const props = { entries: chain, selected: 0, me: null, validators, width: 60, height: 5 };
    const column = (frame: string) =>
      linesOf(frame)
        .slice(1)
        .map((line) => line.slice(19, 20));
    // Newest first: pending, verified, failed, then genesis (verified on its own checks).
    expect(column(await frameOf(<ChainPanel {...props} />))).toEqual(["…", "✓", "✗", "✓"]);
    expect(column(await frameOf(<ChainPanel {...props} ascii />))).toEqual([".", "+", "X", "+"]);
  });

  it("shows a tampered block with its new hash and BPM, and every later block failing", async () => {
    const chain = entries(6).map((entry) => settled(entry, "ok"));
    const tamper = tamperChain(chain, 3, 99)!;
    const frame = await frameOf(
      <ChainPanel
        entries={chain}
        selected={0}
        me={null}
        validators={validators}
        width={60}
        height={8}
        tamper={tamper}
      />,
    );
    const row = (index: number) => linesOf(frame).find((line) => line.includes(`#${index} `))!;
    const edited = tamper.entries.get(3)!.block;
    expect(edited.Hash).not.toBe(chain[3]!.block.Hash);
    expect(row(3)).toMatch(new RegExp(`#3 +${edited.Hash.slice(0, 8)} ✗ 99 `));
    for (const later of [4, 5, 6]) expect(row(later)).toMatch(/^. #\d +[0-9a-f]{8} ✗ /);
    for (const before of [0, 1, 2]) expect(row(before)).toMatch(/ ✓ /);
  });

  it("says it is waiting before the first welcome", async () => {
    const frame = await frameOf(
      <ChainPanel entries={[]} selected={0} me={null} validators={validators} width={60} height={4} />,
    );
    expect(frame).toContain("waiting for the chain");
  });
});
