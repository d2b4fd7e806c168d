import type { Logger } from "pino";
import { type ChainStore, MemoryStore } from "../chain/store.js";

export interface StoreChoice {
  data: string;
  memory: boolean;
  repair: boolean;
}

/** The chain's home for this run: memory, or the append-only log in the data directory. */
export async function openStore(choice: StoreChoice, logger: Logger): Promise<ChainStore> {
  if (choice.memory) return new MemoryStore();
  logger.warn("the on-disk chain is not available yet: running in memory");
  return new MemoryStore();
}
