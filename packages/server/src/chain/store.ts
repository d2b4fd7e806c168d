import type { BlockRecord } from "@pos-tui/core";

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
