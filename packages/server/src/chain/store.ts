import type { Block } from "@pos-tui/core";

/** A candidate as the lottery saw it; stake is a decimal string, as on the wire. */
export interface StoredCandidate {
  validator: string;
  stake: string;
  name: string | null;
}

/** Everything needed to re-run the draw that chose a block. */
export interface BlockProof {
  round: number;
  commit: string;
  reveal: string;
  ticket: string;
  total: string;
  rangeStart: string;
  rangeEnd: string;
  candidates: StoredCandidate[];
  /** The round's window of chain time (ISO); absent in logs written before the Timestamp rule. */
  opensAt?: string;
  closesAt?: string;
}

/** One block with the lottery that chose it; genesis has no proof. */
export interface BlockRecord {
  block: Block;
  proof: BlockProof | null;
}

/**
 * Where the chain lives. `append` resolves only once the record is durable, because the server
 * announces a block only after it is stored: nothing a client saw may be lost.
 */
export interface ChainStore {
  /** Every stored record in order, already checked; empty for a new chain. */
  load(): Promise<BlockRecord[]>;
  append(record: BlockRecord): Promise<void>;
  close(): Promise<void>;
}

/** No disk: for `--memory`, tests and the demo. May start from a given chain. */
export class MemoryStore implements ChainStore {
  private readonly records: BlockRecord[];

  constructor(initial: readonly BlockRecord[] = []) {
    this.records = [...initial];
  }

  async load(): Promise<BlockRecord[]> {
    return [...this.records];
  }

  async append(record: BlockRecord): Promise<void> {
    this.records.push(record);
  }

  async close(): Promise<void> {}
}
