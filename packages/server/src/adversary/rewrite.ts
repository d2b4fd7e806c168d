import { type BlockRecord, keyPairFromSeed, shortHex } from "@pos-tui/core";
import type { ChainStore } from "../chain/store.js";
import type { ServerOptions } from "../options.js";
import { type RunningServer, startServer } from "../server.js";
import { forkChain } from "./fork-chain.js";
import { confess, type Liar } from "./liar.js";

/** How many of the newest blocks each rewrite replaces (with one more than it takes). */
const REWRITE_DEPTH = 2;

/** The chain in memory, as the honest server keeps it with --memory, but one the liar can replace. */
class RewritableStore implements ChainStore {
  private records: BlockRecord[] = [];

  constructor(private readonly appended: (record: BlockRecord) => void) {}

  async load(): Promise<BlockRecord[]> {
    return [...this.records];
  }

  async append(record: BlockRecord): Promise<void> {
    this.records.push(record);
    this.appended(record);
  }

  replace(records: BlockRecord[]): void {
    this.records = records;
  }

  async close(): Promise<void> {}
}

/**
 * `--adversary rewrite`: an honest server that, every `every` new blocks, stops (every client gets
 * the goodbye of an ordinary restart), replaces its newest blocks with a longer run signed by a key
 * it holds, and starts again on the same port. Clients that reconnect get a welcome that looks like
 * any other; only one that remembers the blocks it held can tell. The honest server runs unchanged
 * in between: the lie lives in this wrapper and its store.
 */
export async function startRewritingServer(
  options: ServerOptions,
  liar: Liar,
  every: number,
): Promise<RunningServer> {
  const keys = keyPairFromSeed(liar.randomBytes(32));
  let sinceRewrite = 0;
  let rewriting: Promise<void> | null = null;
  let closed = false;
  const store = new RewritableStore((record) => {
    if (record.proof === null || ++sinceRewrite < every || rewriting !== null) return;
    sinceRewrite = 0;
    // After the round's close has pushed this block and opened the next round: clients hold it.
    rewriting = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(rewrite);
  });
  let inner = await startServer({ ...options, store });
  const port = inner.port;

  async function rewrite(): Promise<void> {
    if (closed) return;
    // Rounds up to the open one have been announced: the new blocks use later numbers.
    const firstRound = inner.consensus.nextRoundToStart;
    await inner.close();
    const before = await store.load();
    const { records: after, from } = forkChain(before, {
      depth: REWRITE_DEPTH,
      keys,
      firstRound,
      randomBytes: liar.randomBytes,
    });
    confess(
      liar,
      { mode: "rewrite", from, replaced: before.length - from, added: after.length - from },
      `rewrite: dropped every connection and replaced blocks ${from}..${before.length - 1} with ` +
        `${after.length - from} blocks signed by the server's own key ${shortHex(keys.publicKey)}`,
    );
    store.replace(after);
    try {
      inner = await startServer({ ...options, port, store });
    } catch (error) {
      liar.log.fatal({ err: error }, `ADVERSARY: rewrite: could not listen on port ${port} again`);
      options.onFatal?.(error instanceof Error ? error : new Error(String(error)));
    } finally {
      rewriting = null;
    }
  }

  return {
    host: inner.host,
    port,
    get consensus() {
      return inner.consensus;
    },
    connectionCount: () => inner.connectionCount(),
    async close() {
      closed = true;
      await rewriting;
      await inner.close();
    },
  };
}
