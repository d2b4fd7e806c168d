import { describe, expect, it } from "vitest";
import { stakeRows } from "../state/stake-rows.js";
import { testKeys, validatorInfo } from "../test/fixtures.js";
import { frameOf, linesOf, widest } from "../test/render.js";
import { StakePanel } from "./StakePanel.js";

const alice = testKeys(1);
const bob = testKeys(2);
const anon = testKeys(3);
const three = new Map([
  [alice.publicKey, validatorInfo(alice, "alice", "100", 3)],
  [bob.publicKey, validatorInfo(bob, "bob", "300", 5)],
  [anon.publicKey, validatorInfo(anon, null, "100", 2, false)],
]);

describe("StakePanel", () => {
  it("draws one bar per validator sorted by stake, with stake share beside win share", async () => {
    const frame = await frameOf(
      <StakePanel rows={stakeRows(three, alice.publicKey)} width={80} height={6} />,
    );
    const lines = linesOf(frame);
    expect(lines[0]).toContain("Stake · 3 validators");
    expect(lines[1]).toMatch(/^● bob +█+░* +60\.0% won +50\.0% +5$/);
    expect(lines[2]).toMatch(/^●\*alice .* 20\.0% won +30\.0% +3$/);
    expect(lines[3]).toMatch(new RegExp(`^○ ${anon.publicKey.slice(0, 8)} .* 20\\.0% won +20\\.0% +2$`));
    // The bar is proportional to stake share: bob's holds three times alice's.
    const filled = (line: string) => (line.match(/█/g) ?? []).length;
    expect(filled(lines[1]!)).toBeCloseTo(3 * filled(lines[2]!), -0.5);
  });

  it("shows the top validators and +K more when many do not fit", async () => {
    const many = new Map(
      Array.from({ length: 50 }, (_, i) => {
        const keys = testKeys(i + 10);
        return [keys.publicKey, validatorInfo(keys, `v${i}`, String(1000 - i), i)] as const;
      }),
    );
    const frame = await frameOf(<StakePanel rows={stakeRows(many, null)} width={60} height={6} />);
    const lines = linesOf(frame);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain("v0 ");
    expect(lines.at(-1)).toBe("+46 more");
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
