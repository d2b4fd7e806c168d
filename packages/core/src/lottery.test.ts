import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.js";
import { sha256Hex } from "./hash.js";
import {
  type Candidate,
  commitFor,
  type DrawInput,
  type DrawResult,
  draw,
  lotterySeed,
  sortCandidates,
  verifyDraw,
} from "./lottery.js";

const key = (n: number) => sha256Hex(`validator ${n}`);
const SECRET = sha256Hex("round secret");
const PREV = sha256Hex("tip");

describe("commitFor", () => {
  it("is sha256 of the secret's bytes (not of its hex text)", () => {
    expect(commitFor("00".repeat(32))).toBe(
      "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925",
    );
    expect(commitFor(SECRET)).not.toBe(sha256Hex(SECRET));
  });

  test.prop([fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{64}$/)])(
    "binds the secret: different secrets, different commits",
    (a, b) => {
      fc.pre(a !== b);
      expect(commitFor(a)).not.toBe(commitFor(b));
    },
  );
});

describe("lotterySeed", () => {
  it("is sha256 of reveal|prevHash|round as a 256-bit number", () => {
    expect(lotterySeed(SECRET, PREV, 7)).toBe(BigInt(`0x${sha256Hex(`${SECRET}|${PREV}|7`)}`));
  });

  it("depends on each of its inputs", () => {
    const seed = lotterySeed(SECRET, PREV, 7);
    expect(lotterySeed("22".repeat(32), PREV, 7)).not.toBe(seed);
    expect(lotterySeed(SECRET, sha256Hex("other tip"), 7)).not.toBe(seed);
    expect(lotterySeed(SECRET, PREV, 8)).not.toBe(seed);
    expect(lotterySeed(SECRET, PREV, 7)).toBe(seed);
  });

  test.prop([fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{64}$/), fc.nat()])(
    "lies in [0, 2^256)",
    (reveal, prev, round) => {
      const seed = lotterySeed(reveal, prev, round);
      expect(seed >= 0n && seed < 2n ** 256n).toBe(true);
    },
  );
});

describe("draw", () => {
  // Sorted: "a" owns [0, 2), "b" owns [2, 5).
  const two: Candidate[] = [
    { validator: "b", stake: 3n },
    { validator: "a", stake: 2n },
  ];

  it("gives each candidate, sorted by validator, a range as wide as its stake", () => {
    expect(draw(two, 0n)).toEqual({
      winner: "a",
      winnerIndex: 0,
      ticket: 0n,
      total: 5n,
      rangeStart: 0n,
      rangeEnd: 2n,
    });
    expect(draw(two, 1n)?.winner).toBe("a");
    expect(draw(two, 2n)).toEqual({
      winner: "b",
      winnerIndex: 1,
      ticket: 2n,
      total: 5n,
      rangeStart: 2n,
      rangeEnd: 5n,
    });
    expect(draw(two, 4n)?.winner).toBe("b");
    expect(draw(two, 5n)).toMatchObject({ winner: "a", ticket: 0n });
    expect(draw(two, 2n ** 256n - 1n)?.ticket).toBe((2n ** 256n - 1n) % 5n);
  });

  it("returns null when nobody can win", () => {
    expect(draw([], 123n)).toBeNull();
    expect(
      draw(
        [
          { validator: "a", stake: 0n },
          { validator: "b", stake: -5n },
        ],
        123n,
      ),
    ).toBeNull();
  });

  it("never lets a zero or negative stake win, wherever it sits", () => {
    const candidates: Candidate[] = [
      { validator: "a", stake: 0n },
      { validator: "b", stake: 1n },
      { validator: "c", stake: -10n },
      { validator: "d", stake: 0n },
      { validator: "e", stake: 1n },
      { validator: "f", stake: 0n },
    ];
    for (let seed = 0n; seed < 10n; seed++) expect(["b", "e"]).toContain(draw(candidates, seed)?.winner);
  });

  it("handles stakes far beyond 10^18 without building anything per token", () => {
    const huge: Candidate[] = [
      { validator: "a", stake: 10n ** 30n },
      { validator: "b", stake: 1n },
    ];
    expect(draw(huge, 10n ** 30n)).toMatchObject({
      winner: "b",
      rangeStart: 10n ** 30n,
      rangeEnd: 10n ** 30n + 1n,
    });
  });

  it("does not modify its input", () => {
    const input = [...two];
    draw(input, 3n);
    expect(input).toEqual(two);
    expect(sortCandidates(input).map((c) => c.validator)).toEqual(["a", "b"]);
  });
});

// Unique validators: a round holds at most one candidate per validator.
const candidatesArb = fc.uniqueArray(
  fc.record({
    validator: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()),
    stake: fc.oneof(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.bigInt({ min: 1n, max: 10n }),
      fc.constantFrom(0n, -1n, 1n, 10n ** 18n, 10n ** 18n + 1n, 2n ** 256n),
    ),
  }),
  { selector: (c) => c.validator, maxLength: 40 },
);
const seedArb = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.bigInt(), fc.constantFrom(0n, -1n));

function checkResult(candidates: readonly Candidate[], result: DrawResult | null): void {
  const total = candidates.reduce((sum, c) => (c.stake > 0n ? sum + c.stake : sum), 0n);
  if (total === 0n) {
    expect(result).toBeNull();
    return;
  }
  expect(result).not.toBeNull();
  const r = result!;
  expect(candidates.map((c) => c.validator)).toContain(r.winner);
  const winner = candidates.find((c) => c.validator === r.winner)!;
  expect(r.total).toBe(total);
  expect(r.ticket >= r.rangeStart && r.ticket < r.rangeEnd).toBe(true);
  expect(r.rangeEnd - r.rangeStart).toBe(winner.stake);
  expect(r.rangeStart >= 0n && r.rangeEnd <= total).toBe(true);
  expect(sortCandidates(candidates)[r.winnerIndex]!.validator).toBe(r.winner);
}

describe("draw properties", () => {
  test.prop([candidatesArb, seedArb])("never throws, and its result is consistent", (candidates, seed) => {
    checkResult(candidates, draw(candidates, seed));
  });

  test.prop([
    candidatesArb.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray(c, { minLength: c.length }))),
    seedArb,
  ])("does not depend on the order of the candidates", ([candidates, shuffled], seed) => {
    expect(draw(shuffled, seed)).toEqual(draw(candidates, seed));
  });

  test.prop([candidatesArb, seedArb])(
    "the ticket is seed mod total, for any seed sign",
    (candidates, seed) => {
      const result = draw(candidates, seed);
      if (result) expect(result.ticket).toBe((seed < 0n ? -seed : seed) % result.total);
    },
  );
});

describe("verifyDraw", () => {
  const candidates: Candidate[] = [1, 2, 3, 4].map((n) => ({ validator: key(n), stake: BigInt(n * 10) }));
  const proof: DrawInput = {
    round: 3,
    commit: commitFor(SECRET),
    reveal: SECRET,
    prevHash: PREV,
    candidates,
  };
  const honest = draw(candidates, lotterySeed(SECRET, PREV, 3))!;

  it("refuses a candidate list that names a validator twice", () => {
    const doubled = { ...proof, candidates: [...candidates, { validator: key(1), stake: 1000n }] };
    const result = verifyDraw(doubled, honest.winner);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/more than once/);
  });

  it("confirms an honest result", () => {
    expect(verifyDraw(proof, honest.winner)).toEqual({ ok: true, value: honest });
  });

  function refusal(result: ReturnType<typeof verifyDraw>) {
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error("unreachable");
    expect(result.error.code).toBe(ErrorCode.BadLottery);
    return result.error.message;
  }

  it("rejects a reveal that does not match the commit", () => {
    expect(refusal(verifyDraw({ ...proof, reveal: "22".repeat(32) }, honest.winner))).toMatch(/commit/);
    expect(refusal(verifyDraw({ ...proof, commit: commitFor("22".repeat(32)) }, honest.winner))).toMatch(
      /commit/,
    );
  });

  it("rejects a reveal that is not 32 bytes of hex", () => {
    for (const reveal of ["", "11", SECRET.toUpperCase(), `${SECRET}00`, "zz".repeat(32)]) {
      expect(refusal(verifyDraw({ ...proof, reveal }, honest.winner)), reveal).toMatch(/32 bytes/);
    }
  });

  it("rejects a wrong winner, naming both", () => {
    const wrong = candidates.find((c) => c.validator !== honest.winner)!.validator;
    const message = refusal(verifyDraw(proof, wrong));
    expect(message).toContain(honest.winner.slice(0, 8));
    expect(message).toContain(wrong.slice(0, 8));
  });

  it("rejects a result claimed for another round or tip (the winner would usually change)", () => {
    // Find a round whose draw names someone else, then claim the honest winner for it.
    let round = 4;
    while (draw(candidates, lotterySeed(SECRET, PREV, round))!.winner === honest.winner) round++;
    refusal(verifyDraw({ ...proof, round }, honest.winner));
  });

  it("rejects a round with no stake", () => {
    expect(refusal(verifyDraw({ ...proof, candidates: [] }, honest.winner))).toMatch(/no candidate/);
  });
});

describe("sortCandidates fast path", () => {
  // Keys that often share their first 8 hex characters exercise the prefix fix-up; duplicates check
  // that equal keys keep their input order, exactly like a stable string sort.
  const prefixes = ["00000000", "ffffffff", "8000000a", "8000000b"];
  const keyArb = fc
    .tuple(fc.constantFrom(...prefixes), fc.stringMatching(/^[0-9a-f]{56}$/), fc.boolean())
    .chain(([prefix, rest, shared]) =>
      shared ? fc.constant(prefix + rest) : fc.stringMatching(/^[0-9a-f]{64}$/),
    );
  test.prop([
    fc.array(fc.record({ validator: keyArb, stake: fc.bigInt({ min: 0n, max: 100n }) }), { maxLength: 60 }),
  ])("orders real keys exactly as a stable byte-wise string sort does", (candidates) => {
    const expected = candidates
      .map((c, i) => ({ c, i }))
      .sort((a, b) => (a.c.validator < b.c.validator ? -1 : a.c.validator > b.c.validator ? 1 : a.i - b.i))
      .map((e) => e.c);
    expect(sortCandidates(candidates)).toEqual(expected);
  });
});
