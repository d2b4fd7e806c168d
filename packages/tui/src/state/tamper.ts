import {
  type Block,
  type BlockVerdict,
  blockHash,
  type CheckResult,
  shortHex,
  verdictStatus,
  verifyBlockSignature,
} from "@pos-tui/core";
import type { ChainEntry } from "./dashboard-state.js";

/** A block as the tamper view shows it, with what its checks would find. */
export interface TamperedEntry {
  block: Block;
  verdict: BlockVerdict;
}

/** One block's BPM edited here (never sent), and what that does to it and to every block after it. */
export interface Tamper {
  index: number;
  bpm: number;
  /** The block as the server sent it. */
  original: Block;
  /** By block index: the edited block and every later one held here. */
  entries: ReadonlyMap<number, TamperedEntry>;
}

/** The checks with `check` in place of the one of the same id, or added at the end. */
function replace(checks: readonly CheckResult[], check: CheckResult): CheckResult[] {
  const at = checks.findIndex((c) => c.id === check.id);
  if (at === -1) return [...checks, check];
  return checks.map((c, i) => (i === at ? check : c));
}

const withCheck = (verdict: BlockVerdict, check: CheckResult, block: Block): BlockVerdict => {
  const checks = replace(verdict.checks, check);
  return { index: block.Index, hash: block.Hash, status: verdictStatus(checks), checks };
};

/**
 * What editing block `index`'s BPM to `bpm` would do, as the favourite classroom demo shows it: the
 * block's hash is recomputed over the edited fields with core's hashing, so its signature (made over
 * the old hash) fails; the next block's PrevHash still names the old hash, so its link breaks, and
 * every block after it hangs off that broken link. Null when the block is not held here.
 */
export function tamperChain(chain: readonly ChainEntry[], index: number, bpm: number): Tamper | null {
  const at = chain.findIndex((entry) => entry.block.Index === index);
  const target = chain[at];
  if (target === undefined) return null;
  const original = target.block;
  const fields = { ...original, BPM: bpm };
  const edited: Block = { ...fields, Hash: blockHash(fields) };
  const changed = edited.Hash !== original.Hash;
  const entries = new Map<number, TamperedEntry>();
  let verdict = withCheck(
    target.verdict,
    {
      id: "hash",
      status: "ok",
      message: changed
        ? `recomputed here: BPM ${original.BPM} -> ${bpm} makes the hash ${shortHex(edited.Hash)} (it was ${shortHex(original.Hash)})`
        : `BPM ${bpm} is what the block holds: the hash is unchanged`,
    },
    edited,
  );
  if (original.Index > 0) {
    const signed = verifyBlockSignature(edited);
    verdict = withCheck(
      verdict,
      {
        id: "signature",
        status: signed ? "ok" : "failed",
        message: signed
          ? "the Validator's key signed this Hash"
          : `the Signature was made over ${shortHex(original.Hash)}: it does not verify for ${shortHex(edited.Hash)}, and only the Validator's key could make one that does`,
      },
      edited,
    );
  }
  entries.set(index, { block: edited, verdict });
  if (!changed) return { index, bpm, original, entries };
  for (const later of chain.slice(at + 1)) {
    const { Index } = later.block;
    const message =
      Index === index + 1
        ? `PrevHash ${shortHex(later.block.PrevHash)} is block ${index}'s old hash: block ${index} now hashes to ${shortHex(edited.Hash)}`
        : `it hangs off block ${index + 1}, whose link broke: hiding the edit would take a new PrevHash, hash and signature for every block from ${index + 1} on, and only their validators can sign`;
    entries.set(Index, {
      block: later.block,
      verdict: withCheck(later.verdict, { id: "link", status: "failed", message }, later.block),
    });
  }
  return { index, bpm, original, entries };
}
