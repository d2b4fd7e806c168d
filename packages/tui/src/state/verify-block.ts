import {
  type Block,
  type BlockVerdict,
  blockShapeIssue,
  type CheckId,
  type CheckResult,
  commitFor,
  type DrawSummary,
  lotterySeed,
  sealIssue,
  shortHex,
  verdictStatus,
  verifyBlockSignature,
  windowIssue,
} from "@pos-tui/core";
import type { CheckedProof } from "./check-block.js";

/** What this client saw of a round when it opened: what a block of that round is checked against. */
export interface SeenRound {
  round: number;
  commit: string;
  opensAt: string | undefined;
  closesAt: string;
  /** Our stake as it counts in this round; null for a spectator. */
  myStake: string | null;
  /** The server accepted our candidate in this round. */
  accepted: boolean;
}

const ok = (id: CheckId, message: string): CheckResult => ({ id, status: "ok", message });
const failed = (id: CheckId, message: string): CheckResult => ({ id, status: "failed", message });
const pending = (id: CheckId, message: string): CheckResult => ({ id, status: "pending", message });

const verdictOf = (block: Block, checks: CheckResult[]): BlockVerdict => ({
  index: block.Index,
  hash: block.Hash,
  status: verdictStatus(checks),
  checks,
});

/**
 * The block's own checks: its hash over the fields, the Validator's signature, and (against the block
 * before it, when held here) its index, link and time, with the round's window when that round was seen.
 */
export function blockChecks(
  prev: Block | null,
  block: Block,
  window?: { opensAt: string | undefined; closesAt: string },
): CheckResult[] {
  const shape = blockShapeIssue(block);
  if (shape !== null) {
    const why = `the block is malformed: ${shape.message}`;
    return [failed("hash", why), failed("signature", why)];
  }
  const seal = sealIssue(block, { signature: false });
  const checks: CheckResult[] = [
    seal === null ? ok("hash", "sha256 over the block's fields is its Hash") : failed("hash", seal.message),
    block.Index === 0
      ? ok("signature", "the genesis block has no proposer and no signature")
      : verifyBlockSignature(block)
        ? ok("signature", "the Validator's key signed this Hash")
        : failed("signature", "the Signature is not the Validator's signature of this Hash"),
  ];
  if (block.Index === 0) return checks;
  if (prev === null) {
    const why = `block ${block.Index - 1} is not held here, so the link to it cannot be checked`;
    return [...checks, pending("index", why), pending("link", why), pending("time", why)];
  }
  checks.push(
    block.Index === prev.Index + 1
      ? ok("index", `one past block ${prev.Index}`)
      : failed("index", `block ${block.Index} follows block ${prev.Index}: it should be ${prev.Index + 1}`),
    block.PrevHash === prev.Hash
      ? ok("link", `PrevHash is block ${prev.Index}'s hash ${shortHex(prev.Hash)}`)
      : failed(
          "link",
          `PrevHash ${shortHex(block.PrevHash)} is not block ${prev.Index}'s hash ${shortHex(prev.Hash)}`,
        ),
    timeCheck(prev, block, window),
  );
  return checks;
}

function timeCheck(
  prev: Block,
  block: Block,
  window: { opensAt: string | undefined; closesAt: string } | undefined,
): CheckResult {
  if (Date.parse(block.Timestamp) < Date.parse(prev.Timestamp))
    return failed("time", `its Timestamp is earlier than block ${prev.Index}'s`);
  if (window === undefined) return ok("time", `not before block ${prev.Index}'s Timestamp`);
  const outside =
    window.opensAt === undefined
      ? Date.parse(block.Timestamp) > Date.parse(window.closesAt)
      : windowIssue(block.Timestamp, { opensAt: window.opensAt, closesAt: window.closesAt }) !== null;
  return outside
    ? failed(
        "time",
        `its Timestamp ${block.Timestamp} lies outside its round's window (${window.opensAt ?? "…"} to ${window.closesAt})`,
      )
    : ok("time", "inside its round's window, not before the block before it");
}

/**
 * A block pushed live, checked once on arrival: its own checks, the lottery's commit against the one
 * this client saw when the round opened, the reveal against the commit, and the ticket against the
 * seed. Whose range the ticket fell in needs the round's candidate list: pending until it arrives.
 */
export function liveVerdict(
  prev: Block | null,
  block: Block,
  lottery: DrawSummary,
  seen: SeenRound | undefined,
): BlockVerdict {
  const checks = blockChecks(prev, block, seen);
  const { round } = lottery;
  checks.push(
    seen === undefined
      ? pending(
          "commit",
          `round ${round} opened before this client connected: its commit was never seen here`,
        )
      : seen.commit === lottery.commit
        ? ok("commit", `the commit the server published when round ${round} opened`)
        : failed(
            "commit",
            `the server's reveal does not match the commit it published when round ${round} opened ` +
              `(it published ${shortHex(seen.commit)}, the block says ${shortHex(lottery.commit)})`,
          ),
    commitFor(lottery.reveal) === lottery.commit
      ? ok("reveal", "sha256(reveal) is the commit")
      : failed("reveal", `sha256 of the reveal is not the commit ${shortHex(lottery.commit)}`),
    ticketCheck(block, lottery),
    pending("range", "waiting for the round's candidate list"),
  );
  if (seen?.accepted === true)
    checks.push(
      pending("inclusion", `waiting for round ${round}'s candidate list, where your candidate must be`),
    );
  return verdictOf(block, checks);
}

function ticketCheck(block: Block, lottery: DrawSummary): CheckResult {
  const total = BigInt(lottery.total);
  if (total === 0n) return failed("ticket", "the total stake is 0: nobody could have won");
  const ticket = lotterySeed(lottery.reveal, block.PrevHash, lottery.round) % total;
  return ticket.toString() === lottery.ticket
    ? ok("ticket", `seed(reveal, PrevHash, round ${lottery.round}) mod ${lottery.total} is ${ticket}`)
    : failed(
        "ticket",
        `seed(reveal, PrevHash, round ${lottery.round}) mod ${lottery.total} is ${ticket}, not the ticket ${lottery.ticket} the server announced`,
      );
}

/** A block from a welcome, which came without its lottery: its own checks, the lottery pending. */
export function tailVerdict(prev: Block | null, block: Block): BlockVerdict {
  const checks = blockChecks(prev, block);
  if (block.Index > 0) {
    const why = "this block came before you connected: its lottery was not seen here";
    checks.push(
      pending("commit", why),
      pending("reveal", why),
      pending("ticket", why),
      pending("range", why),
    );
  }
  return verdictOf(block, checks);
}

/**
 * The verdict once the round's candidate list arrived: the draw re-run over it against the block held
 * here, and, when we were a candidate, that the list holds us with the stake we had in that round.
 */
export function withProof(
  verdict: BlockVerdict,
  proof: CheckedProof,
  seen: SeenRound | undefined,
  me: string | null,
): BlockVerdict {
  const { round } = proof.proof;
  const range = proof.check.ok
    ? ok(
        "range",
        `the draw over round ${round}'s ${proof.candidates.length} candidate(s) picks this block's validator`,
      )
    : failed("range", proof.check.message);
  let checks = replace(verdict.checks, range);
  if (seen?.accepted === true && me !== null) checks = replace(checks, inclusionCheck(proof, seen, me));
  return { ...verdict, status: verdictStatus(checks), checks };
}

function inclusionCheck(proof: CheckedProof, seen: SeenRound, me: string): CheckResult {
  const listed = proof.proof.candidates.find((c) => c.validator === me);
  if (listed === undefined)
    return failed(
      "inclusion",
      `the server accepted your candidate in round ${seen.round}, then left it out of the draw`,
    );
  if (seen.myStake !== null && listed.stake !== seen.myStake)
    return failed(
      "inclusion",
      `the draw counts your stake as ${listed.stake}, but it was ${seen.myStake} in round ${seen.round}`,
    );
  return ok("inclusion", `your candidate is in the draw with stake ${listed.stake}`);
}

/** The verdict with its `history` check failed: the server showed another block at this height before. */
export function withHistoryBroken(verdict: BlockVerdict, message: string): BlockVerdict {
  const checks = replace(verdict.checks, failed("history", message));
  return { ...verdict, status: "failed", checks };
}

/** The checks with `check` in place of the one of the same id, or added at the end. */
export function replace(checks: readonly CheckResult[], check: CheckResult): CheckResult[] {
  const at = checks.findIndex((c) => c.id === check.id);
  if (at === -1) return [...checks, check];
  return checks.map((c, i) => (i === at ? check : c));
}
