import type { BlockRecord } from "@pos-tui/core";
import { buildChain, fixtureKeys, nextRecord } from "../store/chain-fixture.js";

/** Genesis and `rounds` blocks, each drawn among `perRound` keys that appear in no other round. */
export function candidateRounds(rounds: number, perRound: number): BlockRecord[] {
  const keys = fixtureKeys(rounds * perRound, "throw-away");
  const records: BlockRecord[] = buildChain(1);
  for (let r = 0; r < rounds; r++)
    records.push(
      nextRecord(records.at(-1)!, keys.slice(r * perRound, (r + 1) * perRound), {
        candidatesPerRound: perRound,
      }),
    );
  return records;
}
