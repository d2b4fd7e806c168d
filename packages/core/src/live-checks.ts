import { type Block, shortHex } from "./block.js";
import { CandidateTree, verifyLeaves } from "./candidate-tree.js";
import {
  blockShapeIssue,
  hashIssue,
  indexIssue,
  prevHashIssue,
  signatureIssue,
  timeOrderIssue,
} from "./chain.js";
import { isHex } from "./hex.js";
import { type Candidate, commitFor, draw, lotterySeed } from "./lottery.js";
import type { DrawSummary, InclusionMessage, ProofMessage } from "./protocol.js";
import type { BlockProof } from "./record.js";
import { checkDraw } from "./record-check.js";
import { type RoundWindow, windowIssue } from "./round-window.js";
import { roundRobinOutcome } from "./rule-proof.js";
import type { CheckId, CheckResult } from "./verdict.js";

/**
 * The checks of one block as pure functions, each returning named results: the LiveVerifier decides
 * which apply to what its client saw. Every rule lives in chain.ts, lottery.ts, candidate-tree.ts or
 * record-check.ts; these only name what they found.
 */

export const okCheck = (id: CheckId, message: string): CheckResult => ({ id, status: "ok", message });
export const failedCheck = (id: CheckId, message: string): CheckResult => ({ id, status: "failed", message });
export const pendingCheck = (id: CheckId, message: string): CheckResult => ({
  id,
  status: "pending",
  message,
});

/** What a block's own fields show, and its link to the block before when this client holds it. */
export function blockChecks(
  prev: Block | null,
  block: Block,
  window: Required<RoundWindow> | null,
  expectedIndex: number | null,
): CheckResult[] {
  const shape = blockShapeIssue(block);
  if (shape) return [failedCheck("hash", `the block is malformed: ${shape.message}`)];
  const hash = hashIssue(block);
  const results: CheckResult[] = [
    hash ? failedCheck("hash", hash.message) : okCheck("hash", "Hash is sha256 over the block's fields"),
  ];
  if (block.Index > 0) {
    const signature = signatureIssue(block);
    results.push(
      signature
        ? failedCheck("signature", signature.message)
        : okCheck("signature", `signed by ${shortHex(block.Validator)}, the block's Validator`),
    );
  }
  if (prev !== null) {
    const index = indexIssue(prev, block);
    results.push(
      index ? failedCheck("index", index.message) : okCheck("index", `one past block ${prev.Index}`),
    );
    const link = prevHashIssue(prev, block);
    results.push(
      link ? failedCheck("link", link.message) : okCheck("link", `PrevHash is block ${prev.Index}'s hash`),
    );
  } else if (expectedIndex !== null && block.Index !== expectedIndex) {
    results.push(
      failedCheck(
        "index",
        `Index must be ${expectedIndex}: block ${expectedIndex} never reached this client`,
      ),
    );
  }
  const order = prev === null ? null : timeOrderIssue(prev, block);
  const outside = window === null ? null : windowIssue(block.Timestamp, window);
  if (order || outside) results.push(failedCheck("time", (order ?? outside)!.message));
  else if (prev !== null || window !== null)
    results.push(
      okCheck(
        "time",
        [prev ? "not before the block before it" : "", window ? "inside its round's window" : ""]
          .filter(Boolean)
          .join(", "),
      ),
    );
  return results;
}

/** The round's commit against the one this client was shown; null when it was shown none. */
export function commitCheck(
  claimed: string,
  seen: { commit: string; atOpening: boolean } | undefined,
  round: number,
): CheckResult {
  if (seen === undefined)
    return failedCheck(
      "commit",
      `round ${round} was never announced to this client, so it has no commit to hold it to`,
    );
  const where = seen.atOpening
    ? `the round push of round ${round}`
    : `the welcome (this client joined after round ${round} opened)`;
  return claimed === seen.commit
    ? okCheck("commit", `the commit is the one ${where} published`)
    : failedCheck(
        "commit",
        `the lottery's commit ${shortHex(claimed)} is not ${shortHex(seen.commit)}, the one ${where} published`,
      );
}

export function revealCheck(reveal: string, commit: string): CheckResult {
  return isHex(reveal, 32) && commitFor(reveal) === commit
    ? okCheck("reveal", "sha256(reveal) is the commit")
    : failedCheck("reveal", `sha256 of the revealed secret is not the commit ${shortHex(commit)}`);
}

/** What a block push's lottery figures and winner path prove; `knownStake` is what the pushes said. */
export function lotteryChecks(
  block: Block,
  lottery: DrawSummary,
  knownStake: bigint | undefined,
): { ticket: CheckResult; range: CheckResult } {
  const total = BigInt(lottery.root?.total ?? lottery.total);
  if (total === 0n)
    return {
      ticket: failedCheck("ticket", "the round's total stake is 0: no ticket can be drawn"),
      range: failedCheck("range", "the round's total stake is 0"),
    };
  // The round robin draws no ticket: its winner is the highest priority in a table the proof carries.
  if (lottery.rule === "round-robin")
    return {
      ticket: pendingCheck(
        "ticket",
        `round robin: the winner must hold round ${lottery.round}'s highest priority; waiting for the round's table`,
      ),
      range: rangeCheck(block, lottery, null, knownStake),
    };
  const ticket = lotterySeed(lottery.reveal, block.PrevHash, lottery.round) % total;
  const ticketCheck =
    lottery.ticket === ticket.toString()
      ? okCheck("ticket", `ticket ${ticket} = seed(reveal, prevHash, round ${lottery.round}) mod ${total}`)
      : failedCheck("ticket", `the block says ticket ${lottery.ticket}, but seed mod ${total} is ${ticket}`);
  return { ticket: ticketCheck, range: rangeCheck(block, lottery, ticket, knownStake) };
}

/** `ticket` null: the rule draws none (the round robin), so only the winner's place is proven. */
function rangeCheck(
  block: Block,
  lottery: DrawSummary,
  /** Null under the round robin, whose figures draw no ticket from the ranges. */
  ticket: bigint | null,
  knownStake: bigint | undefined,
): CheckResult {
  const { root, winner } = lottery;
  if (root === undefined || winner === undefined)
    return pendingCheck("range", "the server sent no candidate tree: waiting for the round's full proof");
  const stake = BigInt(winner.stake);
  const proven = verifyLeaves(
    { hash: root.hash, total: BigInt(root.total), count: root.count },
    [{ index: winner.index, validator: block.Validator, stake }],
    winner.siblings,
  );
  if (!proven.ok) return failedCheck("range", `the winner's path fails: ${proven.error}`);
  const start = proven.value.rangeStarts[0]!;
  const end = start + stake;
  if (lottery.total !== root.total || lottery.candidates !== root.count)
    return failedCheck(
      "range",
      `the block announces ${lottery.candidates} candidates and a total of ${lottery.total}, its tree ${root.count} and ${root.total}`,
    );
  if (lottery.rangeStart !== start.toString() || lottery.rangeEnd !== end.toString())
    return failedCheck(
      "range",
      `the block announces the range ${lottery.rangeStart}..${lottery.rangeEnd}, the committed list puts the winner at ${start}..${end}`,
    );
  // Before the ticket: a shrunk stake moves every range, and is the lie to name.
  if (knownStake !== undefined && knownStake !== stake)
    return failedCheck(
      "range",
      `the winner's leaf says stake ${stake}, but it staked ${knownStake} in round ${lottery.round}`,
    );
  if (ticket === null)
    return okCheck(
      "range",
      `the winner's share ${start}..${end} is proven against the list of ${root.count} candidates` +
        (knownStake === undefined ? "" : `, with the stake it held (${stake})`),
    );
  if (ticket < start || ticket >= end)
    return failedCheck("range", `ticket ${ticket} is outside the winner's range ${start}..${end}`);
  return okCheck(
    "range",
    `the winner's range ${start}..${end}${ticket === null ? " is its share" : " holds the ticket"}; its place is proven against the list of ${root.count} candidates` +
      (knownStake === undefined ? "" : `, with the stake it held (${stake})`),
  );
}

/** This client's own inclusion proof against the block's root. */
export function inclusionCheck(
  message: InclusionMessage,
  lottery: DrawSummary,
  me: string,
  myStake: bigint | undefined,
): CheckResult {
  const { root } = lottery;
  const round = message.round;
  if (root === undefined)
    return failedCheck(
      "inclusion",
      `block ${message.blockIndex} committed to no candidate list to be included in`,
    );
  const { index, left, right } = message;
  const atStart = index === 0;
  const atEnd = index === root.count - 1;
  if (atStart !== (left === null) || atEnd !== (right === null))
    return failedCheck("inclusion", `the proof's neighbours do not fit place ${index} of ${root.count}`);
  const stake = BigInt(message.stake);
  const leaves = [
    ...(left ? [{ index: index - 1, validator: left.validator, stake: BigInt(left.stake) }] : []),
    { index, validator: me, stake },
    ...(right ? [{ index: index + 1, validator: right.validator, stake: BigInt(right.stake) }] : []),
  ];
  const proven = verifyLeaves(
    { hash: root.hash, total: BigInt(root.total), count: root.count },
    leaves,
    message.siblings,
  );
  if (!proven.ok) return failedCheck("inclusion", `this client's inclusion proof fails: ${proven.error}`);
  if ((left && !(left.validator < me)) || (right && !(me < right.validator)))
    return failedCheck(
      "inclusion",
      `the list is out of order next to this client (place ${index}): the server reordered the candidates`,
    );
  if (myStake !== undefined && stake !== myStake)
    return failedCheck(
      "inclusion",
      `this client staked ${myStake} in round ${round}, but its leaf says ${stake}: the server shrank or changed it`,
    );
  return okCheck(
    "inclusion",
    `this client is candidate ${index + 1} of ${root.count} with stake ${stake}, between sorted neighbours`,
  );
}

/** A round's full proof against the block this client holds (and the figures its push announced). */
export function proofChecks(
  block: Block,
  proof: ProofMessage,
  lottery: DrawSummary | null,
): { range: CheckResult; root: string } {
  const candidates = proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) }));
  const root = candidates.length > 0 ? CandidateTree.build(candidates).root : null;
  const rootHash = root?.hash ?? "";
  const fail = (message: string) => ({ range: failedCheck("range", message), root: rootHash });
  if (proof.winner !== block.Validator || proof.prevHash !== block.PrevHash)
    return fail(`the proof of block ${proof.blockIndex} is not about the block this client holds`);
  if (root === null) return fail(`the proof of block ${proof.blockIndex} lists no candidates`);
  if (proof.root !== undefined && proof.root.hash !== root.hash)
    return fail("the proof's root is not the root of its own candidate list");
  if (lottery !== null) {
    if ((lottery.rule ?? "lottery") !== (proof.rule ?? "lottery"))
      return fail(
        `the block was announced as chosen by ${lottery.rule ?? "lottery"}, but its proof says ${proof.rule ?? "lottery"}`,
      );
    if (lottery.commit !== proof.commit || lottery.reveal !== proof.reveal)
      return fail("the proof's commit and reveal are not the ones the block push carried");
    if (lottery.root !== undefined && lottery.root.hash !== root.hash)
      return fail("the round's full candidate list is not the list the block committed to (another root)");
  }
  const figures = lottery ?? replayedFigures(proof, candidates, block.PrevHash);
  const record: BlockProof = {
    round: proof.round,
    commit: proof.commit,
    reveal: proof.reveal,
    ticket: figures.ticket,
    total: figures.total,
    rangeStart: figures.rangeStart,
    rangeEnd: figures.rangeEnd,
    candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: c.stake, name: null })),
    ...(proof.rule === undefined ? {} : { rule: proof.rule }),
    ...(proof.priorities === undefined ? {} : { priorities: proof.priorities }),
  };
  const issue = checkDraw(block, record);
  if (issue) return fail(issue.message);
  return {
    range: okCheck(
      "range",
      proof.rule === "round-robin"
        ? `the round's priority table over its ${candidates.length} candidates puts this block's Validator highest`
        : `the draw re-run over the round's full list of ${candidates.length} picks this block's Validator`,
    ),
    root: rootHash,
  };
}

/**
 * The figures a block push would have announced, as decimal text, for a block that came without them
 * (from a welcome or a chain page): from the round robin's table, or from re-running the draw.
 */
function replayedFigures(proof: ProofMessage, candidates: readonly Candidate[], prevHash: string) {
  const outcome =
    proof.rule === "round-robin"
      ? roundRobinOutcome(proof.candidates, proof.priorities ?? [])
      : draw(candidates, lotterySeed(proof.reveal, prevHash, proof.round));
  const text = (n: bigint | undefined) => (n === undefined ? "0" : n.toString());
  return {
    ticket: text(outcome?.ticket),
    total: text(outcome?.total),
    rangeStart: text(outcome?.rangeStart),
    rangeEnd: text(outcome?.rangeEnd),
  };
}
