import { type Block, blockHash, commitFor, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { honestLottery, roundSecret } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { blockChecks, liveVerdict, type SeenRound } from "./verify-block.js";

const chain = blocksInTurn(4, [testKeys(1), testKeys(2)]);
const seen = (overrides: Partial<SeenRound> = {}): SeenRound => ({
  round: 4,
  commit: roundSecret(4).commit,
  opensAt: undefined,
  closesAt: "2026-01-01T12:00:10.000Z",
  myStake: null,
  accepted: false,
  ...overrides,
});
const find = (checks: { id: string }[], id: string) => checks.find((c) => c.id === id);

describe("the checks of one block", () => {
  it("passes every check an honest block can pass before its candidate list arrives", () => {
    const verdict = liveVerdict(chain[3]!, chain[4]!, honestLottery(chain[4]!, 4), seen());
    expect(verdict.checks.map((c) => [c.id, c.status])).toEqual([
      ["hash", "ok"],
      ["signature", "ok"],
      ["index", "ok"],
      ["link", "ok"],
      ["time", "ok"],
      ["commit", "ok"],
      ["reveal", "ok"],
      ["ticket", "ok"],
      ["range", "pending"],
    ]);
    expect(verdict).toMatchObject({ index: 4, hash: chain[4]!.Hash, status: "pending" });
  });

  it("signature: a block altered and re-hashed after it was signed", () => {
    const fields = { ...chain[4]!, BPM: 120 };
    const forged: Block = { ...fields, Hash: blockHash(fields) };
    const checks = blockChecks(chain[3]!, forged);
    expect(find(checks, "hash")).toMatchObject({ status: "ok" });
    expect(find(checks, "signature")).toEqual({
      id: "signature",
      status: "failed",
      message: "the Signature is not the Validator's signature of this Hash",
    });
  });

  it("time: a Timestamp before the block before it, or outside its round's window", () => {
    const before = { ...chain[3]!, Timestamp: "2030-01-01T00:00:00.000Z" };
    expect(find(blockChecks(before, chain[4]!), "time")).toMatchObject({
      status: "failed",
      message: "its Timestamp is earlier than block 3's",
    });
    const window = { opensAt: "2026-01-01T12:00:00.000Z", closesAt: "2026-01-01T12:00:10.000Z" };
    expect(find(blockChecks(chain[3]!, chain[4]!, window), "time")).toEqual({
      id: "time",
      status: "failed",
      message: `its Timestamp ${chain[4]!.Timestamp} lies outside its round's window (2026-01-01T12:00:00.000Z to 2026-01-01T12:00:10.000Z)`,
    });
  });

  it("reveal: a reveal that does not hash to the commit", () => {
    const lottery = { ...honestLottery(chain[4]!, 4), reveal: sha256Hex("another secret") };
    const verdict = liveVerdict(chain[3]!, chain[4]!, lottery, seen());
    expect(find(verdict.checks, "reveal")).toMatchObject({ status: "failed" });
    expect(verdict.status).toBe("failed");
  });

  it("commit: pending when the round opened before this client connected, never a tick", () => {
    const reveal = sha256Hex("x");
    const lottery = { ...honestLottery(chain[4]!, 4), reveal, commit: commitFor(reveal) };
    expect(find(liveVerdict(chain[3]!, chain[4]!, lottery, undefined).checks, "commit")).toEqual({
      id: "commit",
      status: "pending",
      message: "round 4 opened before this client connected: its commit was never seen here",
    });
  });

  it("index and link wait when the block before is not held, and genesis needs neither", () => {
    const checks = blockChecks(null, chain[4]!);
    expect(checks.filter((c) => c.status === "pending").map((c) => c.id)).toEqual(["index", "link", "time"]);
    expect(blockChecks(null, chain[0]!).map((c) => [c.id, c.status])).toEqual([
      ["hash", "ok"],
      ["signature", "ok"],
    ]);
  });

  it("reports a malformed block instead of throwing", () => {
    const checks = blockChecks(chain[3]!, { ...chain[4]!, BPM: 1000 });
    expect(checks.map((c) => c.status)).toEqual(["failed", "failed"]);
    expect(checks[0]!.message).toMatch(/^the block is malformed: BPM/);
  });
});
