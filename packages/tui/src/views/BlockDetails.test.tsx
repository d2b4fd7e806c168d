import { commitFor, draw, lotterySeed, sha256Hex } from "@pos-tui/core";
import { describe, expect, it } from "vitest";
import type { ProofMessage } from "../state/dashboard-state.js";
import { lotteryFor, makeChain, testKeys, validatorInfo } from "../test/fixtures.js";
import { frameOf, widest } from "../test/render.js";
import { BlockDetails } from "./BlockDetails.js";

const alice = testKeys(1);
const bob = testKeys(2);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "150")],
]);
const chain = makeChain(3, [alice, bob]);

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
    expect(frame).toMatch(/alice +stake 100/);
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
