import { testKeys } from "@pos-tui/testkit/chain";
import { validatorInfo } from "@pos-tui/testkit/pushes";
import { frameOf, linesOf, widest } from "@pos-tui/testkit/render";
import { describe, expect, it } from "vitest";
import { recordStakes, type StakeSample } from "../state/stake-history.js";
import { ShareChartView } from "./ShareChartView.js";

const alice = testKeys(1);
const bob = testKeys(2);
const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, "");

/** Bob wins every block with a reward of 50: his share climbs from half. */
function rewarded(blocks: number) {
  let history: StakeSample[] = [];
  let validators = new Map();
  for (let i = 0; i < blocks; i++) {
    validators = new Map([
      [alice.publicKey, validatorInfo(alice, "alice", "100")],
      [bob.publicKey, validatorInfo(bob, "bob", String(100 + 50 * i))],
    ]);
    history = recordStakes(history, i + 1, validators, 0, 120);
  }
  return { stakeHistory: history, validators, me: alice.publicKey };
}

describe("ShareChartView", () => {
  it("draws each validator's share over the blocks at 80x24", async () => {
    const frame = strip(await frameOf(<ShareChartView state={rewarded(20)} width={80} height={21} />));
    const lines = linesOf(frame);
    expect(widest(frame)).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines[0]).toBe("Stake share over time · blocks 1 to 20 · c or Esc closes");
    // 100 + 50 * 19 = 1050 of 1150: bob 91.3%, you 8.7%.
    expect(lines[1]).toBe("bob 91.3%  you 8.7%");
    expect(lines[2]).toMatch(/^\s*95\.0% [┤┼]/);
    // Both start at half: the lines leave the 50% row, one up and one down.
    expect(lines.filter((line) => /^\s*\d+\.\d% ┼[╮╯]/.test(line))).toHaveLength(1);
    expect(lines.some((line) => /^\s*0\.0% [┤┼]/.test(line))).toBe(true);
  });

  it("says what it waits for before the second block", async () => {
    const frame = await frameOf(<ShareChartView state={rewarded(1)} width={80} height={21} />);
    expect(frame).toContain("Waiting for blocks: the chart starts with the second one seen.");
  });
});
