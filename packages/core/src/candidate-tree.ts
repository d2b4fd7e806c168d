import { fail, ok, type Result } from "./errors.js";
import { sha256Hex } from "./hash.js";
import { isHex } from "./hex.js";
import { type Candidate, sortCandidates } from "./lottery.js";

/**
 * A Merkle sum tree over a round's candidates in canonical order (sortCandidates): each node carries
 * a hash and the stake below it, so a path of O(log n) siblings proves a leaf's place, its range start
 * (the stake to its left) and the total, against one root. The shape is RFC 6962's: the left subtree
 * of n leaves holds the largest power of two below n, so a leaf's index and the count fix which side
 * every sibling is on, and the index cannot be claimed falsely.
 */

/** What a round commits to: the root hash (which covers the count), the total stake and the count. */
export interface CandidateRoot {
  hash: string;
  total: bigint;
  count: number;
}

/** A subtree the verifier does not see: its hash and the stake below it. */
export interface TreeNode {
  hash: string;
  sum: bigint;
}

/** A sibling as it travels: [hash, sum as a decimal string]. */
export type WireSibling = [string, string];

/** A leaf a proof is about: where it sits and what it holds. */
export interface ProvenLeaf {
  index: number;
  validator: string;
  stake: bigint;
}

/** What a proof establishes: each leaf's range start (in the leaves' order), and the total. */
export interface ProvenRanges {
  rangeStarts: bigint[];
  total: bigint;
}

/** Proofs about more leaves than this are refused: the protocol sends at most three per message. */
export const MAX_PROVEN_LEAVES = 8;
/** More leaves than a JSON number holds exactly cannot be indexed: depth stays <= 53. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
const DECIMAL = /^(0|[1-9][0-9]{0,39})$/;

// Each hash starts with its own tag, so a leaf can never pass for a node or a root, nor the reverse.
// Fields are hex and decimal, checked before they are hashed, so "|" cannot occur inside one and the
// encoding is unambiguous (as in lotterySeed).
export const leafHash = (validator: string, stake: bigint): string => sha256Hex(`leaf|${validator}|${stake}`);
const nodeHash = (left: TreeNode, right: TreeNode): string =>
  sha256Hex(`node|${left.hash}|${left.sum}|${right.hash}|${right.sum}`);
const rootHash = (count: number, top: TreeNode): string => sha256Hex(`root|${count}|${top.hash}|${top.sum}`);

const combine = (left: TreeNode, right: TreeNode): TreeNode => ({
  hash: nodeHash(left, right),
  sum: left.sum + right.sum,
});

/** The largest power of two strictly below n (n >= 2): the size of the left subtree. */
function leftSize(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class CandidateTree {
  /** levels[0] are the leaves; levels[L][j] covers leaves [j * 2^L, min((j + 1) * 2^L, n)). */
  private readonly levels: TreeNode[][];
  private positions: Map<string, number> | null = null;
  readonly root: CandidateRoot;
  readonly leaves: readonly Candidate[];

  private constructor(leaves: readonly Candidate[], levels: TreeNode[][]) {
    this.leaves = leaves;
    this.levels = levels;
    const top = levels[levels.length - 1]![0]!;
    this.root = { hash: rootHash(leaves.length, top), total: top.sum, count: leaves.length };
  }

  /**
   * Builds the tree over `candidates` in canonical order. Throws on an empty list (no round without a
   * candidate makes a block) and on a negative stake.
   */
  static build(candidates: readonly Candidate[]): CandidateTree {
    return CandidateTree.inOrder(sortCandidates(candidates));
  }

  /**
   * Builds the tree over `leaves` in the order given, sorted or not: what a server that reorders
   * the list would commit to (tests of the checks that catch it). Use `build` for a round.
   */
  static inOrder(leaves: readonly Candidate[]): CandidateTree {
    if (leaves.length === 0) throw new RangeError("a candidate tree needs at least one candidate");
    let level: TreeNode[] = leaves.map(({ validator, stake }) => {
      if (stake < 0n) throw new RangeError(`candidate ${validator.slice(0, 8)} has a negative stake`);
      return { hash: leafHash(validator, stake), sum: stake };
    });
    const levels = [level];
    // Pairing bottom-up and carrying an odd last node up unchanged gives RFC 6962's shape.
    while (level.length > 1) {
      const next: TreeNode[] = new Array(Math.ceil(level.length / 2));
      for (let j = 0; j < next.length; j++) {
        const right = level[2 * j + 1];
        next[j] = right === undefined ? level[2 * j]! : combine(level[2 * j]!, right);
      }
      levels.push(next);
      level = next;
    }
    return new CandidateTree(leaves, levels);
  }

  /** The leaf index of a validator, or -1. */
  indexOf(validator: string): number {
    if (this.positions === null) this.positions = new Map(this.leaves.map((c, i) => [c.validator, i]));
    return this.positions.get(validator) ?? -1;
  }

  /**
   * The siblings that prove the leaves at `indices` (any order, each in range): every subtree holding
   * none of them, in the order a left-to-right walk from the root meets them. For one leaf that is its
   * path, top down; neighbouring leaves share most of theirs.
   */
  prove(indices: readonly number[]): WireSibling[] {
    const wanted = [...new Set(indices)].sort((a, b) => a - b);
    for (const i of wanted)
      if (!Number.isInteger(i) || i < 0 || i >= this.leaves.length)
        throw new RangeError(`leaf ${i} is not in a tree of ${this.leaves.length}`);
    const siblings: WireSibling[] = [];
    const walk = (lo: number, hi: number, first: number, end: number): void => {
      if (first === end) {
        const node = this.node(lo, hi);
        siblings.push([node.hash, node.sum.toString()]);
        return;
      }
      if (hi - lo === 1) return;
      const mid = lo + leftSize(hi - lo);
      const split = firstAtOrAbove(wanted, mid, first, end);
      walk(lo, mid, first, split);
      walk(mid, hi, split, end);
    };
    walk(0, this.leaves.length, 0, wanted.length);
    return siblings;
  }

  /** The node covering leaves [lo, hi): a range the RFC 6962 split reaches. */
  private node(lo: number, hi: number): TreeNode {
    let level = 0;
    while (2 ** level < hi - lo) level++;
    return this.levels[level]![lo / 2 ** level]!;
  }
}

/** The first position p in [from, to) with sorted[p] >= value (or `to`). */
function firstAtOrAbove(sorted: readonly number[], value: number, from: number, to: number): number {
  let p = from;
  while (p < to && sorted[p]! < value) p++;
  return p;
}

/** Why a sibling is unreadable, or null. Sums are decimal strings of at most 40 digits. */
function siblingIssue(sibling: unknown): string | null {
  if (!Array.isArray(sibling) || sibling.length !== 2) return "a sibling must be [hash, sum]";
  const [hash, sum] = sibling as unknown[];
  if (typeof hash !== "string" || !isHex(hash, 32)) return "a sibling's hash must be 64 lower-case hex";
  if (typeof sum !== "string" || !DECIMAL.test(sum)) return "a sibling's sum must be a decimal string";
  return null;
}

/**
 * Do `siblings` prove `leaves` against `root`? Pure and never throws: untrusted input gives a reason.
 * The leaves' index order must be their given order; the siblings are consumed in the walk order of
 * CandidateTree.prove, and none may be left over. Returns each leaf's range start (the stake of all
 * leaves left of it) and the total.
 */
export function verifyLeaves(
  root: CandidateRoot,
  leaves: readonly ProvenLeaf[],
  siblings: readonly (readonly [string, string])[],
): Result<ProvenRanges, string> {
  const { count } = root;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT)
    return fail("the candidate count must be a whole number >= 1");
  if (leaves.length === 0 || leaves.length > MAX_PROVEN_LEAVES)
    return fail(`a proof covers 1..${MAX_PROVEN_LEAVES} leaves`);
  for (let p = 0; p < leaves.length; p++) {
    const { index, validator, stake } = leaves[p]!;
    if (!Number.isSafeInteger(index) || index < 0 || index >= count)
      return fail(`leaf ${index} is not among the ${count} candidates`);
    if (p > 0 && index <= leaves[p - 1]!.index) return fail("the proven leaves must be in index order");
    if (!isHex(validator, 32)) return fail("a leaf's validator must be a 64-hex key");
    if (stake < 0n) return fail("a leaf's stake cannot be negative");
  }
  for (const sibling of siblings) {
    const issue = siblingIssue(sibling);
    if (issue) return fail(issue);
  }
  const indices = leaves.map((l) => l.index);
  const rangeStarts: bigint[] = [];
  let next = 0;
  let left = 0n;
  // Depth is at most 53 (count <= 2^53) and only subtrees holding a proven leaf are entered.
  const walk = (lo: number, hi: number, first: number, end: number): TreeNode | null => {
    if (first === end) {
      const sibling = siblings[next++];
      if (sibling === undefined) return null;
      const node = { hash: sibling[0], sum: BigInt(sibling[1]) };
      left += node.sum;
      return node;
    }
    if (hi - lo === 1) {
      const leaf = leaves[first]!;
      rangeStarts.push(left);
      left += leaf.stake;
      return { hash: leafHash(leaf.validator, leaf.stake), sum: leaf.stake };
    }
    const mid = lo + leftSize(hi - lo);
    const split = firstAtOrAbove(indices, mid, first, end);
    const l = walk(lo, mid, first, split);
    const r = l === null ? null : walk(mid, hi, split, end);
    return l === null || r === null ? null : combine(l, r);
  };
  const top = walk(0, count, 0, leaves.length);
  if (top === null) return fail("the proof has too few siblings for its leaves");
  if (next !== siblings.length) return fail("the proof has more siblings than its leaves need");
  if (rootHash(count, top) !== root.hash)
    return fail("the path does not lead to the round's root: the leaf, its place or a sibling was changed");
  if (top.sum !== root.total)
    return fail(`the path adds up to a total of ${top.sum}, not the root's ${root.total}`);
  return ok({ rangeStarts, total: top.sum });
}
