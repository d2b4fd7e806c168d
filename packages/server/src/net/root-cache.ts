import { type CandidateRoot, CandidateTree, type ProofCandidate } from "@pos-tui/core";

/** Roots kept: a class's worth of recent rounds, so `proof` requests rarely rebuild a tree. */
const KEPT = 256;

/**
 * The candidate tree roots of recent rounds. A `proof` answer carries its round's root so an auditor
 * can compare it with the block's; rebuilding the tree costs two hashes per candidate, so the roots
 * of the rounds clients ask about most (the recent ones) are remembered. Bounded: oldest out first.
 */
export class RootCache {
  private readonly roots = new Map<number, CandidateRoot>();

  remember(round: number, root: CandidateRoot): void {
    this.roots.delete(round);
    this.roots.set(round, root);
    if (this.roots.size > KEPT) this.roots.delete(this.roots.keys().next().value as number);
  }

  rootOf(round: number, candidates: readonly ProofCandidate[]): CandidateRoot {
    const known = this.roots.get(round);
    if (known !== undefined) return known;
    const { root } = CandidateTree.build(
      candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
    );
    this.remember(round, root);
    return root;
  }
}
