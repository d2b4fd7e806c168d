import type {
  Block,
  BlockProof,
  CandidateTree,
  LedgerReward,
  PosError,
  RoundMessage,
  ValidatorInfo,
} from "@pos-tui/core";

/**
 * One event for every session. Each dialect formats it itself, once per broadcast however many
 * sessions speak that dialect: a block for a thousand JSON clients is encoded once, not a thousand times.
 */
export class Broadcast<E> {
  private readonly formatted = new Map<string, string>();

  constructor(readonly event: E) {}

  /** The text `build` makes of the event, built on the first call for each key and reused after. */
  format(key: string, build: (event: E) => string): string {
    let text = this.formatted.get(key);
    if (text === undefined) {
      text = build(this.event);
      this.formatted.set(key, text);
    }
    return text;
  }
}

/** A new block on the chain, stored before it is announced. */
export interface BlockNews {
  block: Block;
  proof: BlockProof;
  winnerName: string | null;
  /** The winner's reward, when the server gives one (`--reward`). */
  reward: LedgerReward | null;
  /**
   * The round's candidate tree, built once at the close: the block push carries its root and the
   * winner's path, each candidate's session its own inclusion proof. Dropped with the broadcast.
   */
  tree: CandidateTree;
}

export type RoundNews = RoundMessage;

/** A round the rule refused (the pool's size limit): it made no block, and its candidates hear why. */
export interface RefusedNews {
  round: number;
  error: PosError;
  candidates: ReadonlySet<string>;
}
export type ValidatorNews = readonly ValidatorInfo[];
