import type { Logger } from "pino";
import { type ChainStore, MemoryStore } from "../chain/store.js";
import { FileStore } from "./file-store.js";

export interface StoreChoice {
  data: string;
  memory: boolean;
  repair: boolean;
}

/**
 * The chain's home for this run: memory, or the append-only log in the data directory. Throws a
 * StoreError (with a code and advice) when the directory is locked or the log is damaged.
 */
export async function openStore(choice: StoreChoice, logger: Logger): Promise<ChainStore> {
  if (choice.memory) {
    logger.info("running in memory: the chain is lost when the server stops");
    return new MemoryStore();
  }
  return FileStore.open({ dir: choice.data, repair: choice.repair, logger });
}
