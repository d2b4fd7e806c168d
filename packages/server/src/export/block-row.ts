import { type BlockRecord, MAX_NAME_LENGTH, type RuleName, ruleOf, sanitizeText } from "@pos-tui/core";

/** One block as a spreadsheet row; the lottery columns are null for genesis. */
export interface BlockRow {
  index: number;
  time: string;
  round: number | null;
  winner: string | null;
  winner_name: string | null;
  bpm: number;
  winner_stake: string | null;
  total_stake: string | null;
  candidates: number | null;
  /** The proposer rule; the ticket and range read in its terms (the pool's entry, the round robin's priority). */
  rule: RuleName | null;
  ticket: string | null;
  range_start: string | null;
  range_end: string | null;
  hash: string;
}

export const BLOCK_COLUMNS: ReadonlyArray<keyof BlockRow> = [
  "index",
  "time",
  "round",
  "winner",
  "winner_name",
  "bpm",
  "winner_stake",
  "total_stake",
  "candidates",
  "rule",
  "ticket",
  "range_start",
  "range_end",
  "hash",
];

/** Names come from peers: stripped and capped again, whatever the log holds. */
export function cleanName(name: string | null | undefined): string | null {
  return name ? sanitizeText(name, MAX_NAME_LENGTH) : null;
}

export function blockRow({ block, proof }: BlockRecord): BlockRow {
  const winner = proof?.candidates.find((c) => c.validator === block.Validator);
  return {
    index: block.Index,
    time: block.Timestamp,
    round: proof?.round ?? null,
    winner: block.Validator === "" ? null : block.Validator,
    winner_name: cleanName(winner?.name),
    bpm: block.BPM,
    winner_stake: winner?.stake ?? null,
    total_stake: proof?.total ?? null,
    candidates: proof?.candidates.length ?? null,
    rule: proof ? ruleOf(proof) : null,
    ticket: proof?.ticket ?? null,
    range_start: proof?.rangeStart ?? null,
    range_end: proof?.rangeEnd ?? null,
    hash: block.Hash,
  };
}
