import { ErrorCode, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { drawnRound, lotteryFor, roundRobinRound, validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { checkProof } from "../state/check-block.js";
import { chainEntry } from "../state/dashboard-state.js";
import { BlockDetails, detailsMaxScroll } from "./BlockDetails.js";

const alice = testKeys(1);
const bob = testKeys(2);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "150")],
]);
const chain = blocksInTurn(3, [alice, bob]);

/** A real lottery that picks block 3's proposer (a reveal is tried until one does), so the re-check passes. */
function realRound() {
  const prevHash = chain[2]!.Hash;
  const candidates = [
    { validator: alice.publicKey, stake: 100n },
    { validator: bob.publicKey, stake: 150n },
  ].sort((a, b) => (a.validator < b.validator ? -1 : 1));
  const round = (reveal: string) => drawnRound(candidates, reveal, prevHash, 7, 3);
  let attempt = 0;
  while (round(sha256Hex(`secret ${attempt}`)).drawn.winner !== chain[3]!.Validator) attempt++;
  const { proof, lottery } = round(sha256Hex(`secret ${attempt}`));
  return { proof: checkProof(proof, { block: chain[3]!, lottery }), lottery, raw: proof };
}

describe("BlockDetails", () => {
  it("shows full hashes, the signature and the lottery proof, and re-checks the draw", async () => {
    const { proof, lottery } = realRound();
    const block = chain[3]!;
    const frame = await frameOf(
      <BlockDetails
        entry={chainEntry(block, lottery)}
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
    const props = { entry: chainEntry(block, lottery), proof, validators, me: null, width: 60, height: 13 };
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
    expect(bar[at]).toBe("█");
    expect(bottom.at(-2)).toMatch(/^[▓█] (alice|bob) /);
    expect(bottom.join("\n")).toMatch(/█ (alice|bob) +\d+\.\.\d+ stake \d+ winner/);
    // Scrolling past the end stays at the end.
    expect(linesOf(await frameOf(<BlockDetails {...props} scroll={max + 50} />))).toEqual(bottom);
  });

  it("draws the picture in ASCII when asked", async () => {
    const { proof, lottery } = realRound();
    const frame = await frameOf(
      <BlockDetails
        entry={chainEntry(chain[3]!, lottery)}
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

  it("flags a block message whose ticket is not the one the proof's draw gives", async () => {
    const { raw, lottery } = realRound();
    const entry = chainEntry(chain[3]!, { ...lottery, ticket: String(BigInt(lottery.ticket) + 1n) });
    const frame = await frameOf(
      <BlockDetails
        entry={entry}
        proof={checkProof(raw, entry)}
        validators={validators}
        me={null}
        width={100}
        height={40}
      />,
    );
    expect(frame.replace(/\s+/g, " ")).toContain(
      `✗ the proof's ticket ${BigInt(lottery.ticket) + 1n} is not`,
    );
    expect(frame).not.toContain("re-checked here");
  });

  it("flags a reveal that does not match its commit", async () => {
    const frame = await frameOf(
      <BlockDetails
        entry={chainEntry(chain[2]!, lotteryFor(3))}
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
        entry={chainEntry(chain[1]!, null)}
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

  it("says what the checks found when the data arrived, without running them again", async () => {
    const { proof, lottery } = realRound();
    // Both would pass if checked here: the lines must come from the stored results.
    const frame = await frameOf(
      <BlockDetails
        entry={{ ...chainEntry(chain[3]!, lottery), revealOk: false }}
        proof={{ ...proof, check: { ok: false, code: ErrorCode.BadLottery, message: "stored verdict" } }}
        validators={validators}
        me={null}
        width={100}
        height={40}
      />,
    );
    expect(frame.replace(/\s+/g, " ")).toContain("✗ does not match the commit");
    expect(frame).toContain("✗ stored verdict");
    expect(frame).not.toContain("re-checked here");
  });

  describe("in the rule's own terms", () => {
    const block = chain[3]!;
    const candidates = [
      { validator: alice.publicKey, stake: 100n },
      { validator: bob.publicKey, stake: 150n },
    ].sort((a, b) => (a.validator < b.validator ? -1 : 1));

    /** A round robin whose table puts block 3's proposer highest (its priority 40, the other's -40). */
    function roundRobin() {
      const priorities = candidates.map((c) => (c.validator === block.Validator ? 40n : -40n));
      const { proof, lottery } = roundRobinRound(
        candidates,
        priorities,
        sha256Hex("rr"),
        block.PrevHash,
        7,
        3,
      );
      return { proof: checkProof(proof, { block, lottery }), lottery };
    }

    it("round robin: the highest priority and the table, every row reachable by scrolling at 60x20", async () => {
      const { proof, lottery } = roundRobin();
      const props = { entry: chainEntry(block, lottery), proof, validators, me: null, width: 60, height: 20 };
      const top = await frameOf(<BlockDetails {...props} />);
      expect(linesOf(top)).toHaveLength(20);
      expect(widest(top)).toBeLessThanOrEqual(60);
      const winner = block.Validator === alice.publicKey ? "alice" : "bob";
      const grown = block.Validator === alice.publicKey ? "140" : "190";
      expect(top).toContain("rule       weighted round robin (CometBFT)");
      expect(top).toContain(`priority   ${grown}, the highest (${winner})`);
      expect(top).toContain("total      250: the proposer's priority drops by it");
      expect(top).not.toMatch(/ticket|range/);
      const max = detailsMaxScroll(props);
      expect(max).toBeGreaterThan(0);
      const bottom = linesOf(await frameOf(<BlockDetails {...props} scroll={max} />));
      expect(bottom).toHaveLength(20);
      const text = bottom.join("\n");
      expect(text).toContain("✓ re-checked here");
      expect(text.replace(/\s+/g, " ")).toMatch(
        /How the round robin works: each round every priority grows by its stake/,
      );
      expect(text).toMatch(/before +stake +grown/);
      expect(text).toMatch(
        new RegExp(`${winner} +40 \\+ +\\d+ = +${grown} proposes, then ${BigInt(grown) - 250n}`),
      );
      expect(text).toMatch(/(alice|bob) +-40 \+ +\d+ = +\d+$/m);
      expect(text).not.toMatch(/[▓█]{10}/);
    });

    it("pool: the entry picked in a pool of the total stake, and the entries drawn side by side", async () => {
      const round = (reveal: string) => drawnRound(candidates, reveal, block.PrevHash, 7, 3);
      let attempt = 0;
      while (round(sha256Hex(`pool ${attempt}`)).drawn.winner !== block.Validator) attempt++;
      const { proof: raw, lottery: figures } = round(sha256Hex(`pool ${attempt}`));
      const lottery = { ...figures, rule: "pool" as const };
      const proof = checkProof({ ...raw, rule: "pool" }, { block, lottery });
      const frame = await frameOf(
        <BlockDetails
          entry={chainEntry(block, lottery)}
          proof={proof}
          validators={validators}
          me={null}
          width={60}
          height={60}
        />,
      );
      expect(frame).toContain(`entry      ${lottery.ticket} of a pool of 250`);
      expect(frame).toMatch(/entries +\d+\.\.\d+ \((alice|bob)\)/);
      expect(frame).toContain("✓ re-checked here");
      expect(frame.replace(/\s+/g, " ")).toMatch(/How the pool works: one entry per staked token/);
      expect(frame).toContain(`entry ${lottery.ticket}`);
      expect(frame).toMatch(/(alice|bob) +entries \d+\.\.\d+ stake \d+ winner/);
    });
  });
});
