import { testKeys } from "@pos-tui/testkit/chain";
import { validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { stakeRows } from "../state/stake-rows.js";
import { StakePanel } from "./StakePanel.js";

const alice = testKeys(1);
const bob = testKeys(2);
const anon = testKeys(3);
const three = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100", 3)],
  [bob.publicKey, validatorInfo(bob, "bob", "300", 5)],
  [anon.publicKey, validatorInfo(anon, null, "100", 2, false)],
]);

/** A class: `n` validators v0..v(n-1), stakes falling with the index, every third one gone home. */
function classOf(n: number, me: number) {
  return new Map(
    Array.from({ length: n }, (_, i) => {
      const keys = testKeys(i + 10);
      const name = i === me ? "me" : `v${i}`;
      return [keys.publicKey, validatorInfo(keys, name, String(1000 - i), i % 7, i % 3 !== 2)] as const;
    }),
  );
}
const meKey = (i: number) => testKeys(i + 10).publicKey;

describe("StakePanel", () => {
  it("puts online validators first; the % is the chance among those online, offline ones apart", async () => {
    const frame = await frameOf(
      <StakePanel rows={stakeRows(three, alice.publicKey)} width={80} height={6} />,
    );
    const lines = linesOf(frame);
    expect(lines[0]).toBe("Stake · 2 online, 1 offline · % = expected win% next round");
    // bob 300 and alice 100 are the only ones who can win: 75% and 25%, not 60% and 20% of all stake.
    expect(lines[1]).toMatch(/^● bob +█+░* +75\.0% won +50\.0% +5$/);
    expect(lines[2]).toMatch(/^●\*alice .* 25\.0% won +30\.0% +3$/);
    expect(lines[3]).toMatch(/^── offline: 1, not in the draw/);
    expect(lines[4]).toMatch(new RegExp(`^○ ${anon.publicKey.slice(0, 8)} +░+ +off won +20\\.0% +2$`));
    // The bar is proportional to the chance: bob's holds three times alice's.
    const filled = (line: string) => (line.match(/█/g) ?? []).length;
    expect(filled(lines[1]!)).toBeCloseTo(3 * filled(lines[2]!), -0.5);
  });

  it("hides the offline ones on request, and draws ASCII", async () => {
    const frame = await frameOf(
      <StakePanel rows={stakeRows(three, alice.publicKey)} width={80} height={6} hideOffline ascii />,
    );
    const lines = linesOf(frame);
    expect(lines[0]).toContain("2 online, 1 offline (hidden)");
    expect(lines.filter((line) => line.trim() !== "")).toHaveLength(3);
    expect(lines[1]).toMatch(/^o bob +#+-* +75\.0%/);
    expect(frame).not.toMatch(/[^\x20-\x7e\n·]/);
  });

  it("keeps your row on screen among 60 validators, whichever way the list is scrolled", async () => {
    const validators = classOf(60, 45);
    const rows = stakeRows(validators, meKey(45));
    for (const offset of [0, 10, 55]) {
      const frame = await frameOf(<StakePanel rows={rows} width={80} height={6} offset={offset} />);
      const lines = linesOf(frame);
      expect(lines).toHaveLength(6);
      expect(lines.filter((line) => /^[●○]\*me /.test(line))).toHaveLength(1);
      expect(lines.at(-1)).toMatch(/more|above/);
    }
    const top = linesOf(await frameOf(<StakePanel rows={rows} width={80} height={6} offset={0} />));
    expect(top[1]).toMatch(/^● v0 /);
    expect(top.at(-1)).toBe("↓ 57 more · s or Tab: scroll");
  });

  it("scrolls: an offset shows the rows further down and says what is above", async () => {
    const rows = stakeRows(classOf(60, 0), meKey(0));
    const lines = linesOf(
      await frameOf(<StakePanel rows={rows} width={80} height={8} offset={20} focused />),
    );
    expect(lines[1]).toMatch(/^●\*me /);
    expect(lines[2]).toMatch(/^● v3[0-9] /);
    expect(lines.at(-1)).toMatch(/^↑ 19 above · ↓ \d+ more · ↑↓ PgUp PgDn scroll/);
  });

  it("fits narrow widths", async () => {
    for (const width of [40, 60]) {
      const frame = await frameOf(<StakePanel rows={stakeRows(three, null)} width={width} height={4} />);
      expect(widest(frame)).toBeLessThanOrEqual(width);
    }
  });

  it("says when there is nobody yet", async () => {
    expect(await frameOf(<StakePanel rows={[]} width={60} height={3} />)).toContain("no validators yet");
  });
});
