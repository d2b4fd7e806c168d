import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// The worker's whole program. It is inlined (eval) rather than a file beside this one so it runs the
// same from the build, from the TypeScript sources under vitest/tsx, and from any bundler.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const keys = new Map();
function keyFor(hex) {
  let key = keys.get(hex);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, "hex")]), format: "der", type: "spki" });
    if (keys.size >= 10000) keys.clear();
    keys.set(hex, key);
  }
  return key;
}
parentPort.on("message", ({ id, items }) => {
  let bad = -1;
  for (let i = 0; i < items.length; i += 3) {
    let ok = false;
    try {
      ok = verify(null, Buffer.from(items[i + 1], "hex"), keyFor(items[i]), Buffer.from(items[i + 2], "hex"));
    } catch {}
    if (!ok) { bad = i / 3; break; }
  }
  parentPort.postMessage({ id, bad });
});
`;

/**
 * ed25519 verification spread over worker threads, for loading a long chain: the main thread parses
 * and checks everything else while the workers check signatures in batches. Answers, per batch, the
 * position of its first bad signature (or -1). Inputs must already be well-formed hex.
 */
export class SignaturePool {
  private readonly workers: Worker[];
  private next = 0;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (bad: number) => void; reject: (e: Error) => void }
  >();

  constructor(size: number = SignaturePool.defaultSize()) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on("message", ({ id, bad }: { id: number; bad: number }) => {
        this.waiting.get(id)?.resolve(bad);
        this.waiting.delete(id);
      });
      worker.on("error", (error) => {
        for (const w of this.waiting.values()) w.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  /** One worker per core: the main thread's parsing overlaps with them. */
  static defaultSize(): number {
    return Math.max(1, Math.min(availableParallelism(), 8));
  }

  /** `items` is flat: publicKey, hash, signature (hex) for each entry. */
  verifyBatch(items: string[]): Promise<number> {
    const id = this.nextId++;
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, items });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
