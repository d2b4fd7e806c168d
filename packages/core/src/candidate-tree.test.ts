import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CandidateTree, type ProvenLeaf, verifyLeaves, type WireSibling } from "./candidate-tree.js";
import { sha256Hex } from "./hash.js";
import { type Candidate, draw, sortCandidates } from "./lottery.js";

const key = (n: number) => sha256Hex(`validator ${n}`);
const candidatesOf = (stakes: readonly bigint[]): Candidate[] =>
  stakes.map((stake, i) => ({ validator: key(i), stake }));
const leafAt = (tree: CandidateTree, index: number): ProvenLeaf => ({ index, ...tree.leaves[index]! });

const stakes = fc.array(fc.bigInt({ min: 1n, max: 10n ** 18n }), { minLength: 1, maxLength: 70 });
/** A tree and one of its leaf indices. */
const treeAndIndex = stakes.chain((s) =>
  fc.tuple(fc.constant(CandidateTree.build(candidatesOf(s))), fc.nat({ max: s.length - 1 })),
);

describe("CandidateTree", () => {
  it("orders its leaves canonically and commits to their total and count", () => {
    const candidates = candidatesOf([5n, 7n, 11n]);
    const tree = CandidateTree.build(candidates);
    expect(tree.leaves).toEqual(sortCandidates(candidates));
    expect(tree.root.total).toBe(23n);
    expect(tree.root.count).toBe(3);
    expect(tree.root.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses an empty round", () => {
    expect(() => CandidateTree.build([])).toThrow(RangeError);
  });

  it("finds a leaf by validator", () => {
    const tree = CandidateTree.build(candidatesOf([1n, 2n, 3n, 4n]));
    for (let i = 0; i < 4; i++) expect(tree.indexOf(tree.leaves[i]!.validator)).toBe(i);
    expect(tree.indexOf(key(99))).toBe(-1);
  });

  it("a one-leaf path has one sibling per level, top down", () => {
    const tree = CandidateTree.build(candidatesOf(Array.from({ length: 1000 }, () => 3n)));
    for (const i of [0, 511, 512, 999]) expect(tree.prove([i]).length).toBeLessThanOrEqual(10);
    expect(CandidateTree.build(candidatesOf([9n])).prove([0])).toEqual([]);
  });

  it("three neighbours share their siblings: far fewer than three paths", () => {
    const tree = CandidateTree.build(candidatesOf(Array.from({ length: 1000 }, (_, i) => BigInt(i + 1))));
    const three = tree.prove([499, 500, 501]).length;
    const apart = [499, 500, 501].reduce((n, i) => n + tree.prove([i]).length, 0);
    expect(three).toBeLessThanOrEqual(12);
    expect(three).toBeLessThan(apart / 2);
  });
});

describe("verifyLeaves", () => {
  test.prop([treeAndIndex])("every leaf's path verifies", ([tree, i]) => {
    const verified = verifyLeaves(tree.root, [leafAt(tree, i)], tree.prove([i]));
    expect(verified.ok).toBe(true);
  });

  test.prop([stakes, fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })])(
    "range starts are draw's: the winner's proven range holds the ticket",
    (s, seed) => {
      const candidates = candidatesOf(s);
      const tree = CandidateTree.build(candidates);
      const result = draw(candidates, seed)!;
      const verified = verifyLeaves(
        tree.root,
        [leafAt(tree, result.winnerIndex)],
        tree.prove([result.winnerIndex]),
      );
      expect(verified).toEqual({
        ok: true,
        value: { rangeStarts: [result.rangeStart], total: result.total },
      });
    },
  );

  test.prop([treeAndIndex])("neighbours i-1, i, i+1 verify together with their range starts", ([tree, i]) => {
    const indices = [i - 1, i, i + 1].filter((j) => j >= 0 && j < tree.root.count);
    const verified = verifyLeaves(
      tree.root,
      indices.map((j) => leafAt(tree, j)),
      tree.prove(indices),
    );
    let start = 0n;
    const expected = tree.leaves.map((c) => {
      const here = start;
      start += c.stake;
      return here;
    });
    expect(verified).toEqual({
      ok: true,
      value: { rangeStarts: indices.map((j) => expected[j]!), total: tree.root.total },
    });
  });

  test.prop([treeAndIndex, fc.nat(), fc.nat({ max: 63 })])(
    "a changed sibling hash fails",
    ([tree, i], pick, bit) => {
      const siblings = tree.prove([i]);
      fc.pre(siblings.length > 0);
      const k = pick % siblings.length;
      const [hash, sum] = siblings[k]!;
      const flipped = (Number.parseInt(hash[bit >> 2]!, 16) ^ (1 << (bit & 3))).toString(16);
      const changed = `${hash.slice(0, bit >> 2)}${flipped}${hash.slice((bit >> 2) + 1)}`;
      const lie: WireSibling[] = siblings.map((s, j) => (j === k ? [changed, sum] : s));
      expect(verifyLeaves(tree.root, [leafAt(tree, i)], lie).ok).toBe(false);
    },
  );

  test.prop([treeAndIndex, fc.nat(), fc.bigInt({ min: -5n, max: 5n })])(
    "a changed sibling sum fails",
    ([tree, i], pick, delta) => {
      const siblings = tree.prove([i]);
      fc.pre(siblings.length > 0 && delta !== 0n);
      const k = pick % siblings.length;
      const [hash, sum] = siblings[k]!;
      const changed = BigInt(sum) + delta;
      fc.pre(changed >= 0n);
      const lie: WireSibling[] = siblings.map((s, j) => (j === k ? [hash, changed.toString()] : s));
      expect(verifyLeaves(tree.root, [leafAt(tree, i)], lie).ok).toBe(false);
    },
  );

  test.prop([treeAndIndex, fc.bigInt({ min: -5n, max: 5n })])("a changed stake fails", ([tree, i], delta) => {
    fc.pre(delta !== 0n && tree.leaves[i]!.stake + delta >= 0n);
    const leaf = leafAt(tree, i);
    expect(verifyLeaves(tree.root, [{ ...leaf, stake: leaf.stake + delta }], tree.prove([i])).ok).toBe(false);
  });

  test.prop([treeAndIndex, fc.integer({ min: -3, max: 3 })])(
    "a changed index fails (the place is bound)",
    ([tree, i], delta) => {
      fc.pre(delta !== 0);
      const leaf = leafAt(tree, i);
      expect(verifyLeaves(tree.root, [{ ...leaf, index: i + delta }], tree.prove([i])).ok).toBe(false);
    },
  );

  test.prop([treeAndIndex, fc.integer({ min: -3, max: 3 })])("a changed count fails", ([tree, i], delta) => {
    fc.pre(delta !== 0);
    const root = { ...tree.root, count: tree.root.count + delta };
    expect(verifyLeaves(root, [leafAt(tree, i)], tree.prove([i])).ok).toBe(false);
  });

  test.prop([treeAndIndex])("a changed total or root hash fails", ([tree, i]) => {
    const leaf = [leafAt(tree, i)];
    const path = tree.prove([i]);
    expect(verifyLeaves({ ...tree.root, total: tree.root.total + 1n }, leaf, path).ok).toBe(false);
    expect(verifyLeaves({ ...tree.root, hash: sha256Hex("another root") }, leaf, path).ok).toBe(false);
  });

  test.prop([treeAndIndex])("another validator at the leaf fails", ([tree, i]) => {
    const leaf = { ...leafAt(tree, i), validator: key(1_000_000) };
    expect(verifyLeaves(tree.root, [leaf], tree.prove([i])).ok).toBe(false);
  });

  it("says why: too few or too many siblings, unreadable ones, leaves out of order", () => {
    const tree = CandidateTree.build(candidatesOf([1n, 2n, 3n, 4n, 5n]));
    const path = tree.prove([2]);
    const leaf = leafAt(tree, 2);
    const issue = (r: ReturnType<typeof verifyLeaves>) => (r.ok ? null : r.error);
    expect(issue(verifyLeaves(tree.root, [leaf], path.slice(1)))).toMatch(/too few/);
    expect(issue(verifyLeaves(tree.root, [leaf], [...path, path[0]!]))).toMatch(/more siblings/);
    expect(issue(verifyLeaves(tree.root, [leaf], [["zz", "1"]]))).toMatch(/hex/);
    expect(issue(verifyLeaves(tree.root, [leaf], [[path[0]![0], "-1"]]))).toMatch(/decimal/);
    expect(issue(verifyLeaves(tree.root, [leafAt(tree, 3), leaf], tree.prove([2, 3])))).toMatch(/order/);
    expect(issue(verifyLeaves({ ...tree.root, count: 0 }, [leaf], path))).toMatch(/count/);
    expect(issue(verifyLeaves(tree.root, [], path))).toMatch(/leaves/);
  });
});
