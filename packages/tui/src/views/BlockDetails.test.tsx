import { commitFor, draw, lotterySeed, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { lotteryFor, validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import type { ProofMessage } from "../state/dashboard-state.js";
import { BlockDetails, detailsMaxScroll } from "./BlockDetails.js";

const alice = testKeys(1);
const bob = testKeys(2);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "150")],
]);
const chain = blocksInTurn(3, [alice, bob]);

/** A real lottery for block 3 (whoever the draw picks), so the re-check can pass. */
function realRound() {
  const reveal = sha256Hex("secret");
  const prevHash = chain[2]!.Hash;
  const candidates = [
    { validator: alice.publicKey, stake: 100n },
    { validator: bob.publicKey, stake: 150n },
  ];
  const result = draw(candidates, lotterySeed(reveal, prevHash, 7))!;
  const proof: ProofMessage = {
    type: "proof",
    round: 7,
    blockIndex: 3,
    commit: commitFor(reveal),
    reveal,
    prevHash,
    winner: result.winner,
    candidates: candidates.map((c) => ({ validator: c.validator, stake: String(c.stake) })),
  };
  const lottery = lotteryFor(7, {
    commit: proof.commit,
    reveal,
    ticket: String(result.ticket),
    total: String(result.total),
    rangeStart: String(result.rangeStart),
    rangeEnd: String(result.rangeEnd),
  });
  return { proof, lottery };
}

describe("BlockDetails", () => {
  it("shows full hashes, the signature and the lottery proof, and re-checks the draw", async () => {
    const { proof, lottery } = realRound();
    const block = chain[3]!;
    const frame = await frameOf(
      <BlockDetails
        entry={{ block, lottery }}
        proof={proof}
        validators={validators}
        me={null}
        width={100}
        height={30}
      />,
    );
    const flat = frame.replace(/\s+/g, "");
    expect(flat).toContain(block.Hash);
    expect(flat).toContain(block.PrevHash);
    expect(flat).toContain(block.Signature);
    expect(flat).toContain(lottery.commit);
    expect(frame).toContain("✓ sha256 = commit");
    expect(frame).toContain(`ticket     ${lottery.ticket} of 250`);
    expect(frame).toContain(`range      ${lottery.rangeStart}..${lottery.rangeEnd}`);
    expect(frame).toContain("✓ re-checked here: the draw picks the same winner");
    expect(frame).toMatch(/alice +\d+\.\.\d+ stake 100/);
  });

  it("scrolls at 60x20: the ticket, the picture of the ranges and the candidates are all reachable", async () => {
    const { proof, lottery } = realRound();
    const block = chain[3]!;
    const props = { entry: { block, lottery }, proof, validators, me: null, width: 60, height: 13 };
    const top = await frameOf(<BlockDetails {...props} />);
    expect(linesOf(top)).toHaveLength(13);
    expect(widest(top)).toBeLessThanOrEqual(60);
    expect(linesOf(top)[0]).toMatch(/^Block #3 · by \w+ · Esc closes · ↑↓ 1-12\/\d+/);
    expect(top).not.toContain("ticket ^");
    const max = detailsMaxScroll(props);
    expect(max).toBeGreaterThan(5);
    const bottom = linesOf(await frameOf(<BlockDetails {...props} scroll={max} />));
    expect(bottom).toHaveLength(13);
    // The bar: alice's 100 and bob's 150 side by side on 60 cells, 24 and 36, the ticket under the winner's.
    const barAt = bottom.findIndex((line) => /^[▓█]{60}$/.test(line));
    expect(barAt).toBe(8);
    const bar = bottom[barAt]!;
    const aliceFirst = alice.publicKey < bob.publicKey;
    expect(bar).toBe(aliceFirst ? "▓".repeat(24) + "█".repeat(36) : "█".repeat(36) + "▓".repeat(24));
    const caret = bottom[barAt + 1]!;
    const at = caret.indexOf("^");
    expect(caret).toContain(`ticket ${lottery.ticket}`);
    expect(at).toBe(Math.floor((Number(lottery.ticket) * 60) / 250));
    expect(bar[at]).toBe(block.Validator === proof.winner ? "█" : "▓");
    expect(bottom.at(-2)).toMatch(/^[▓█] (alice|bob) /);
    expect(bottom.join("\n")).toMatch(/█ (alice|bob) +\d+\.\.\d+ stake \d+ winner/);
    // Scrolling past the end stays at the end.
    expect(linesOf(await frameOf(<BlockDetails {...props} scroll={max + 50} />))).toEqual(bottom);
  });

  it("draws the picture in ASCII when asked", async () => {
    const { proof, lottery } = realRound();
    const frame = await frameOf(
      <BlockDetails
        entry={{ block: chain[3]!, lottery }}
        proof={proof}
        validators={validators}
        me={null}
        width={60}
        height={60}
        ascii
      />,
    );
    expect(frame).toMatch(/^[=#]{60}$/m);
    expect(frame).toMatch(/^ *\^ ticket \d+|ticket \d+ \^$/m);
    expect(frame).toContain("ok: re-checked here");
    expect(frame).not.toMatch(/[^\x20-\x7e\n·]/);
  });

  it("flags a reveal that does not match its commit", async () => {
    const frame = await frameOf(
      <BlockDetails
        entry={{ block: chain[2]!, lottery: lotteryFor(3) }}
        proof={null}
        validators={validators}
        me={null}
        width={100}
        height={20}
      />,
    );
    expect(frame.replace(/\s+/g, " ")).toContain("✗ does not match the commit");
    expect(frame).toContain("asking the server for the candidate list");
  });

  it("explains a block seen before connecting, and fits 60 columns", async () => {
    const frame = await frameOf(
      <BlockDetails
        entry={{ block: chain[1]!, lottery: null }}
        proof={null}
        validators={validators}
        me={null}
        width={60}
        height={15}
      />,
    );
    expect(frame).toContain("not seen live");
    expect(widest(frame)).toBeLessThanOrEqual(60);
  });
});
