import { type BlockRecord, ErrorCode } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { proofMessageOf } from "@pos-tui/testkit/proof-message";
import { describe, expect, it } from "vitest";
import { type AuditAnswer, type AuditLink, type AuditRequest, auditChain } from "./chain-audit.js";

interface FakeServer extends AuditLink {
  requests: AuditRequest[];
  /** The most requests ever sent and not yet answered. */
  maxInFlight: number;
}

/**
 * Answers as pos-server does, from records, in order: `chain` pages by `before`, `proof` by round
 * (UNKNOWN_ROUND for a round without a block). `lie` may rewrite any answer on its way.
 */
function fakeServer(
  records: readonly BlockRecord[],
  lie?: (answer: AuditAnswer, asked: AuditRequest) => AuditAnswer,
): FakeServer {
  const byRound = new Map(records.filter((r) => r.proof).map((r) => [r.proof!.round, r]));
  const queue: [AuditRequest, AuditAnswer][] = [];
  const server: FakeServer = {
    requests: [],
    maxInFlight: 0,
    send(request) {
      server.requests.push(request);
      let answer: AuditAnswer;
      if (request.type === "chain") {
        const end = Math.min(request.before ?? records.length, records.length);
        const start = Math.max(0, end - (request.limit ?? 100));
        answer = { type: "chain", blocks: records.slice(start, end).map((r) => structuredClone(r.block)) };
      } else {
        const record = byRound.get(request.round ?? -1);
        answer = record
          ? proofMessageOf(record)
          : {
              type: "error",
              code: ErrorCode.UnknownRound,
              message: `round ${request.round} produced no block`,
            };
      }
      queue.push([request, answer]);
      server.maxInFlight = Math.max(server.maxInFlight, queue.length);
    },
    async next() {
      const entry = queue.shift();
      if (entry === undefined) throw new Error("the audit waited for an answer to no request");
      return lie ? lie(entry[1], entry[0]) : entry[1];
    },
  };
  return server;
}

const targetOf = (records: readonly BlockRecord[], extraRounds = 3) => {
  const tip = records.at(-1)!;
  return {
    tip: { index: tip.block.Index, hash: tip.block.Hash },
    openRound: (tip.proof?.round ?? 0) + extraRounds,
  };
};

const chain = buildChain(40);
const candidates = chain.reduce((sum, r) => sum + (r.proof?.candidates.length ?? 0), 0);

describe("auditChain", () => {
  it("passes an honest chain, pairing each block with its round's proof across empty rounds", async () => {
    const server = fakeServer(chain);
    const seen: number[] = [];
    const result = await auditChain(server, targetOf(chain), {
      pageSize: 7,
      onBlock: (counts) => seen.push(counts.blocks),
    });
    const lastRound = chain.at(-1)!.proof!.round;
    expect(result).toEqual({
      blocks: 41,
      candidates,
      rounds: lastRound,
      emptyRounds: lastRound - 40,
      failure: null,
    });
    expect(result.emptyRounds).toBeGreaterThan(0);
    expect(seen).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    // Every page asked once, in order, oldest first.
    const pages = server.requests.filter((r) => r.type === "chain");
    expect(pages.map((r) => r.before)).toEqual([7, 14, 21, 28, 35, 41]);
    expect(pages.at(-1)!.limit).toBe(6);
    // Pipelined: many requests in flight at once, and no round past the tip's was needed.
    expect(server.maxInFlight).toBeGreaterThan(5);
    const rounds = server.requests.flatMap((r) => (r.type === "proof" ? [r.round ?? -1] : []));
    expect(rounds).toEqual(Array.from({ length: rounds.length }, (_, i) => i + 1));
    expect(Math.max(...rounds)).toBeLessThan(lastRound + 33);
  });

  it("a chain of genesis alone asks for no proof", async () => {
    const genesisOnly = chain.slice(0, 1);
    const server = fakeServer(genesisOnly);
    const result = await auditChain(server, targetOf(genesisOnly));
    expect(result).toMatchObject({ blocks: 1, candidates: 0, failure: null });
    expect(server.requests).toEqual([{ type: "chain", limit: 1, before: 1 }]);
  });

  it("names the block whose BPM a page changed, and the hash check", async () => {
    const server = fakeServer(chain, (answer) => {
      if (answer.type === "chain") for (const b of answer.blocks) if (b.Index === 23) b.BPM += 1;
      return answer;
    });
    const result = await auditChain(server, targetOf(chain), { pageSize: 10 });
    expect(result.failure).toMatchObject({ index: 23, check: "hash" });
    expect(result.blocks).toBe(23);
  });

  it("a block whose round the server will not prove has no proof", async () => {
    const hidden = chain[12]!.proof!.round;
    const server = fakeServer(chain, (answer, asked) =>
      asked.type === "proof" && asked.round === hidden
        ? { type: "error", code: ErrorCode.UnknownRound, message: "no block" }
        : answer,
    );
    const result = await auditChain(server, targetOf(chain));
    expect(result.failure).toMatchObject({ index: 12, check: "range" });
    expect(result.failure!.message).toMatch(
      /no round produced block 12: round \d+, the next round with a block, produced block 13/,
    );
  });

  it("the tip's proof withheld: no round before the open one proves it", async () => {
    const hidden = chain.at(-1)!.proof!.round;
    const server = fakeServer(chain, (answer, asked) =>
      asked.type === "proof" && asked.round === hidden
        ? { type: "error", code: ErrorCode.UnknownRound, message: "no block" }
        : answer,
    );
    const result = await auditChain(server, targetOf(chain));
    expect(result.failure).toMatchObject({ index: 40, check: "range" });
    expect(result.failure!.message).toContain("the server has no lottery proof of it");
  });

  it("history: fewer blocks than the announced tip, or another tip", async () => {
    const shrunk = fakeServer(chain.slice(0, 30));
    const short = await auditChain(shrunk, targetOf(chain), { pageSize: 20 });
    // pos-server answers `before` past its tip with its last blocks: the page starts too early.
    expect(short.failure).toMatchObject({ index: 20, check: "history" });
    expect(short.failure!.message).toContain("asked for blocks 20..39, the server sent blocks from 10");
    const cut = fakeServer(chain, (answer) =>
      answer.type === "chain" ? { ...answer, blocks: answer.blocks.filter((b) => b.Index < 33) } : answer,
    );
    const ends = await auditChain(cut, targetOf(chain), { pageSize: 20 });
    expect(ends.failure).toMatchObject({ index: 33, check: "history" });
    expect(ends.failure!.message).toContain("sent 13 blocks for 20..39");
    const other = await auditChain(fakeServer(chain), {
      ...targetOf(chain),
      tip: { index: 40, hash: "ab".repeat(32) },
    });
    expect(other.failure).toMatchObject({ index: 40, check: "history" });
  });

  it("an error instead of a page or a proof stops the audit, the server's text cleaned", async () => {
    const page = await auditChain(
      fakeServer(chain, (answer) =>
        answer.type === "chain" ? { type: "error", code: "BUSY", message: "go \x1b[31maway\x07" } : answer,
      ),
      targetOf(chain),
    );
    expect(page.failure).toMatchObject({ index: 0, check: "history" });
    expect(page.failure!.message).not.toMatch(/[\x00-\x1f]/);
    expect(page.failure!.message).toContain("BUSY");
    const proof = await auditChain(
      fakeServer(chain, (answer) =>
        answer.type === "proof" ? { ...answer, round: answer.round + 1 } : answer,
      ),
      targetOf(chain),
    );
    expect(proof.failure).toMatchObject({ check: "range" });
    expect(proof.failure!.message).toMatch(
      /asked for round \d+'s proof, the server answered the proof of round/,
    );
  });

  it("big proofs: no more in flight than the budget allows", async () => {
    // 100 candidates make a proof of ~10 KB (by the audit's estimate): a 30 KB budget holds two.
    const rounds = buildChain(6, { keys: fixtureKeys(100, "crowd"), candidatesPerRound: 100 });
    const server = fakeServer(rounds);
    const result = await auditChain(server, targetOf(rounds, 1), { proofBudget: 30_000 });
    expect(result).toMatchObject({ blocks: 7, candidates: 600, failure: null });
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
  });

  it("holds a bounded window however long the chain", async () => {
    const long = buildChain(3000, { candidatesPerRound: 1 });
    const server = fakeServer(long);
    const result = await auditChain(server, targetOf(long), { pageSize: 1000 });
    expect(result).toMatchObject({ blocks: 3001, failure: null });
    // One page and 32 proofs at most are asked ahead of what was checked.
    expect(server.maxInFlight).toBeLessThanOrEqual(33);
  });
});
