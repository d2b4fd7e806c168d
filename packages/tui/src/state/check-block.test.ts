import { type Block, ErrorCode, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { drawnRound } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { checkProof } from "./check-block.js";

const alice = testKeys(1).publicKey;
const bob = testKeys(2).publicKey;
const reveal = sha256Hex("secret");
const candidates = [
  { validator: alice, stake: 100n },
  { validator: bob, stake: 150n },
].sort((a, b) => (a.validator < b.validator ? -1 : 1));
const chain = blocksInTurn(3, [testKeys(1), testKeys(2)]);
const prevHash = chain[2]!.Hash;
const { proof, lottery, drawn } = drawnRound(candidates, reveal, prevHash, 7, 3);
/** Block 3 as this client holds it; only its Validator and PrevHash matter to the draw. */
const held = (validator: string, block: Partial<Block> = {}) => ({
  block: { ...chain[3]!, Validator: validator, PrevHash: prevHash, ...block },
  lottery: { ...lottery },
});
const short = (key: string) => key.slice(0, 8);

describe("checkProof", () => {
  it("re-runs the draw against the block held here and reads the stakes as numbers once", () => {
    expect(checkProof(proof, held(drawn.winner))).toEqual({ proof, candidates, check: { ok: true } });
  });

  it("checks a block from the welcome, which came without its figures, by the draw alone", () => {
    expect(checkProof(proof, { ...held(drawn.winner), lottery: null }).check).toEqual({ ok: true });
  });

  it("fails when the block on screen was won by someone the draw does not pick", () => {
    const other = drawn.winner === alice ? bob : alice;
    expect(checkProof(proof, held(other)).check).toEqual({
      ok: false,
      code: ErrorCode.BadLottery,
      message: `the draw picks ${short(drawn.winner)}, not the claimed ${short(other)}`,
    });
  });

  it("gives no tick to a proof of another block, whatever the proof says of itself", () => {
    expect(checkProof(proof, undefined).check).toEqual({
      ok: false,
      code: ErrorCode.BadLottery,
      message: "block 3 is not held here, so this proof cannot be tied to it",
    });
    expect(checkProof(proof, held(drawn.winner, { Index: 2 })).check).toMatchObject({ ok: false });
  });

  it("fails when the announced ticket is not the draw's", () => {
    const wrong = held(drawn.winner);
    wrong.lottery.ticket = String(drawn.ticket + 1n);
    expect(checkProof(proof, wrong).check).toEqual({
      ok: false,
      code: ErrorCode.BadLottery,
      message: `the proof's ticket ${drawn.ticket + 1n} is not the draw's ticket ${drawn.ticket}`,
    });
  });
});
