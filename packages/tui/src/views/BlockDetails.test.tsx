import { LiveVerifier, sha256Hex } from "@pos-tui/core";
import { blocksInTurn, testKeys } from "@pos-tui/testkit/chain";
import { drawnRound, lotteryFor, validatorInfo, welcomePush } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { candidateList } from "../state/candidate-list.js";
import { chainEntry } from "../state/dashboard-state.js";
import { BlockDetails, detailsMaxScroll } from "./BlockDetails.js";

const alice = testKeys(1);
const bob = testKeys(2);
const validators = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100")],
  [bob.publicKey, validatorInfo(bob, "bob", "150")],
]);
const chain = blocksInTurn(3, [alice, bob]);

/** A real lottery that picks block 3's proposer (a reveal is tried until one does), so the re-check passes. */
function realRound() {
  const prevHash = chain[2]!.Hash;
  const candidates = [
    { validator: alice.publicKey, stake: 100n },
    { validator: bob.publicKey, stake: 150n },
  ].sort((a, b) => (a.validator < b.validator ? -1 : 1));
  const round = (reveal: string) => drawnRound(candidates, reveal, prevHash, 7, 3);
  let attempt = 0;
  while (round(sha256Hex(`secret ${attempt}`)).drawn.winner !== chain[3]!.Validator) attempt++;
  const { proof, lottery } = round(sha256Hex(`secret ${attempt}`));
  return { proof: candidateList(proof), lottery, raw: proof };
}

/**
 * Block 3 as the state holds it once a LiveVerifier saw the welcome (round 7 open), the block's push
 * (with `lottery`) and the round's full candidate list.
 */
function checkedEntry(lottery = realRound().lottery) {
  const { proof, raw } = realRound();
  const verifier = new LiveVerifier();
  const welcome = welcomePush({ you: null, blocks: chain.slice(0, 3), validators: [], round: 7 });
  if (welcome.type === "welcome" && welcome.round !== null) welcome.round.commit = raw.commit;
  verifier.receive(welcome);
  verifier.receive({ type: "block", block: chain[3]!, lottery, winnerName: null });
  verifier.receive(raw);
  return { entry: chainEntry(chain[3]!, lottery, verifier.verdict(3)), proof };
}

/** The check lines of a frame, with runs of spaces squeezed: "✓ hash sha256 over ...". */
const checkLine = (frame: string, id: string) =>
  linesOf(frame)
    .map((line) => line.replace(/ +/g, " ").trim())
    .find((line) => new RegExp(`^. ${id} `).test(line));

describe("BlockDetails", () => {
  it("shows full hashes, the signature and the lottery, and lists every check with what it found", async () => {
    const { entry, proof } = checkedEntry();
    const block = chain[3]!;
    const lottery = entry.lottery!;
    const frame = await frameOf(
      <BlockDetails entry={entry} proof={proof} validators={validators} me={null} width={100} height={40} />,
    );
    const flat = frame.replace(/\s+/g, "");
    expect(flat).toContain(block.Hash);
    expect(flat).toContain(block.PrevHash);
    expect(flat).toContain(block.Signature);
    expect(flat).toContain(lottery.commit);
    expect(frame).toContain("checks     ✓ verified");
    expect(entry.verdict.checks.map((c) => c.id)).toEqual([
      "hash",
      "signature",
      "index",
      "link",
      "time",
      "commit",
      "reveal",
      "ticket",
      "range",
    ]);
    for (const check of entry.verdict.checks)
      expect(`✓ ${check.id} ${check.message}`.startsWith(checkLine(frame, check.id) ?? "none")).toBe(true);
    expect(checkLine(frame, "range")).toMatch(/^✓ range the draw re-run over the round's full list of 2/);
    expect(frame).toContain(`ticket     ${lottery.ticket} of 250`);
    expect(frame).toContain(`range      ${lottery.rangeStart}..${lottery.rangeEnd}`);
    expect(frame).toMatch(/alice +\d+\.\.\d+ stake 100/);
  });

  it("scrolls at 60x20: the ticket, the picture of the ranges and the candidates are all reachable", async () => {
    const { entry, proof } = checkedEntry();
    const props = { entry, proof, validators, me: null, width: 60, height: 13 };
    const top = await frameOf(<BlockDetails {...props} />);
    expect(linesOf(top)).toHaveLength(13);
    expect(widest(top)).toBeLessThanOrEqual(60);
    expect(linesOf(top)[0]).toMatch(/^Block #3 · by \w+ · Esc closes · ↑↓ 1-12\/\d+/);
    expect(top).not.toContain("ticket ^");
    const max = detailsMaxScroll(props);
    expect(max).toBeGreaterThan(5);
    // Every check is reachable by scrolling, each on its own line.
    const seenLines = new Set<string>();
    for (let scroll = 0; scroll <= max; scroll++)
      for (const line of linesOf(await frameOf(<BlockDetails {...props} scroll={scroll} />)))
        seenLines.add(line);
    for (const check of entry.verdict.checks)
      expect([...seenLines].some((line) => line.startsWith(`✓ ${check.id} `))).toBe(true);
    const bottom = linesOf(await frameOf(<BlockDetails {...props} scroll={max} />));
    expect(bottom).toHaveLength(13);
    // The bar: alice's 100 and bob's 150 side by side on 60 cells, 24 and 36, the ticket under the winner's.
    const barAt = bottom.findIndex((line) => /^[▓█]{60}$/.test(line));
    expect(barAt).toBe(8);
    const bar = bottom[barAt]!;
    const aliceFirst = alice.publicKey < bob.publicKey;
    expect(bar).toBe(aliceFirst ? "▓".repeat(24) + "█".repeat(36) : "█".repeat(36) + "▓".repeat(24));
    const caret = bottom[barAt + 1]!;
    const at = caret.indexOf("^");
    const lottery = entry.lottery!;
    expect(caret).toContain(`ticket ${lottery.ticket}`);
    expect(at).toBe(Math.floor((Number(lottery.ticket) * 60) / 250));
    expect(bar[at]).toBe("█");
    expect(bottom.at(-2)).toMatch(/^[▓█] (alice|bob) /);
    expect(bottom.join("\n")).toMatch(/█ (alice|bob) +\d+\.\.\d+ stake \d+ winner/);
    // Scrolling past the end stays at the end.
    expect(linesOf(await frameOf(<BlockDetails {...props} scroll={max + 50} />))).toEqual(bottom);
  });

  it("draws the picture and the checks in ASCII when asked", async () => {
    const { entry, proof } = checkedEntry();
    const frame = await frameOf(
      <BlockDetails
        entry={entry}
        proof={proof}
        validators={validators}
        me={null}
        width={60}
        height={80}
        ascii
      />,
    );
    expect(frame).toMatch(/^[=#]{60}$/m);
    expect(frame).toMatch(/^ *\^ ticket \d+|ticket \d+ \^$/m);
    expect(frame).toContain("checks     + verified");
    expect(frame).toMatch(/^\+ range +the draw re-run over the round/m);
    expect(frame).not.toMatch(/[^\x20-\x7e\n·]/);
  });

  it("flags a block whose announced ticket is not the seed's, nor the one the draw gives", async () => {
    const { lottery } = realRound();
    const wrong = String(BigInt(lottery.ticket) + 1n);
    const { entry, proof } = checkedEntry({ ...lottery, ticket: wrong });
    const frame = await frameOf(
      <BlockDetails entry={entry} proof={proof} validators={validators} me={null} width={100} height={40} />,
    );
    expect(frame).toContain("checks     ✗ failed");
    expect(checkLine(frame, "ticket")).toBe(
      `✗ ticket the block says ticket ${wrong}, but seed mod 250 is ${lottery.ticket}`,
    );
    expect(checkLine(frame, "range")).toBe(
      `✗ range the proof's ticket ${wrong} is not the draw's ticket ${lottery.ticket}`,
    );
    expect(checkLine(frame, "reveal")).toMatch(/^✓ reveal/);
  });

  it("flags a reveal that does not match its commit, the range waiting for the candidate list", async () => {
    const lottery = lotteryFor(3);
    const verifier = new LiveVerifier();
    const welcome = welcomePush({ you: null, blocks: chain.slice(0, 2), validators: [], round: 3 });
    if (welcome.type === "welcome" && welcome.round !== null) welcome.round.commit = lottery.commit;
    verifier.receive(welcome);
    verifier.receive({ type: "block", block: chain[2]!, lottery, winnerName: null });
    const entry = chainEntry(chain[2]!, lottery, verifier.verdict(2));
    const frame = await frameOf(
      <BlockDetails entry={entry} proof={null} validators={validators} me={null} width={100} height={30} />,
    );
    expect(checkLine(frame, "reveal")).toBe(
      `✗ reveal sha256 of the revealed secret is not the commit ${"c".repeat(8)}`,
    );
    expect(checkLine(frame, "range")).toMatch(/^… range the server sent no candidate tree/);
    expect(frame).toContain("asking the server for the candidate list");
  });

  it("explains a block seen before connecting, its lottery pending, and fits 60 columns", async () => {
    const verifier = new LiveVerifier();
    verifier.receive(welcomePush({ you: null, blocks: chain.slice(0, 2), validators: [], round: 3 }));
    const entry = chainEntry(chain[1]!, null, verifier.verdict(1));
    const frame = await frameOf(
      <BlockDetails entry={entry} proof={null} validators={validators} me={null} width={60} height={30} />,
    );
    expect(frame).toContain("not seen live");
    expect(frame).toContain("checks     … pending");
    expect(checkLine(frame, "link")).toMatch(/^✓ link PrevHash is block 0's hash/);
    expect(checkLine(frame, "range")).toMatch(/^… range from before this client connected/);
    expect(widest(frame)).toBeLessThanOrEqual(60);
  });

  it("says what the checks found when the data arrived, without running them again", async () => {
    const { entry, proof } = checkedEntry();
    // Every check would pass if run here: the lines must come from the stored verdict.
    const stored = {
      ...entry,
      verdict: {
        ...entry.verdict,
        status: "failed" as const,
        checks: [{ id: "reveal" as const, status: "failed" as const, message: "stored verdict" }],
      },
    };
    const frame = await frameOf(
      <BlockDetails entry={stored} proof={proof} validators={validators} me={null} width={100} height={40} />,
    );
    expect(checkLine(frame, "reveal")).toBe("✗ reveal stored verdict");
    expect(checkLine(frame, "hash")).toBeUndefined();
  });

  it("in the tamper view, says so and shows the edit being typed", async () => {
    const { entry, proof } = checkedEntry();
    const props = { entry, proof, validators, me: null, width: 60, height: 20 };
    const editing = await frameOf(<BlockDetails {...props} edit="9" />);
    expect(editing).toContain("edit BPM (tamper view, nothing is sent): 9_");
    const tampered = await frameOf(<BlockDetails {...props} tampered />);
    expect(linesOf(tampered)[0]).toMatch(/^Block #3 \(edited here\) · by \w+ · Esc restores/);
    expect(tampered).toContain("tamper view: this block as edited here, never sent");
  });
});
