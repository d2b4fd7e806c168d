import {
  type Block,
  commitFor,
  type KeyPair,
  LiveVerifier,
  type ServerMessage,
  sha256Hex,
  signBlock,
} from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { honestBlockPush, roundPush, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { describe, expect, it } from "vitest";
import { type DashboardState, dashboardReducer, initialDashboardState } from "./dashboard-state.js";
import { verifiedEvent } from "./verified-feed.js";

const alice = testKeys(1);
const bob = testKeys(2);
const chain = blocksInTurn(30, [alice, bob]);

/** A dashboard's state and the verifier its messages go through, as the hook wires them. */
function dashboard(limits = {}) {
  const verifier = new LiveVerifier({ blocks: 50 });
  let state = initialDashboardState(null, limits);
  const requests: unknown[] = [];
  const feed = (...messages: ServerMessage[]) => {
    for (const message of messages) {
      const fed = verifiedEvent(verifier, message);
      requests.push(...fed.requests);
      state = dashboardReducer(state, fed.event);
    }
    return state;
  };
  const act = (event: Parameters<typeof dashboardReducer>[1]) => {
    state = dashboardReducer(state, event);
    return state;
  };
  return { feed, act, requests, state: () => state };
}

const welcomeOn = (blocks: Block[], round: number) =>
  welcomePush({ you: validatorInfo(alice, "alice", "100"), blocks, validators: [], round });

/** Block `prev.Index + 1` by `keys` on top of `prev`, well made whatever `prev` is. */
const blockOn = (prev: Block, keys: KeyPair, bpm = 70): Block =>
  signBlock({ Index: prev.Index + 1, Timestamp: prev.Timestamp, BPM: bpm, PrevHash: prev.Hash }, keys);

const forged = (block: Block): Block => ({ ...block, BPM: block.BPM + 1 });

const checkOf = (state: DashboardState, index: number, id: string) =>
  state.chain.find((e) => e.block.Index === index)?.verdict.checks.find((c) => c.id === id);

describe("the verifier's verdicts in the dashboard state", () => {
  it("puts each verdict on its block's entry: an honest block verified, the welcome's waiting", () => {
    const { feed } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    const state = feed(honestBlockPush(chain[11]!, 11, null));
    expect(state.chain.at(-1)?.verdict).toMatchObject({
      index: 11,
      hash: chain[11]!.Hash,
      status: "verified",
    });
    expect(state.chain[5]?.verdict.status).toBe("pending");
    expect(checkOf(state, 5, "range")?.status).toBe("pending");
    expect(state.alarm).toBeNull();
    expect(state.autoHalt).toBeNull();
  });

  it("raises the alarm on a block changed after it was signed, naming the block and the check", () => {
    const { feed } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    const state = feed(honestBlockPush(forged(chain[11]!), 11, null));
    expect(checkOf(state, 11, "hash")?.status).toBe("failed");
    expect(state.alarm).toMatchObject({ index: 11, check: "hash", more: 0 });
    expect(state.autoHalt).toEqual({ index: 11, check: "hash" });
  });

  it("raises it on a commit and reveal replaced by another consistent pair", () => {
    const { feed } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    const push = honestBlockPush(chain[11]!, 11, null);
    const reveal = sha256Hex("a secret drawn after seeing the candidates");
    const state = feed({ ...push, lottery: { ...push.lottery, reveal, commit: commitFor(reveal) } });
    expect(state.alarm?.check).toBe("commit");
    expect(state.alarm?.message).toContain(commitFor(reveal).slice(0, 8));
  });

  it("raises it on history rewritten across a reconnect", () => {
    const { feed } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11), honestBlockPush(chain[11]!, 11, null));
    const rewritten = blocksInTurn(11, [bob, alice]);
    const state = feed(welcomeOn(rewritten, 12));
    expect(state.alarm).toMatchObject({ index: 1, check: "history" });
    expect(state.alarm?.message).toMatch(/^the server's history changed at block 1/);
  });

  it("counts later failures under the first alarm, and x dismisses it", () => {
    const { feed, act } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    const bad = forged(chain[11]!);
    feed(honestBlockPush(bad, 11, null), roundPush(12, bad));
    let state = feed(honestBlockPush(forged(blockOn(bad, bob)), 12, null));
    expect(state.alarm).toMatchObject({ index: 11, more: 1 });
    state = act({ type: "acknowledge" });
    expect(state.alarm).toBeNull();
    // The failed blocks keep their verdicts.
    expect(state.chain.slice(-2).map((e) => e.verdict.status)).toEqual(["failed", "failed"]);
  });

  it("auto stays stopped on a failed tip, even acknowledged; a good tip and x resume it", () => {
    const { feed, act } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    const bad = forged(chain[11]!);
    feed(honestBlockPush(bad, 11, null), roundPush(12, bad));
    expect(act({ type: "acknowledge" }).autoHalt).toEqual({ index: 11, check: "hash" });
    // A good block on top does not resume auto by itself...
    const good = blockOn(bad, alice);
    let state = feed(honestBlockPush(good, 12, null));
    expect(state.chain.at(-1)?.verdict.status).not.toBe("failed");
    expect(state.autoHalt).toEqual({ index: 11, check: "hash" });
    // ...acknowledging on a good tip does.
    state = act({ type: "acknowledge" });
    expect(state.autoHalt).toBeNull();
  });

  it("a reconnect resumes auto when the tip it lands on is good, not when it is still the failed block", () => {
    const bad = forged(chain[11]!);
    const after = (blocks: Block[]) => {
      const { feed } = dashboard();
      feed(welcomeOn(chain.slice(0, 11), 11), honestBlockPush(bad, 11, null));
      return feed(welcomeOn(blocks, 12)).autoHalt;
    };
    expect(after([...chain.slice(0, 11), bad])).toEqual({ index: 11, check: "hash" });
    expect(after([...chain.slice(0, 11), bad, blockOn(bad, bob)])).toBeNull();
  });

  it("keeps one verdict per block held, no more than the chain's window", () => {
    const { feed } = dashboard({ blocks: 5 });
    feed(welcomeOn(chain.slice(0, 3), 3));
    for (let index = 3; index <= 20; index++)
      feed(honestBlockPush(chain[index]!, index, null), roundPush(index + 1, chain[index]!));
    const state = feed();
    expect(state.chain.map((e) => e.verdict.index)).toEqual([16, 17, 18, 19, 20]);
    expect(state.chain.every((e) => e.verdict.hash === e.block.Hash && e.verdict.status === "verified")).toBe(
      true,
    );
    expect(state.alarm).toBeNull();
  });

  it("asks in the background for the proofs of the welcome's blocks, and their answers settle them", () => {
    const { feed, requests } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    expect(requests).toEqual([{ type: "proof", blockIndex: 10 }]);
  });

  it("an unknown round answers a proof request, not our candidate", () => {
    const { feed, act } = dashboard();
    feed(welcomeOn(chain.slice(0, 11), 11));
    act({ type: "submitted", round: 11, bpm: 70 });
    const state = feed({ type: "error", code: "UNKNOWN_ROUND", message: "round 3 produced no block" });
    expect(state.submission?.status).toBe("pending");
  });
});
